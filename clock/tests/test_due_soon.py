""""Due soon" as a date range for SQL filters agrees with the engine's DUE_SOON status."""

from datetime import date, timedelta

from clock import Event, Status, due_soon_range, due_status, timeline
from clock.case_events import EventKind as K

REQUEST = date(2026, 1, 5)
DECISION_DUE = date(2026, 2, 16)  # reg 5(1): request + 6 weeks


def test_due_soon_is_today_and_the_next_six_days():
    assert due_soon_range(date(2026, 2, 10)) == (date(2026, 2, 10), date(2026, 2, 16))
    assert due_soon_range(date(2026, 12, 29)) == (date(2026, 12, 29), date(2027, 1, 4))


def test_a_step_is_due_soon_exactly_when_its_due_date_is_in_the_range():
    events = [Event(K.REQUEST_RECEIVED, REQUEST)]
    for offset in range(-12, 3):
        today = DECISION_DUE + timedelta(days=offset)
        step = timeline(events, today=today).step("decision_to_assess")
        assert step.due == DECISION_DUE
        first, last = due_soon_range(today)
        assert (step.status is Status.DUE_SOON) == (first <= step.due <= last), today
    assert timeline(events, today=date(2026, 2, 9)).step("decision_to_assess").status is Status.ON_TRACK
    assert timeline(events, today=date(2026, 2, 10)).step("decision_to_assess").status is Status.DUE_SOON
    assert timeline(events, today=date(2026, 2, 17)).step("decision_to_assess").status is Status.OVERDUE


def test_a_single_due_date_has_the_same_status_as_a_step():
    due = date(2026, 2, 16)
    assert due_status(due, date(2026, 2, 9)) is Status.ON_TRACK
    assert due_status(due, date(2026, 2, 10)) is Status.DUE_SOON
    assert due_status(due, due) is Status.DUE_SOON
    assert due_status(due, date(2026, 2, 17)) is Status.OVERDUE
