"""After the meeting: report, decision to maintain, amend or cease, with every date checked against
the rules (reg 20, reg 22, CFA s.45) and the plan changed only through plans' services."""

from datetime import date

import pytest
from django.urls import reverse

from audit.models import Action, AuditEvent
from clock import Status
from core.concurrency import StaleEditError
from plans.codes import PlanKind, PlanStatus
from reviews import decisions, timing
from reviews.events import OutOfOrder
from reviews.models import AnnualReview, ReviewEvent, Stage
from reviews.tests.factories import DUE_ON, MEETING_ON, at, decided, held, reported, review_at, review_for

pytestmark = pytest.mark.django_db


def steps(review, today):
    return {s.key: s for s in timing.review_line(review, today=today).steps}


def test_the_first_review_is_due_within_12_months_of_the_plan(area):
    review = review_for(area.own_child, area.users["caseworker"])
    assert (review.cycle_start, review.due_on, review.months) == (date(2026, 7, 27), DUE_ON, 12)
    assert review.stage == Stage.DUE
    assert (review.next_deadline, review.next_step_key) == (DUE_ON, "review_meeting")
    assert review.phase_transfer == ""  # Year 7 next year: no change of phase


def test_report_and_decision_are_due_2_and_4_weeks_after_the_meeting(area):
    review = review_at(area.own_child, "held")
    line = steps(review, MEETING_ON)
    assert line["review_meeting"].status is Status.MET
    assert line["review_report"].due == date(2027, 7, 5)
    assert line["review_decision"].due == date(2027, 7, 19)
    assert line["amended_plan"].due == date(2027, 9, 13)
    review.refresh_from_db()
    assert (review.stage, review.next_deadline, review.next_step_key) == (
        Stage.HELD,
        date(2027, 7, 5),
        "review_report",
    )


def test_a_decision_needs_the_report_first(area):
    review = review_at(area.own_child, "held")
    with at(date(2027, 6, 25)), pytest.raises(OutOfOrder, match="report of the meeting was sent before"):
        decisions.decide(None, review, "maintain", date(2027, 6, 25), "No change needed")


def test_maintaining_completes_the_review_and_starts_the_next_cycle_from_the_meeting(area):
    review = decided(review_at(area.own_child, "reported"), "maintain", on=date(2027, 7, 5))
    review.refresh_from_db()
    assert (review.stage, review.closed_on, review.next_deadline) == (Stage.COMPLETED, date(2027, 7, 5), None)
    assert steps(review, date(2027, 7, 5))["review_decision"].status is Status.MET
    following = AnnualReview.objects.exclude(pk=review.pk).get(plan=review.plan)
    # Within 12 months of the last review (CFA s.44(1)): the meeting of 21 June 2027.
    assert (following.cycle_start, following.due_on, following.stage) == (
        date(2027, 6, 21),
        date(2028, 6, 20),
        Stage.DUE,
    )


def test_a_late_decision_is_met_late(area):
    review = decided(review_at(area.own_child, "reported"), "maintain", on=date(2027, 7, 20))
    assert steps(review, date(2027, 7, 20))["review_decision"].status is Status.MET_LATE


def test_amending_runs_through_plans_with_15_days_for_comments(area):
    review = decided(review_at(area.own_child, "reported"), "amend", on=date(2027, 7, 5))
    review.refresh_from_db()
    draft = review.amendment
    assert review.stage == Stage.AMENDING
    assert (draft.status, draft.number, draft.based_on_id) == (
        PlanStatus.DRAFT,
        2,
        review.plan.latest_issued_id,
    )
    with at(date(2027, 7, 5)):
        decisions.proposals_sent(None, review, date(2027, 7, 5))
    draft.refresh_from_db()
    assert draft.served_on == date(2027, 7, 5)
    # Day 1 is the day they were sent: the last day to comment is 19 July (reg 22(2)(c)).
    assert steps(review, date(2027, 7, 5))["amendment_comments"].due == date(2027, 7, 19)
    with at(date(2027, 7, 19)), pytest.raises(OutOfOrder, match="has until 19 July 2027 to comment"):
        decisions.amended_plan_issued(None, review, date(2027, 7, 19))
    with at(date(2027, 7, 20)):
        decisions.amended_plan_issued(None, review, date(2027, 7, 20))
    review.refresh_from_db()
    draft.refresh_from_db()
    assert (review.stage, review.closed_on) == (Stage.COMPLETED, date(2027, 7, 20))
    assert (draft.status, draft.kind, draft.issued_on) == (
        PlanStatus.ISSUED,
        PlanKind.AMENDED,
        date(2027, 7, 20),
    )
    line = steps(review, date(2027, 7, 20))
    assert line["amended_plan"].status is Status.MET  # within 12 weeks of the meeting
    assert line["amended_plan_after_proposals"].status is Status.MET
    assert line["amendment_comments"].status is Status.CLOSED


def test_the_family_commenting_lets_the_amended_plan_go_sooner(area):
    review = decided(review_at(area.own_child, "reported"), "amend", on=date(2027, 7, 5))
    with at(date(2027, 7, 9)):
        decisions.proposals_sent(None, review, date(2027, 7, 5))
        decisions.family_commented(None, review, date(2027, 7, 8), note="Happy with the changes")
        decisions.amended_plan_issued(None, review, date(2027, 7, 9))
    review.refresh_from_db()
    assert review.stage == Stage.COMPLETED


def test_an_amended_plan_later_than_12_weeks_is_met_late(area):
    review = decided(review_at(area.own_child, "reported"), "amend", on=date(2027, 7, 5))
    with at(date(2027, 9, 20)):
        decisions.proposals_sent(None, review, date(2027, 8, 20))
        decisions.amended_plan_issued(None, review, date(2027, 9, 20))
    assert steps(review, date(2027, 9, 20))["amended_plan"].status is Status.MET_LATE


def test_ceasing_keeps_the_plan_until_the_appeal_period_has_passed(area):
    review = decided(review_at(area.own_child, "reported"), "cease", on=date(2027, 7, 5), cease_reason="2")
    review.refresh_from_db()
    assert (review.stage, review.appeal_deadline) == (Stage.CEASING, date(2027, 9, 5))
    assert (review.next_deadline, review.is_overdue) == (date(2027, 9, 5), False)
    assert not AnnualReview.objects.exclude(pk=review.pk).filter(plan=review.plan).exists()
    with at(date(2027, 9, 5)), pytest.raises(OutOfOrder, match="last day to appeal is 5 September 2027"):
        decisions.plan_ended(None, review, date(2027, 9, 5))
    with at(date(2027, 9, 6)):
        decisions.plan_ended(None, review, date(2027, 9, 6))
    review.refresh_from_db()
    plan = review.plan
    plan.refresh_from_db()
    assert (review.stage, review.closed_on) == (Stage.CEASED, date(2027, 9, 6))
    assert (plan.ceased_on, plan.cease_reason) == (date(2027, 9, 6), "2")


def test_a_mediation_certificate_can_move_the_last_day_to_appeal(area):
    review = decided(review_at(area.own_child, "reported"), "cease", on=date(2027, 7, 5), cease_reason="2")
    with at(date(2027, 8, 20)):
        decisions.mediation(None, review, asked_on=date(2027, 8, 10), certificate_on=date(2027, 8, 20))
    review.refresh_from_db()
    assert review.appeal_deadline == date(2027, 9, 20)


def test_a_phase_transfer_review_cannot_just_maintain_the_plan(area):
    review = review_at(area.other_child, "reported")  # Year 11: moving to post-16
    with at(date(2027, 7, 5)), pytest.raises(OutOfOrder, match="must be amended to name the new school"):
        decisions.decide(None, review, "maintain", date(2027, 7, 5), "No change")


def test_a_stale_edit_is_refused_and_saves_nothing(area):
    review = review_at(area.own_child, "held")
    old_version = review.version
    reported(review)
    with at(date(2027, 7, 5)), pytest.raises(StaleEditError, match="Someone else saved a change"):
        decisions.decide(None, review, "maintain", date(2027, 7, 5), "x", expected_version=old_version)
    assert not ReviewEvent.objects.filter(review=review, kind="decided_to_maintain").exists()


def test_dates_in_the_future_or_before_the_step_they_follow_are_refused(area):
    review = review_at(area.own_child, "held")
    with at(date(2027, 6, 25)), pytest.raises(OutOfOrder, match="cannot be in the future"):
        decisions.report_sent(None, review, date(2027, 6, 26))
    with at(date(2027, 6, 25)), pytest.raises(OutOfOrder, match="cannot be before 21 June 2027"):
        decisions.report_sent(None, review, date(2027, 6, 20))


def test_the_decision_form_refuses_a_second_submit_of_the_same_form(area, login):
    review = review_at(area.own_child, "reported")
    url = reverse("reviews:decision", args=[review.public_id])
    with at(date(2027, 7, 5)):
        client = login("caseworker")  # signed in on the day: a session from a year before has expired
        token = client.page(url).find("input", attrs={"name": "form_token"})["value"]
        data = {
            "form_token": token,
            "version": review.version,
            "decision": "maintain",
            "on_day": "5",
            "on_month": "7",
            "on_year": "2027",
            "reasons": "Progress is good; no change needed",
        }
        first = client.post(url, data)
        second = client.post(url, data)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert ReviewEvent.objects.filter(review=review, kind="decided_to_maintain").count() == 1
    assert AnnualReview.objects.filter(plan=review.plan).count() == 2  # one next cycle, not two


def test_a_stale_form_shows_a_plain_refusal(area, login):
    review = review_at(area.own_child, "held")
    url = reverse("reviews:step", args=[review.public_id, "report-sent"])
    with at(date(2027, 6, 28)):
        client = login("caseworker")
        token = client.page(url).find("input", attrs={"name": "form_token"})["value"]
        reported(review)
        response = client.post(
            url,
            {
                "form_token": token,
                "version": review.version - 1,
                "on_day": "28",
                "on_month": "6",
                "on_year": "2027",
            },
        )
    assert response.status_code == 200
    assert "Someone else saved a change to this record after you opened it" in response.content.decode()


def test_the_review_page_shows_each_clock_and_is_audited(area, login):
    review = held(review_at(area.own_child, "scheduled"))
    with at(date(2027, 7, 10)):
        soup = login("panel").page(reverse("reviews:review_detail", args=[review.public_id]))
    rows = {
        row.th.get_text(strip=True): row.get_text(" ", strip=True) for row in soup.select("#clocks tbody tr")
    }
    assert "Overdue" in rows["Send the report of the meeting"]
    assert "On track" in rows["Decide to maintain, amend or cease"]
    assert not soup.select("#actions")  # the panel reads; it does not act
    assert AuditEvent.objects.filter(
        action=Action.VIEW, child=area.own_child, object_id=str(review.public_id)
    ).exists()
