"""The clock engine's rules for mediation, tribunal orders and complaints (regs 33-35, 39, 44)."""

from datetime import date

import pytest

from clock import Status
from clock import disagreements as rules


def test_an_information_only_certificate_is_due_within_3_working_days():
    # Thursday 24 December 2026: Christmas Day, Boxing Day (moved to Monday 28th) and the weekend
    # are not working days.
    assert rules.information_certificate_due(date(2026, 12, 24)) == date(2026, 12, 31)
    assert rules.certificate_due(date(2026, 6, 1), True, None) == date(2026, 6, 4)


def test_mediation_is_due_within_30_days_and_its_certificate_3_working_days_after():
    assert rules.mediation_due(date(2026, 6, 1)) == date(2026, 7, 1)
    assert rules.certificate_due(date(2026, 6, 1), False, None) is None
    assert rules.certificate_due(date(2026, 6, 1), False, date(2026, 6, 26)) == date(2026, 7, 1)


@pytest.mark.parametrize(
    ("kind", "due"),
    [
        ("cease", date(2026, 6, 1)),
        ("assess", date(2026, 6, 15)),
        ("make_plan", date(2026, 7, 6)),
        ("issue_final", date(2026, 8, 17)),
        ("amend", date(2026, 7, 6)),
        ("name_school", date(2026, 6, 15)),
        ("continue", date(2026, 6, 1)),
    ],
)
def test_each_tribunal_order_has_its_compliance_period(kind, due):
    assert rules.order_due(kind, date(2026, 6, 1)) == due
    assert rules.order_source(kind).startswith("SEND Regulations 2014 reg 44(2)")


def test_a_complaint_response_is_due_in_20_working_days():
    # 25 August 2026 is after the summer bank holiday (31 August).
    assert rules.complaint_response_due(date(2026, 8, 24)) == date(2026, 9, 22)


def test_a_single_deadline_status():
    due = date(2026, 6, 10)
    assert rules.status(due, None, date(2026, 6, 1)) is Status.ON_TRACK
    assert rules.status(due, None, date(2026, 6, 5)) is Status.DUE_SOON
    assert rules.status(due, None, date(2026, 6, 11)) is Status.OVERDUE
    assert rules.status(due, date(2026, 6, 10), date(2026, 7, 1)) is Status.MET
    assert rules.status(due, date(2026, 6, 12), date(2026, 7, 1)) is Status.MET_LATE
    assert rules.status(None, None, date(2026, 7, 1)) is Status.NOT_STARTED
