"""One statutory record through every door (issue 19): the case page, /api/v1 case events, the plan
page and the review page send drafts and issue plans through one service, with one set of rules:
the family's 15 days (reg 13(1), reg 22(2)), a first draft naming no school (s.38(5)), a setting
that has not replied flagged, and every refusal leaving the record as it was."""

import uuid
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from api.models import ApiToken
from api.tests.helpers import client_with_key
from audit.models import AuditEvent
from casework import services as casework_services
from casework.models import CaseDocument, Stage
from casework.tests.factories import case_at
from clock.case_events import EventKind as K
from clock.case_events import OutOfOrder
from conftest import check_page
from people.models import Child
from performance.returns import annex_a, sen2
from plans import editing, services, steps
from plans.codes import PlanKind, PlanStatus
from plans.errors import PlanError
from plans.models import EHCPlan, PlanVersion

pytestmark = pytest.mark.django_db

# case_at(..., "consulting"): the draft was sent on 6 July 2026, so the family's 15 days (day 1
# the day it was sent) run to 20 July; the plan can be issued from 21 July.
SERVED = date(2026, 7, 6)
DAY_10 = date(2026, 7, 15)
FIRST_DAY_ALLOWED = date(2026, 7, 21)
REFUSAL = "The family has until 20 July 2026 to comment on the draft plan"


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(datetime(2026, 9, 1, 10, tzinfo=ZoneInfo("Europe/London")), tick=False):
        yield


def dated(on, prefix="on"):
    return {f"{prefix}_day": on.day, f"{prefix}_month": on.month, f"{prefix}_year": on.year}


def case_form(case, on, **extra):
    case.refresh_from_db()
    return {**dated(on), "note": "", "version": case.version, "form_token": str(uuid.uuid4()), **extra}


def action_url(case, slug):
    return reverse("casework:case_action", args=[case.public_id, slug])


def errors(soup):
    summary = soup.select_one(".govuk-error-summary")
    return summary.get_text(" ", strip=True) if summary else ""


# The case page ---------------------------------------------------------------------------------


def test_issuing_the_final_plan_on_the_case_page_makes_the_plan_record_annex_a_and_sen2_see(area, login):
    case = case_at(area.own_child, "consulting")
    assert not EHCPlan.objects.filter(child=area.own_child, first_issued_on__isnull=False).exists()
    client = login("caseworker")
    response = client.post(action_url(case, "issue-final"), case_form(case, FIRST_DAY_ALLOWED))
    assert response.status_code == 302
    plan = EHCPlan.objects.get(child=area.own_child)
    version = plan.latest_issued
    assert (version.status, version.kind, version.issued_on, version.case_id) == (
        PlanStatus.ISSUED,
        PlanKind.FINAL,
        FIRST_DAY_ALLOWED,
        case.pk,
    )
    assert (plan.first_issued_on, version.served_on) == (FIRST_DAY_ALLOWED, SERVED)
    case.refresh_from_db()
    assert case.stage == Stage.FINAL and case.events.filter(kind=K.FINAL_ISSUED).count() == 1
    assert Child.objects.get(pk=area.own_child.pk).sen_provision == "E"
    # Every view of the record sees it: Annex A List 1 and the SEN2 return's plan.
    listed = {row["Unique ID"]: row for row in annex_a.list_1_rows()}
    assert listed[str(area.own_child.public_id)]["Date initial EHC plan issued"] == FIRST_DAY_ALLOWED
    person = next(
        p
        for p in sen2.collect(sen2.census_date_for(2027), "999").persons
        if p.child_id == area.own_child.public_id
    )
    request = person.requests[0]
    assert request.assessment.named_plan.plan_id == plan.public_id
    assert request.active_plan is not None


def test_issuing_on_day_10_of_the_15_on_the_case_page_is_refused_with_the_date_and_changes_nothing(
    area, login
):
    case = case_at(area.own_child, "consulting")
    draft = PlanVersion.objects.get(case=case)  # sending the draft on the case page made it
    before = case.version
    soup = check_page(login("caseworker").post(action_url(case, "issue-final"), case_form(case, DAY_10)))
    text = errors(soup)
    assert REFUSAL in text and "regulation 13(1)" in text and "from 21 July 2026" in text
    case.refresh_from_db()
    draft.refresh_from_db()
    assert (case.stage, case.version, draft.status) == (Stage.CONSULTING, before, PlanStatus.DRAFT)
    assert not case.events.filter(kind=K.FINAL_ISSUED).exists()
    assert not EHCPlan.objects.filter(child=area.own_child, first_issued_on__isnull=False).exists()


def test_the_familys_recorded_response_lets_the_plan_go_sooner(area, login):
    case = case_at(area.own_child, "consulting")
    client = login("caseworker")
    assert (
        client.post(action_url(case, "family-response"), case_form(case, date(2026, 7, 10))).status_code
        == 302
    )
    assert client.post(action_url(case, "issue-final"), case_form(case, DAY_10)).status_code == 302
    assert EHCPlan.objects.get(child=area.own_child).latest_issued.issued_on == DAY_10


# The API ---------------------------------------------------------------------------------------


def test_the_api_final_issued_event_makes_the_plan_and_keeps_the_15_days(area):
    _, key = ApiToken.issue(area.users["caseworker"], "Partner system")
    client = client_with_key(key)
    case = case_at(area.own_child, "consulting")
    url = reverse("api:case_events", args=[case.public_id])
    case.refresh_from_db()
    refused = client.post(url, {"kind": "final_issued", "on": DAY_10.isoformat(), "version": case.version})
    assert refused.status_code == 400 and REFUSAL in str(refused.json())
    assert not PlanVersion.objects.filter(case=case, status=PlanStatus.ISSUED).exists()
    case.refresh_from_db()
    done = client.post(
        url, {"kind": "final_issued", "on": FIRST_DAY_ALLOWED.isoformat(), "version": case.version}
    )
    assert done.status_code == 201
    assert EHCPlan.objects.get(child=area.own_child).latest_issued.issued_on == FIRST_DAY_ALLOWED


# The plan page ---------------------------------------------------------------------------------


def _plan_post(client, version, name, on, **extra):
    url = reverse(name, args=[version.plan.public_id, version.number])
    return client.post(url, {**dated(on), "form_token": str(uuid.uuid4()), **extra})


def test_the_plan_page_keeps_the_15_days_and_a_manager_may_go_early_with_an_audited_reason(area, login):
    case = case_at(area.own_child, "consulting")
    draft = PlanVersion.objects.get(case=case)
    caseworker, manager = login("caseworker"), login("manager")
    soup = check_page(_plan_post(caseworker, draft, "plans:issue", DAY_10))
    assert REFUSAL in errors(soup)
    # A caseworker is not offered the reason; sent anyway, it is ignored and the plan refused.
    assert not check_page(caseworker.get(reverse("plans:issue", args=[draft.plan.public_id, 1]))).select(
        "[name=early_reason]"
    )
    soup = check_page(_plan_post(caseworker, draft, "plans:issue", DAY_10, early_reason="Tribunal order"))
    assert REFUSAL in errors(soup)
    draft.refresh_from_db()
    assert draft.status == PlanStatus.DRAFT
    response = _plan_post(
        manager, draft, "plans:issue", DAY_10, early_reason="Tribunal ordered it by 15 July"
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.status, draft.issued_on) == (PlanStatus.ISSUED, DAY_10)
    assert AuditEvent.objects.filter(summary__contains="Tribunal ordered it by 15 July").exists()


def test_a_first_draft_naming_a_school_cannot_be_sent_and_an_unreplied_setting_is_flagged(area, login):
    case = case_at(area.own_child, "drafting")
    draft = services.start_plan(None, case)
    editing.update_section(None, draft, "I", named_setting=area.school)
    client = login("caseworker")
    soup = check_page(_plan_post(client, draft, "plans:serve_draft", SERVED))
    assert "Children and Families Act 2014 s.38(5)" in errors(soup)
    draft.refresh_from_db()
    case.refresh_from_db()
    assert draft.served_on is None and case.stage == Stage.DRAFTING
    editing.update_section(None, draft, "I", named_setting=None, setting_type="")
    assert _plan_post(client, draft, "plans:serve_draft", SERVED).status_code == 302
    casework_services.record_event(
        None, case, K.SETTING_CONSULTED, date(2026, 7, 7), ref=casework_services.setting_ref(area.school)
    )
    draft.refresh_from_db()
    editing.update_section(None, draft, "I", named_setting=area.school)
    page = client.page(reverse("plans:issue", args=[draft.plan.public_id, 1]))
    assert "was consulted on 7 July 2026 and has not replied" in page.select_one("#setting-warning").text


def test_the_case_page_door_refuses_a_first_draft_naming_a_school(area):
    case = case_at(area.own_child, "drafting")
    draft = services.start_plan(None, case)
    editing.update_section(None, draft, "I", setting_type="special")
    with pytest.raises(OutOfOrder, match="s.38"):
        casework_services.record_event(None, case, K.DRAFT_SERVED, SERVED)
    assert not case.events.filter(kind=K.DRAFT_SERVED).exists()


def test_two_people_issuing_the_same_plan_one_succeeds_the_other_is_told(area):
    case = case_at(area.own_child, "consulting")
    draft = PlanVersion.objects.get(case=case)
    stale = PlanVersion.objects.get(pk=draft.pk)  # the second person's page, opened before
    services.issue(None, draft, FIRST_DAY_ALLOWED)
    with pytest.raises(PlanError, match="already issued"):
        steps.issue(None, stale, FIRST_DAY_ALLOWED)
    assert case.events.filter(kind=K.FINAL_ISSUED).count() == 1


# Notices and decision letters ------------------------------------------------------------------


def test_a_decision_on_the_case_page_makes_its_letter_with_reasons_and_appeal_rights(area, login):
    case = case_at(area.own_child, "received")
    form = case_form(
        case, date(2026, 7, 1), decision=K.DECIDED_NOT_TO_ASSESS, note="Needs are met at SEN support"
    )
    assert login("caseworker").post(action_url(case, "decide-assess"), form).status_code == 302
    letter = CaseDocument.objects.get(case=case, title__startswith="Decision letter")
    assert letter.content_type == "application/pdf" and letter.file.read().startswith(b"%PDF")


def test_nobody_to_receive_notices_is_warned_and_refused_until_the_caseworker_records_who(area, login):
    child = area.other_child  # no parent or carer linked, no account of their own
    case = case_at(child, "received")
    client = login("caseworker")
    page = client.page(reverse("casework:case_detail", args=[case.public_id]))
    assert "Nobody can receive this" in page.select_one("#no-recipient").text
    form = case_form(case, date(2026, 7, 1), decision=K.DECIDED_TO_ASSESS, note="")
    soup = check_page(client.post(action_url(case, "decide-assess"), form))
    assert "Nobody can receive this" in errors(soup)
    assert not case.events.filter(kind=K.DECIDED_TO_ASSESS).exists()
    notices = reverse("casework:notices", args=[case.public_id])
    reason = "Looked-after child: the social worker and the virtual school head receive the notices"
    assert client.post(notices, case_form(case, date(2026, 7, 1), reason=reason)).status_code == 302
    assert AuditEvent.objects.filter(summary__contains="recorded who receives the notices").exists()
    page = client.page(reverse("casework:case_detail", args=[case.public_id]))
    assert page.select_one("#no-recipient") is None
    assert (
        client.post(
            action_url(case, "decide-assess"), case_form(case, date(2026, 7, 1), decision=K.DECIDED_TO_ASSESS)
        ).status_code
        == 302
    )


# The plan page and the annual review -----------------------------------------------------------


def test_issuing_a_reviews_amended_plan_from_the_plan_page_closes_the_review(area, login):
    from reviews import decisions
    from reviews.models import Stage as ReviewStage
    from reviews.tests.factories import review_at

    with time_machine.travel(datetime(2027, 8, 1, 10, tzinfo=ZoneInfo("Europe/London")), tick=False):
        review = review_at(area.own_child, "reported")
        decisions.decide(None, review, "amend", date(2027, 7, 5), "New outcomes for Year 8")
        review.refresh_from_db()
        draft = review.amendment
        client = login("caseworker")
        assert _plan_post(client, draft, "plans:serve_draft", date(2027, 7, 5)).status_code == 302
        soup = check_page(_plan_post(client, draft, "plans:issue", date(2027, 7, 15)))
        assert "has until 19 July 2027 to comment on the proposed amendments" in errors(soup)
        review.refresh_from_db()
        assert review.stage == ReviewStage.AMENDING
        assert _plan_post(client, draft, "plans:issue", date(2027, 7, 20)).status_code == 302
        review.refresh_from_db()
        draft.refresh_from_db()
        assert (review.stage, review.closed_on) == (ReviewStage.COMPLETED, date(2027, 7, 20))
        assert (draft.status, draft.kind) == (PlanStatus.ISSUED, PlanKind.AMENDED)
