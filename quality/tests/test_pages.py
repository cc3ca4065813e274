"""The quality pages: drawing samples, assigning, grading beside the plan, moderation, actions,
exports and the rubric. Refusals show a clear message and save nothing; every read is audited."""

from html import unescape

import pytest
from django.urls import reverse

from audit.models import Action, AuditEvent
from core.tests.list_export_helpers import csv_lines, export_job, exported
from people.tests.factories import UserFactory
from quality import services
from quality.models import ActionStatus, Audit, AuditStatus, Moderation, QualityAction, Rubric, Sample
from quality.services import QualityRefused
from quality.tests.factories import CYCLE, audit_cycle, bulk_plans, grades_for, plan_for

pytestmark = pytest.mark.django_db


def _grade_post(audit, weak_area="", grade="good", **extra):
    data = {"version": audit.version, "overall": "good", "family_voice": "", "young_person_voice": ""}
    for pk, (value, comment) in grades_for(audit, weak_area, grade).items():
        data[f"grade_{pk}"], data[f"comment_{pk}"] = value, comment
    data.update(extra)
    return data


def _draw(client, **fields):
    data = {"cycle_day": CYCLE.day, "cycle_month": CYCLE.month, "cycle_year": CYCLE.year, **fields}
    return client.post(reverse("quality:samples"), data)


def test_a_manager_draws_a_random_and_a_thematic_sample(area, login):
    bulk_plans(40, in_care_every=4)
    client = login("manager")
    response = _draw(client, kind="random", percentage="10", seed="5")
    sample = Sample.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"{sample.public_id}/")
    assert sample.audits.count() == 4 and sample.seed == 5
    _draw(client, kind="thematic", theme="in_care", size="3")
    thematic = Sample.objects.get(theme="in_care")
    assert thematic.audits.count() == 3
    assert set(thematic.audits.values_list("plan__child__social_care_status", flat=True)) == {"LAC"}
    page = client.page(reverse("quality:samples"))
    assert "Children in care, September 2026" in page.get_text()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"kind": "random"}, "Enter either a percentage of plans or a number of plans"),
        ({"kind": "random", "percentage": "5", "size": "3"}, "Enter either a percentage"),
        ({"kind": "thematic", "size": "3"}, "Choose a theme for the thematic sample"),
        ({"kind": "thematic", "theme": "primary_need", "size": "3"}, "Choose a primary need"),
        ({"kind": "random", "percentage": "lots"}, "Enter the percentage as a number"),
        ({"kind": "random", "percentage": "150"}, "Enter a percentage between 0.01 and 100"),
    ],
)
def test_a_bad_sample_is_refused_with_a_message_and_nothing_drawn(area, login, fields, message):
    bulk_plans(5)
    response = _draw(login("manager"), **fields)
    assert response.status_code == 200
    assert message in response.content.decode() and "govuk-error-summary" in response.content.decode()
    assert not Sample.objects.exists() and not Audit.objects.exists()


def test_a_double_submitted_draw_draws_once(area, login):
    bulk_plans(10)
    client = login("manager")
    token = "6f1c7b2e-4a51-4a43-9a39-8f9e5a4b7c11"
    first = _draw(client, kind="random", size="2", form_token=token)
    second = _draw(client, kind="random", size="2", form_token=token)
    assert Sample.objects.count() == 1 and first["Location"] == second["Location"]


def test_assigning_refuses_the_plans_caseworker_and_accepts_an_auditor(area, login):
    plan_for(area.users["caseworker"])
    client = login("manager")
    _draw(client, kind="random", size="1")
    audit = Audit.objects.get()
    url = reverse("quality:sample_detail", args=[audit.sample.public_id])
    refused = client.post(
        url, {"audit": audit.public_id, f"a{audit.pk}-auditor": area.users["caseworker"].pk}
    )
    assert "wrote this plan or is its caseworker" in refused.content.decode()
    audit.refresh_from_db()
    assert audit.auditor is None
    client.post(url, {"audit": audit.public_id, f"a{audit.pk}-auditor": area.users["auditor"].pk})
    audit.refresh_from_db()
    assert audit.auditor == area.users["auditor"]


def test_auditors_see_only_their_own_audits_and_each_read_is_audited(area, login):
    cycle = audit_cycle(area)
    mine = login("auditor").page(reverse("quality:my_audits"))
    assert mine.find(id="mine").find_all(
        "a", href=reverse("quality:audit_detail", args=[cycle.assigned.public_id])
    )
    assert not mine.find(id="mine").find_all(
        "a", href=reverse("quality:audit_detail", args=[cycle.submitted.public_id])
    )
    other = login("auditor").get(reverse("quality:audit_detail", args=[cycle.submitted.public_id]))
    assert other.status_code == 403
    page = login("auditor").page(reverse("quality:audit_detail", args=[cycle.assigned.public_id]))
    assert page.find(id="audited-plan") and page.find(id="audit-form")
    assert AuditEvent.objects.filter(
        action=Action.VIEW, object_id=str(cycle.assigned.public_id), actor=area.users["auditor"]
    ).exists()


def test_an_audit_with_ungraded_criteria_is_refused_and_nothing_saved(area, login):
    audit = audit_cycle(area).assigned
    data = _grade_post(audit, submit="1")
    first = audit.rubric.criteria.first()
    data[f"grade_{first.pk}"] = ""
    del data["overall"]
    response = login("auditor").post(reverse("quality:audit_detail", args=[audit.public_id]), data)
    body = unescape(response.content.decode())
    assert f"Choose a grade for {first.title}" in body and "Choose an overall grade for the plan" in body
    audit.refresh_from_db()
    assert audit.status == AuditStatus.ASSIGNED and not audit.grades.exists()


def test_a_stale_edit_of_an_audit_is_refused(area, login):
    audit = audit_cycle(area).assigned
    client = login("auditor")
    url = reverse("quality:audit_detail", args=[audit.public_id])
    client.post(url, _grade_post(audit, save="1"))
    response = client.post(url, _grade_post(audit, grade="outstanding", save="1"))  # the old version
    assert "Someone else saved a change" in response.content.decode()
    assert set(audit.grades.values_list("grade", flat=True)) == {"good"}


def test_an_auditor_submits_and_the_weak_criterion_becomes_the_caseworkers_action(area, login):
    audit = audit_cycle(area).assigned
    response = login("auditor").post(
        reverse("quality:audit_detail", args=[audit.public_id]),
        _grade_post(audit, "E", submit="1", young_person_voice="I want to go to college"),
    )
    assert response.status_code == 302
    audit.refresh_from_db()
    assert audit.status == AuditStatus.SUBMITTED and audit.young_person_voice == "I want to go to college"
    action = QualityAction.objects.get(audit=audit)
    assert action.assigned_to == area.users["caseworker"] and action.criterion.area == "E"
    listed = login("caseworker").page(reverse("quality:action_list"))
    assert listed.find("a", href=reverse("quality:action_detail", args=[action.public_id]))


def test_the_first_auditor_cannot_moderate_their_own_audit(area, login):
    cycle = audit_cycle(area)
    client = _signed_in(cycle.second)
    url = reverse("quality:moderate", args=[cycle.submitted.public_id])
    assert client.get(url).status_code == 403
    assert client.post(url, _grade_post(cycle.submitted)).status_code == 403
    assert not Moderation.objects.filter(audit=cycle.submitted).exists()


def _signed_in(user):
    from conftest import _signed_in_client

    return _signed_in_client(user)


def test_a_disagreement_is_shown_side_by_side_and_resolved_with_a_reason(area, login):
    cycle = audit_cycle(area)
    client = login("manager")
    url = reverse("quality:resolve", args=[cycle.moderation.public_id])
    page = client.page(url)
    rows = page.find(id="side-by-side").find_all("tr", attrs={"data-disagreement": True})
    assert len(rows) == 2  # section E (weak to the first auditor) and F (weak to the moderator)
    data = {}
    for row in rows:
        data[f"agreed_{row['data-disagreement']}"] = "requires_improvement"
    refused = client.post(url, data)
    assert "Enter why the grade for" in refused.content.decode()
    assert cycle.moderating.actions.count() == 1
    for row in rows:
        data[f"reason_{row['data-disagreement']}"] = "Agreed at moderation: outcomes are not SMART"
    assert client.post(url, data).status_code == 302
    audit = Audit.objects.get(pk=cycle.moderating.pk)
    assert audit.status == AuditStatus.AGREED
    assert audit.actions.filter(status=ActionStatus.OPEN).count() == 2


def test_a_differing_overall_grade_is_shown_side_by_side_and_the_agreed_one_is_counted(area, login):
    cycle = audit_cycle(area)
    audit = cycle.submitted  # graded good overall by the second auditor
    url = reverse("quality:moderate", args=[audit.public_id])
    moderator = login("auditor")
    data = {k: v for k, v in _grade_post(audit, "E").items() if k.startswith(("grade_", "comment_"))}
    refused = moderator.post(url, data)
    assert "Choose an overall grade for the plan" in refused.content.decode()
    assert not Moderation.objects.filter(audit=audit).exists()
    # The criteria agree; only the overall grade differs.
    assert moderator.post(url, {**data, "overall": "inadequate"}).status_code == 302
    moderation = Moderation.objects.get(audit=audit)
    assert Audit.objects.get(pk=audit.pk).status == AuditStatus.MODERATING

    manager = login("manager")
    resolve_url = reverse("quality:resolve", args=[moderation.public_id])
    page = manager.page(resolve_url)
    rows = page.find(id="side-by-side").find_all("tr", attrs={"data-disagreement": True})
    assert [r["data-disagreement"] for r in rows] == ["overall"]
    assert [td.get_text(strip=True) for td in rows[0].find_all("td")][:2] == ["Good", "Inadequate"]
    refused = manager.post(resolve_url, {"agreed_overall": "inadequate", "reason_overall": " "})
    refused = refused.content.decode()
    assert "Enter why the overall grade for the plan was agreed" in refused
    assert Audit.objects.get(pk=audit.pk).status == AuditStatus.MODERATING
    no_grade = manager.post(resolve_url, {"reason_overall": "Agreed"}).content.decode()
    assert "Choose the agreed overall grade for the plan" in no_grade
    reason = "No amounts of provision anywhere in the plan"
    posted = manager.post(resolve_url, {"agreed_overall": "inadequate", "reason_overall": reason})
    assert posted.status_code == 302
    audit.refresh_from_db()
    assert audit.status == AuditStatus.AGREED and audit.overall == "inadequate"
    assert Moderation.objects.get(pk=moderation.pk).first_overall == "good"
    # Of the two audited plans (both good to the first auditor) only one is now agreed good.
    dashboard = login("board_member").page(reverse("quality:dashboard"))
    assert dashboard.find(id="overall-percent").get_text(strip=True) == "50.0%"
    resolved = manager.page(resolve_url).find(id="overall-row").get_text(" ", strip=True)
    assert "Inadequate" in resolved and reason in resolved


def test_the_caseworker_completes_an_action_and_cannot_complete_anothers(area, login):
    cycle = audit_cycle(area)
    url = reverse("quality:action_detail", args=[cycle.action.public_id])
    other = UserFactory(username="other_caseworker", role="caseworker")
    assert _signed_in(other).post(url, {"done_note": "Done"}).status_code == 404
    client = login("caseworker")
    assert "Enter what was done" in client.post(url, {"done_note": " "}).content.decode()
    assert client.post(url, {"done_note": "Rewrote the outcomes with the family"}).status_code == 302
    cycle.action.refresh_from_db()
    assert cycle.action.status == ActionStatus.DONE and cycle.action.done_note.startswith("Rewrote")


def test_the_dashboard_shows_the_share_good_with_the_checks_beside_it(
    area, login, django_assert_max_num_queries
):
    audit_cycle(area)
    client = login("board_member")
    with django_assert_max_num_queries(30) as first:
        page = client.page(reverse("quality:dashboard"))
    assert page.find(id="overall-percent").get_text(strip=True) == "100.0%"
    assert page.find(id="checks") and page.find(id="by-section") and page.find(id="by-agency")
    assert "<svg" in str(page) and page.find(id="by-month")
    assert not page.find(id="exports")  # board members read the figures; managers download them
    bulk_plans(30)
    sample = audit_cycle(area).sample
    Audit.objects.filter(sample=sample).update(status=AuditStatus.SUBMITTED, overall="inadequate")
    with django_assert_max_num_queries(len(first.captured_queries)):
        page = client.page(reverse("quality:dashboard"))
    assert page.find(id="overall-percent").get_text(strip=True) == "0.0%"


def test_audits_and_findings_export_as_csv_and_xlsx_and_are_audited(area, login):
    cycle = audit_cycle(area)
    client = login("manager")
    lines = csv_lines(exported(client, reverse("quality:audit_list") + "?format=csv"))
    assert lines[0].startswith("Audit month,Sample,Child") and len(lines) == 4
    # On the job queue (issue 22): the list's status filter applies; the file is its owner's alone.
    submitted = exported(client, reverse("quality:audit_list") + "?status=submitted&format=csv")
    submitted = csv_lines(submitted)[1:]
    assert 0 < len(submitted) < 3 and all(",Submitted," in line for line in submitted)
    job = export_job(client, reverse("quality:findings") + "?format=xlsx")
    findings = client.get(reverse("jobs:download", args=[job.public_id]))
    assert findings["Content-Disposition"].endswith('.xlsx"')
    assert login("board_member").get(reverse("jobs:download", args=[job.public_id])).status_code == 404
    assert AuditEvent.objects.filter(action=Action.EXPORT).count() == 3
    assert cycle.action.criterion.title in client.page(reverse("quality:findings")).get_text()


def test_editing_the_rubric_makes_a_new_version_and_old_audits_keep_theirs(area, login):
    cycle = audit_cycle(area)
    old = Rubric.objects.get(is_current=True)
    criterion = old.criteria.get(area="E")
    client = login("manager")
    data = {"rubric_version": old.number}
    for c in old.criteria.all():
        data[f"title_{c.pk}"], data[f"guidance_{c.pk}"] = c.title, c.guidance
    data[f"guidance_{criterion.pk}"] = "Outcomes are SMART and written with the young person"
    assert client.post(reverse("quality:rubric"), data).status_code == 302
    new = Rubric.objects.get(is_current=True)
    assert new.number == old.number + 1
    assert new.criteria.get(area="E").guidance.startswith("Outcomes are SMART and written")
    assert Audit.objects.get(pk=cycle.submitted.pk).rubric == old
    old.refresh_from_db()
    with pytest.raises(QualityRefused, match="Someone saved a newer version"):  # a form opened on the old one
        services.revise_rubric(None, old, area.users["manager"], old.number, {criterion.pk: ("New", "New")})
    assert Rubric.objects.filter(name=old.name).count() == 2


def test_a_samples_page_takes_the_same_queries_for_3_plans_or_30(area, login, django_assert_max_num_queries):
    from quality import services as quality

    bulk_plans(33)
    manager = area.users["manager"]
    small = quality.draw_sample(None, manager, cycle=CYCLE, kind="random", size=3, seed=1)
    large = quality.draw_sample(None, manager, cycle=CYCLE, kind="random", size=30, seed=1)
    client = login("manager")
    with django_assert_max_num_queries(20) as few:
        client.page(reverse("quality:sample_detail", args=[small.public_id]))
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.page(reverse("quality:sample_detail", args=[large.public_id]))
    assert len(page.find(id="audits").find("tbody").find_all("tr")) == 30
