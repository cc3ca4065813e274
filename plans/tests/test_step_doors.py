"""The last gaps at the doors to a plan's steps (issue 19): the case page offers a manager the
early-issue reason the plan page has; the review page explains the plan's rule before submit;
ending a plan whose annual review decided to stop it goes through that review; a family's portal
response to a re-assessment's draft reaches the case clock; and a daily job keeps the stored
deadlines of cases and reviews up to date as the days pass."""

import uuid
from datetime import date

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from casework import jobs as casework_jobs
from casework.models import Stage
from casework.tests.factories import case_at
from clock.case_events import EventKind as K
from conftest import check_page
from plans import services, steps
from plans.codes import PlanStatus
from plans.errors import PlanError
from plans.models import EHCPlan, PlanVersion
from plans.tests.factories import issued_plan
from reviews import decisions
from reviews import jobs as reviews_jobs
from reviews.models import Stage as ReviewStage
from reviews.tests.factories import at, review_at, review_for

pytestmark = pytest.mark.django_db

# case_at(..., "consulting"): the draft was sent on 6 July 2026; the family's 15 days run to 20 July.
DAY_10 = date(2026, 7, 15)
REFUSAL = "The family has until 20 July 2026 to comment on the draft plan"


def dated(on, prefix="on"):
    return {f"{prefix}_day": on.day, f"{prefix}_month": on.month, f"{prefix}_year": on.year}


def case_form(case, on, **extra):
    case.refresh_from_db()
    return {**dated(on), "note": "", "version": case.version, "form_token": str(uuid.uuid4()), **extra}


def errors(soup):
    summary = soup.select_one(".govuk-error-summary")
    return summary.get_text(" ", strip=True) if summary else ""


def test_the_case_page_offers_a_manager_the_early_issue_reason_and_audits_it(area, login):
    with at(DAY_10):
        case = case_at(area.own_child, "consulting")
        url = reverse("casework:case_action", args=[case.public_id, "issue-final"])
        caseworker, manager = login("caseworker"), login("manager")
        page = check_page(caseworker.get(url))
        assert REFUSAL in page.select_one("#family-time").get_text()  # said before submit
        assert not page.select("[name=early_reason]")
        # A caseworker's reason, sent anyway, is ignored: the 15 days stand.
        soup = check_page(caseworker.post(url, case_form(case, DAY_10, early_reason="Tribunal order")))
        assert REFUSAL in errors(soup)
        assert check_page(manager.get(url)).select("[name=early_reason]")
        response = manager.post(url, case_form(case, DAY_10, early_reason="Tribunal ordered it by 15 July"))
        assert response.status_code == 302
    version = PlanVersion.objects.get(case=case)
    assert (version.status, version.issued_on) == (PlanStatus.ISSUED, DAY_10)
    case.refresh_from_db()
    assert case.stage == Stage.FINAL
    assert AuditEvent.objects.filter(summary__contains="Reason: Tribunal ordered it by 15 July").exists()


def _amending_with_proposals_sent(child):
    review = review_at(child, "reported")
    with at(date(2027, 7, 5)):
        decisions.decide(None, review, "amend", date(2027, 7, 5), "New outcomes for Year 8")
        decisions.proposals_sent(None, review, date(2027, 7, 5))
    review.refresh_from_db()
    return review


def test_the_review_page_explains_the_familys_time_before_submit_and_a_manager_may_go_early(area, login):
    review = _amending_with_proposals_sent(area.own_child)
    url = reverse("reviews:step", args=[review.public_id, "amended-plan-issued"])
    with at(date(2027, 7, 10)):
        caseworker, manager = login("caseworker"), login("manager")
        page = check_page(caseworker.get(url))
        warning = page.select_one("#family-time").get_text(" ", strip=True)
        assert "has until 19 July 2027 to comment on the proposed amendments" in warning
        assert "regulation 22(2)" in warning and not page.select("[name=early_reason]")
        form = {
            **dated(date(2027, 7, 10)),
            "note": "",
            "version": review.version,
            "form_token": str(uuid.uuid4()),
            "early_reason": "The new school place starts on 12 July",
        }
        assert check_page(manager.get(url)).select("[name=early_reason]")
        assert manager.post(url, form).status_code == 302
    review.refresh_from_db()
    assert (review.stage, review.closed_on) == (ReviewStage.COMPLETED, date(2027, 7, 10))
    assert review.amendment.status == PlanStatus.ISSUED
    assert AuditEvent.objects.filter(summary__contains="The new school place starts on 12 July").exists()


def test_the_review_page_shows_why_a_plan_step_cannot_be_taken(area, login):
    review = _amending_with_proposals_sent(area.own_child)
    with at(date(2027, 7, 6)):
        services.cease(None, review.plan, date(2027, 7, 6), "3")  # e.g. the family moved away
        page = check_page(
            login("caseworker").get(reverse("reviews:step", args=[review.public_id, "amended-plan-issued"]))
        )
    assert "This plan has ceased" in page.select_one("#blocked").get_text()
    assert not page.select("[name=on_day]")  # no form to fill in


def test_ending_a_plan_from_the_plan_page_during_a_reviews_ceasing_goes_through_the_review(area, login):
    review = review_at(area.own_child, "ceasing")
    plan, last = review.plan, review.appeal_deadline
    url = reverse("plans:cease", args=[plan.public_id])

    def post(client, on):
        return client.post(url, {**dated(on), "form_token": str(uuid.uuid4())})

    with at(last):
        client = login("caseworker")
        page = check_page(client.get(url))
        assert review.reference in page.get_text() and not page.select("[name=reason]")
        soup = check_page(post(client, last))
        assert "stays in place until the time to appeal has passed" in errors(soup)
        plan.refresh_from_db()
        review.refresh_from_db()
        assert plan.is_live and review.stage == ReviewStage.CEASING
        with pytest.raises(PlanError, match=f"{review.reference} decided to stop the plan"):
            steps.cease(None, plan, last, "3")
    after = date.fromordinal(last.toordinal() + 1)
    with at(after):
        assert post(login("caseworker"), after).status_code == 302
    plan.refresh_from_db()
    review.refresh_from_db()
    assert (plan.ceased_on, plan.cease_reason) == (after, review.cease_reason)
    assert (review.stage, review.closed_on) == (ReviewStage.CEASED, after)


def test_a_portal_response_to_a_reassessments_draft_is_recorded_on_the_case_clock(area, rf):
    from portal import contributions

    plan, current = issued_plan(area.own_child)
    case = case_at(area.own_child, "drafting", received_on=date(2026, 8, 3))
    draft = services.start_plan(None, case)
    assert draft.based_on == current and draft.case == case  # a re-assessment's draft
    services.serve_draft(None, draft, date(2026, 10, 12))
    request = rf.post("/")
    request.user = area.users["parent"]
    with at(date(2026, 10, 14)):
        contributions.respond_to_draft(request, draft, comments={"A": "He loves trains"})
    assert list(case.events.filter(kind=K.FAMILY_RESPONDED).values_list("on", flat=True)) == [
        date(2026, 10, 14)
    ]
    assert EHCPlan.objects.get(pk=plan.pk).versions.count() == 2


def test_the_daily_job_brings_stored_deadlines_up_to_date_as_the_days_pass(area):
    with at(date(2026, 6, 2)):
        case = case_at(area.own_child, "received", received_on=date(2026, 6, 1))
    with at(date(2026, 7, 28)):
        review = review_for(area.other_child)
    case.refresh_from_db()
    review.refresh_from_db()
    assert not case.is_overdue and not review.is_overdue
    # Nobody touches either; weeks pass beyond the decision (6 weeks) and the review (12 months).
    assert casework_jobs.refresh_stored_clocks(date(2026, 8, 1)).endswith("cases brought up to date")
    case.refresh_from_db()
    assert case.is_overdue and case.next_deadline < date(2026, 8, 1)
    assert reviews_jobs.refresh_stored_clocks(date(2027, 8, 1)) == "1 reviews brought up to date"
    review.refresh_from_db()
    assert review.is_overdue and review.next_deadline < date(2027, 8, 1)
    # A second run the same day finds nothing left to change.
    assert reviews_jobs.refresh_stored_clocks(date(2027, 8, 1)) == "0 reviews brought up to date"
