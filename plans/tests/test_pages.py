"""The plan pages: who sees what, quality findings as the plan is written, refusing edits of an
issued version, stale edits, double submits, auditing every read, and constant queries."""

import uuid
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audit.models import Action, AuditEvent
from casework.tests.factories import case_at
from plans import services
from plans.models import EHCPlan, Need, Provision
from plans.tests.factories import add_need, add_outcome, add_provision, draft_plan, issued_plan

pytestmark = pytest.mark.django_db


def version_url(plan, number, name="plans:version_detail", *extra):
    return reverse(name, args=[plan.public_id, number, *extra])


def test_staff_see_the_quality_findings_as_the_plan_is_written_and_families_do_not(area, login):
    version = draft_plan(area.own_child)
    need = add_need(version)
    add_provision(version, [need], what="Access to a quiet room", frequency="", who="")
    page = login("caseworker").page(version_url(version.plan, 1))
    found = {li["data-finding"] for li in page.select("#findings li")}
    assert {
        "provision_vague",
        "provision_no_frequency",
        "provision_no_deliverer",
        "need_no_outcome",
        "no_base",
    } <= found
    assert "Access to a quiet room" in page.select_one("#section-F").find_next("table").get_text()
    services.serve_draft(None, version, date(2026, 7, 6))
    family = login("parent").page(version_url(version.plan, 1))
    assert family.select_one("#quality") is None and family.select_one("#actions") is None


def test_families_see_issued_versions_and_drafts_sent_to_them_only(area, login):
    plan, _ = issued_plan(area.own_child)
    draft = services.start_amendment(None, plan)
    parent = login("parent")
    assert parent.get(version_url(plan, 1)).status_code == 200
    assert parent.get(version_url(plan, 2)).status_code == 404
    assert AuditEvent.objects.filter(
        actor=area.users["parent"], action=Action.DENIED, summary="Refused: version 2 of the plan"
    ).exists()
    versions = parent.page(reverse("plans:plan_detail", args=[plan.public_id])).select("#versions tbody tr")
    assert len(versions) == 1
    services.serve_draft(None, draft, date(2026, 10, 1))
    assert parent.get(version_url(plan, 2)).status_code == 200


def test_no_one_else_sees_a_plan_and_each_refusal_is_audited(area, login):
    plan, _ = issued_plan(area.other_child)
    for persona in ("parent", "senco", "ep", "dco", "young_person"):
        assert login(persona).get(version_url(plan, 1)).status_code == 404, persona
        assert AuditEvent.objects.filter(
            actor=area.users[persona], action=Action.DENIED, child=area.other_child
        ).exists(), persona


def test_every_read_of_a_plan_is_audited(area, login):
    plan, _ = issued_plan(area.own_child)
    client = login("panel")
    before = AuditEvent.objects.filter(action=Action.VIEW, child=area.own_child).count()
    for url in (
        reverse("plans:plan_detail", args=[plan.public_id]),
        version_url(plan, 1),
        version_url(plan, 1, "plans:version_profile"),
    ):
        client.page(url)
    assert AuditEvent.objects.filter(action=Action.VIEW, child=area.own_child).count() == before + 3


def test_the_pages_refuse_to_change_an_issued_version(area, login):
    plan, version = issued_plan(area.own_child)
    client = login("caseworker")
    need = version.needs.get()
    for url in (
        version_url(plan, 1, "plans:edit_section", "A"),
        version_url(plan, 1, "plans:item_add", "needs"),
        version_url(plan, 1, "plans:item_edit", "needs", need.key),
        version_url(plan, 1, "plans:item_remove", "needs", need.key),
    ):
        response = client.post(
            url, {"version": version.version, "description": "Changed", "child_views": "x"}
        )
        assert response.status_code == 302 and response["Location"] == version_url(plan, 1), url
    assert Need.objects.get(pk=need.pk).description == need.description
    assert version.needs.count() == 1
    page = client.page(version_url(plan, 1))
    assert "cannot be changed" in page.select_one("#issued").get_text()
    assert not page.select("a[href*='/needs/']")


def test_adding_an_item_twice_with_one_form_creates_it_once(area, login):
    version = draft_plan(area.own_child)
    client = login("caseworker")
    url = version_url(version.plan, 1, "plans:item_add", "provision")
    token = client.page(url).select_one("input[name=form_token]")["value"]
    data = {
        "form_token": token,
        "version": version.version,
        "section": "F",
        "what": "Daily reading with an adult",
    }
    first = client.post(url, data)
    second = client.post(url, data)
    assert first.status_code == second.status_code == 302 and first["Location"] == second["Location"]
    item = Provision.objects.get(version=version)
    assert item.frequency == "" and first["Location"].endswith(f"#item-{item.key}")
    page = client.page(version_url(version.plan, 1))
    assert any(li["data-finding"] == "provision_no_frequency" for li in page.select("#findings li"))


def test_an_edit_made_on_an_out_of_date_page_is_refused(area, login):
    version = draft_plan(area.own_child)
    url = version_url(version.plan, 1, "plans:edit_section", "A")
    first, second = login("caseworker"), login("manager")
    opened = first.page(url).select_one("input[name=version]")["value"]
    assert second.page(url).select_one("input[name=version]")["value"] == opened
    assert first.post(url, {"version": opened, "child_views": "Mine"}).status_code == 302
    response = second.post(url, {"version": opened, "child_views": "Theirs"})
    assert response.status_code == 200 and "Someone else saved a change" in response.content.decode()
    version.refresh_from_db()
    assert version.child_views == "Mine"


def test_a_caseworker_takes_a_plan_from_assessment_to_issue_through_the_pages(area, login):
    case = case_at(area.own_child, "drafting")
    client = login("caseworker")
    listed = client.page(reverse("plans:plan_list"))
    assert case.child.full_name in listed.select_one("#waiting").get_text()
    url = reverse("plans:start_plan", args=[case.public_id])
    token = client.page(url).select_one("input[name=form_token]")["value"]
    response = client.post(url, {"form_token": token})
    assert client.post(url, {"form_token": token})["Location"] == response["Location"]
    plan = EHCPlan.objects.get(child=area.own_child)
    assert plan.versions.count() == 1
    version = plan.versions.get()
    need = add_need(version)
    add_provision(version, [need], [add_outcome(version, [need])])
    for name, label, day in (("plans:serve_draft", "sent", "6"), ("plans:issue", "issued", "27")):
        form = client.page(version_url(plan, 1, name))
        data = {
            "form_token": form.select_one("input[name=form_token]")["value"],
            "on_day": day,
            "on_month": "7",
            "on_year": "2026",
        }
        assert client.post(version_url(plan, 1, name), data).status_code == 302, label
    version.refresh_from_db()
    assert version.is_issued and version.issued_on == date(2026, 7, 27)
    case.refresh_from_db()
    assert case.stage == "final"


def test_a_refused_step_is_explained_on_the_form(area, login):
    version = draft_plan(area.own_child)
    client = login("manager")
    url = version_url(version.plan, 1, "plans:issue")
    # The page says why before anyone types a date (plans.lifecycle.why_not) ...
    assert "Send the draft to the family before issuing it" in client.page(url).select_one("#blocked").text
    # ... and a form sent anyway is refused in the same words.
    token = str(uuid.uuid4())
    response = client.post(url, {"form_token": token, "on_day": "1", "on_month": "8", "on_year": "2026"})
    assert (
        response.status_code == 200
        and "Send the draft to the family before issuing it" in response.content.decode()
    )


def test_the_compare_page_shows_an_added_provision_item(area, login):
    plan, _ = issued_plan(area.own_child)
    draft = services.start_amendment(None, plan)
    add_provision(draft, [draft.needs.get()], what="Lego therapy with a trained teaching assistant")
    services.serve_draft(None, draft, date(2026, 10, 1))
    page = login("parent").page(reverse("plans:compare", args=[plan.public_id]) + "?from=1&to=2")
    changes = page.select_one("#changes-F").find_next("ul")
    added = changes.select_one("[data-change=added]")
    assert "Lego therapy with a trained teaching assistant" in added.get_text()


def queries_for(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def add_items(version, n):
    for i in range(n):
        need = add_need(version, f"Need {i}")
        outcome = add_outcome(version, [need], f"Outcome {i}")
        add_provision(version, [need], [outcome], what=f"Provision {i}")


@pytest.mark.parametrize("persona", ["caseworker", "parent"])
def test_the_plan_pages_use_the_same_queries_for_1_or_6_items(area, login, persona):
    version = draft_plan(area.own_child)
    services.serve_draft(None, version, date(2026, 7, 6))
    add_items(version, 1)
    client = login(persona)
    urls = [version_url(version.plan, 1), version_url(version.plan, 1, "plans:version_profile")]
    few = [queries_for(client, url) for url in urls]
    add_items(version, 5)
    assert [queries_for(client, url) for url in urls] == few


def test_the_plan_list_uses_the_same_queries_for_1_or_6_plans(area, login):
    from people.tests.factories import ChildFactory

    client = login("manager")
    issued_plan(area.own_child)
    few = queries_for(client, reverse("plans:plan_list"))
    for _ in range(5):
        issued_plan(ChildFactory(setting=area.school))
    assert queries_for(client, reverse("plans:plan_list")) == few
    stored = queries_for(client, reverse("plans:quality"))  # judges the new plans and stores their results
    assert queries_for(client, reverse("plans:quality")) < stored
    issued_plan(ChildFactory(setting=area.school))
    assert queries_for(client, reverse("plans:quality")) == stored, "one plan judged costs what six did"


def test_the_plan_list_filters_by_status_and_a_bad_status_is_a_govuk_error(area, login):
    issued_plan(area.own_child)
    draft_plan(area.other_child)
    client = login("manager")

    def listed(query):
        soup = client.page(reverse("plans:plan_list") + query)
        return soup, [a.get_text(strip=True) for a in soup.select("#plans tbody tr td:first-child a")]

    _, everyone = listed("")
    assert len(everyone) == 2
    soup, drafting = listed("?status=drafting")
    assert drafting == [a for a in everyone if area.other_child.legal_last_name in a]
    assert soup.select_one("select#status option[selected]")["value"] == "drafting"
    soup, none = listed("?status=nonsense")
    assert none == [] and soup.select_one(".govuk-error-summary a[href='#status']")
