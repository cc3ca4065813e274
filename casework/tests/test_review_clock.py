"""Annual reviews, amendments, phase transfers, moves and appeals: worked examples citing the law."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clock import Event, Status
from clock.reviews import (
    PhaseTransfer,
    appeal_deadline,
    invitations_latest,
    mediation_certificate_due,
    phase_transfer_deadline,
    reassessment_decision_due,
    review_interval_months,
    review_timeline,
    transfer_out_due,
)
from clock.reviews import ReviewEventKind as R

ISSUED = date(2025, 3, 10)


def review(*events, today, months=12):
    return review_timeline([Event(kind, on) for kind, on in events], today=today, months=months)


def test_s44_the_first_review_is_due_within_12_months_of_the_plan():
    step = review((R.CYCLE_STARTED, ISSUED), today=date(2025, 6, 1)).step("review_meeting")
    assert step.due == date(2026, 3, 9)  # STATUTORY_RULES.md's own example
    assert step.status is Status.ON_TRACK


def test_s44_a_review_held_on_the_last_day_is_met_and_a_day_later_is_late():
    on_time = review((R.CYCLE_STARTED, ISSUED), (R.MEETING_HELD, date(2026, 3, 9)), today=date(2026, 4, 1))
    late = review((R.CYCLE_STARTED, ISSUED), (R.MEETING_HELD, date(2026, 3, 10)), today=date(2026, 4, 1))
    assert on_time.step("review_meeting").status is Status.MET
    assert late.step("review_meeting").status is Status.MET_LATE


def test_cop_9_178_under_fives_are_reviewed_within_6_months():
    assert review_interval_months(date(2023, 1, 1), date(2026, 1, 1)) == 6
    assert review_interval_months(date(2020, 1, 1), date(2026, 1, 1)) == 12
    step = review((R.CYCLE_STARTED, date(2026, 1, 15)), today=date(2026, 2, 1), months=6).step(
        "review_meeting"
    )
    assert step.due == date(2026, 7, 14)


def test_reg_20_report_in_2_weeks_and_decision_in_4_weeks_of_the_meeting():
    meeting = date(2026, 3, 2)
    line = review((R.CYCLE_STARTED, ISSUED), (R.MEETING_HELD, meeting), today=meeting)
    assert line.step("review_report").due == date(2026, 3, 16)
    assert line.step("review_decision").due == date(2026, 3, 30)


def test_reg_22_and_devon_amended_plan_within_12_weeks_of_the_meeting_and_8_of_the_proposals():
    meeting = date(2026, 3, 2)
    line = review(
        (R.CYCLE_STARTED, ISSUED),
        (R.MEETING_HELD, meeting),
        (R.REPORT_SENT, date(2026, 3, 9)),
        (R.DECIDED_TO_AMEND, date(2026, 3, 20)),
        (R.PROPOSALS_SENT, date(2026, 3, 20)),
        today=date(2026, 3, 21),
    )
    assert line.step("amendment_comments").due == date(2026, 4, 3)  # 15 days, day 1 = sent
    assert line.step("amended_plan_after_proposals").due == date(2026, 5, 15)
    assert line.step("amended_plan").due == date(2026, 5, 25)
    # The family's 15 days are theirs (open, not the council's next deadline): issue 19.
    assert line.step("amendment_comments").is_open and line.step("amendment_comments").family
    assert line.next_deadline.key == "amended_plan_after_proposals"


def test_a_decision_to_maintain_means_no_amended_plan_is_due():
    meeting = date(2026, 3, 2)
    line = review(
        (R.CYCLE_STARTED, ISSUED),
        (R.MEETING_HELD, meeting),
        (R.DECIDED_TO_MAINTAIN, date(2026, 3, 20)),
        today=date(2026, 9, 1),
    )
    assert line.step("amended_plan").status is Status.CLOSED
    assert line.step("review_decision").status is Status.MET


def test_reg_20_invitations_go_at_least_2_weeks_before_the_meeting():
    assert invitations_latest(date(2026, 3, 16)) == date(2026, 3, 2)


@pytest.mark.parametrize(
    "kind,move,deadline",
    [
        (PhaseTransfer.SCHOOL, date(2027, 9, 1), date(2027, 2, 15)),
        (PhaseTransfer.SECONDARY_TO_POST16, date(2027, 9, 1), date(2027, 3, 31)),
        (PhaseTransfer.POST16_TO_POST16, date(2027, 1, 10), date(2026, 8, 10)),
    ],
)
def test_reg_18_phase_transfer_deadlines(kind, move, deadline):
    assert phase_transfer_deadline(kind, move) == deadline


def test_reg_15_moving_area():
    assert transfer_out_due(date(2026, 12, 18)) == date(
        2027, 1, 12
    )  # 15 working days over Christmas, 18th is day 1
    assert reassessment_decision_due(date(2026, 1, 5)) == date(2026, 2, 16)


def test_cop_11_mediation_and_appeal_deadlines():
    assert mediation_certificate_due(date(2026, 11, 20)) == date(2026, 11, 25)
    assert appeal_deadline(date(2026, 1, 10)) == date(2026, 3, 10)
    assert appeal_deadline(date(2026, 1, 10), certificate_on=date(2026, 2, 20)) == date(2026, 3, 20)
    assert appeal_deadline(date(2026, 1, 10), certificate_on=date(2026, 1, 20)) == date(2026, 3, 10)


@given(st.dates(min_value=date(2015, 1, 1), max_value=date(2035, 12, 31)), st.integers(0, 500))
def test_the_review_is_never_due_more_than_a_year_after_its_start(start, later):
    step = review((R.CYCLE_STARTED, start), today=start + timedelta(days=later)).step("review_meeting")
    assert start + timedelta(days=363) <= step.due <= start + timedelta(days=365)
