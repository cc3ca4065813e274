"""The clock engine: worked examples from the rules, each citing its regulation, and properties
that must hold for any case."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clock import (
    CaseException,
    Event,
    ExceptionReason,
    Status,
    add_working_days,
    timeline,
    within_months,
)
from clock.case_events import EventKind as K

REQUEST = date(2026, 1, 5)


def line(*events, today, exceptions=()):
    return timeline([Event(kind, on, ref) for kind, on, ref in events], exceptions, today=today)


def ev(kind, on, ref=""):
    return (kind, on, ref)


# --- Worked examples ------------------------------------------------------------------------

WORKED = [
    # (regulation, step, events, today, due, status)
    (
        "reg 5(1): decide within 6 weeks = request + 42 days",
        "decision_to_assess",
        [ev(K.REQUEST_RECEIVED, REQUEST)],
        date(2026, 1, 20),
        date(2026, 2, 16),
        Status.ON_TRACK,
    ),
    (
        "reg 5(1): decided on the 42nd day is met",
        "decision_to_assess",
        [ev(K.REQUEST_RECEIVED, REQUEST), ev(K.DECIDED_TO_ASSESS, date(2026, 2, 16))],
        date(2026, 3, 1),
        date(2026, 2, 16),
        Status.MET,
    ),
    (
        "reg 5(1): a day late is met late",
        "decision_to_assess",
        [ev(K.REQUEST_RECEIVED, REQUEST), ev(K.DECIDED_NOT_TO_ASSESS, date(2026, 2, 17))],
        date(2026, 3, 1),
        date(2026, 2, 16),
        Status.MET_LATE,
    ),
    (
        "reg 5(1): within the last week is due soon",
        "decision_to_assess",
        [ev(K.REQUEST_RECEIVED, REQUEST)],
        date(2026, 2, 10),
        date(2026, 2, 16),
        Status.DUE_SOON,
    ),
    (
        "reg 5(1): undecided after the due date is overdue",
        "decision_to_assess",
        [ev(K.REQUEST_RECEIVED, REQUEST)],
        date(2026, 2, 17),
        date(2026, 2, 16),
        Status.OVERDUE,
    ),
    (
        "reg 8(1): advice within 6 weeks of being asked",
        "advice:ep",
        [
            ev(K.REQUEST_RECEIVED, REQUEST),
            ev(K.DECIDED_TO_ASSESS, date(2026, 2, 2)),
            ev(K.ADVICE_REQUESTED, date(2026, 2, 3), "ep"),
        ],
        date(2026, 3, 1),
        date(2026, 3, 17),
        Status.ON_TRACK,
    ),
    (
        "reg 10(1): decide not to issue within 16 weeks = + 112 days",
        "decision_to_issue",
        [ev(K.REQUEST_RECEIVED, REQUEST)],
        date(2026, 2, 1),
        date(2026, 4, 27),
        Status.ON_TRACK,
    ),
    (
        "reg 13(1): 15 days to comment, service day is day 1: last day served + 14",
        "family_response",
        [
            ev(K.REQUEST_RECEIVED, REQUEST),
            ev(K.DECIDED_TO_ASSESS, date(2026, 2, 2)),
            ev(K.DECIDED_TO_ISSUE, date(2026, 3, 30)),
            ev(K.DRAFT_SERVED, date(2026, 4, 1)),
        ],
        date(2026, 4, 2),
        date(2026, 4, 15),
        Status.ON_TRACK,
    ),
    (
        "reg 13(2): final plan within 20 weeks = + 140 days",
        "final_plan",
        [ev(K.REQUEST_RECEIVED, REQUEST)],
        date(2026, 1, 6),
        date(2026, 5, 25),
        Status.ON_TRACK,
    ),
    (
        "reg 13(2): issued on day 141 is late",
        "final_plan",
        [
            ev(K.REQUEST_RECEIVED, REQUEST),
            ev(K.DECIDED_TO_ASSESS, date(2026, 2, 2)),
            ev(K.DECIDED_TO_ISSUE, date(2026, 4, 1)),
            ev(K.DRAFT_SERVED, date(2026, 4, 2)),
            ev(K.FINAL_ISSUED, date(2026, 5, 26)),
        ],
        date(2026, 6, 1),
        date(2026, 5, 25),
        Status.MET_LATE,
    ),
    (
        "a decision not to assess ends the 20-week clock",
        "final_plan",
        [ev(K.REQUEST_RECEIVED, REQUEST), ev(K.DECIDED_NOT_TO_ASSESS, date(2026, 2, 10))],
        date(2026, 9, 1),
        date(2026, 5, 25),
        Status.CLOSED,
    ),
    (
        "a withdrawal ends every open clock",
        "decision_to_assess",
        [ev(K.REQUEST_RECEIVED, REQUEST), ev(K.WITHDRAWN, date(2026, 1, 20))],
        date(2026, 9, 1),
        date(2026, 2, 16),
        Status.CLOSED,
    ),
]


@pytest.mark.parametrize("rule,key,events,today,due,status", WORKED, ids=[w[0] for w in WORKED])
def test_worked_examples(rule, key, events, today, due, status):
    step = line(*events, today=today).step(key)
    assert (step.due, step.status) == (due, status), rule


def test_reg_10_4_an_exception_excuses_a_late_final_plan_and_it_is_reported_as_such():
    events = [
        ev(K.REQUEST_RECEIVED, REQUEST),
        ev(K.DECIDED_TO_ASSESS, date(2026, 2, 2)),
        ev(K.DECIDED_TO_ISSUE, date(2026, 4, 1)),
        ev(K.DRAFT_SERVED, date(2026, 4, 2)),
        ev(K.FINAL_ISSUED, date(2026, 6, 15)),
    ]
    away = CaseException(ExceptionReason.AWAY, date(2026, 3, 1), date(2026, 4, 5))
    step = line(*events, today=date(2026, 7, 1), exceptions=[away]).step("final_plan")
    assert step.status is Status.EXCUSED
    assert step.exceptions == (away,)
    assert step.days_late == 21


def test_a_closure_excuses_the_advice_it_names_and_the_case_limits_but_not_other_advice():
    events = [
        ev(K.REQUEST_RECEIVED, REQUEST),
        ev(K.DECIDED_TO_ASSESS, date(2026, 2, 2)),
        ev(K.ADVICE_REQUESTED, date(2026, 3, 30), "school"),  # inside the window: closure - 7 days on
        ev(K.ADVICE_REQUESTED, date(2026, 3, 30), "ep"),
    ]
    closure = CaseException(ExceptionReason.SETTING_CLOSED, date(2026, 4, 2), date(2026, 5, 31), "school")
    result = line(*events, today=date(2026, 6, 1), exceptions=[closure])
    assert result.step("advice:school").status is Status.EXCUSED
    assert result.step("advice:ep").status is Status.OVERDUE
    # reg 10(4)(a): the closure also excuses the 20-week limit it delays (due 25 May).
    assert result.step("final_plan").status is Status.EXCUSED


def test_the_next_deadline_is_the_open_step_due_soonest():
    events = [
        ev(K.REQUEST_RECEIVED, REQUEST),
        ev(K.DECIDED_TO_ASSESS, date(2026, 2, 2)),
        ev(K.ADVICE_REQUESTED, date(2026, 2, 3), "ep"),
        ev(K.ADVICE_REQUESTED, date(2026, 2, 9), "health"),
        ev(K.ADVICE_RECEIVED, date(2026, 3, 1), "ep"),
    ]
    result = line(*events, today=date(2026, 3, 2))
    assert result.next_deadline.key == "advice:health"
    assert result.next_deadline.due == date(2026, 3, 23)


def test_a_cancelled_advice_request_is_no_longer_needed():
    events = [
        ev(K.REQUEST_RECEIVED, REQUEST),
        ev(K.DECIDED_TO_ASSESS, date(2026, 2, 2)),
        ev(K.ADVICE_REQUESTED, date(2026, 2, 3), "ep"),
        ev(K.ADVICE_CANCELLED, date(2026, 2, 4), "ep"),
    ]
    assert line(*events, today=date(2026, 6, 1)).step("advice:ep").status is Status.CLOSED


@pytest.mark.parametrize(
    "start,last_day",
    [
        (date(2025, 3, 10), date(2026, 3, 9)),  # STATUTORY_RULES.md's example
        (date(2024, 2, 29), date(2025, 2, 28)),  # no 29 February next year: the month's last day
        (date(2025, 1, 31), date(2026, 1, 30)),
    ],
)
def test_within_12_months_runs_in_the_period_starting_with_that_date(start, last_day):
    assert within_months(start, 12) == last_day


# --- Properties -----------------------------------------------------------------------------

days = st.integers(min_value=0, max_value=400)
some_date = st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31))


@st.composite
def cases(draw):
    """A plausible case: events in statutory order at increasing dates, cut off at any point."""
    received = draw(some_date)
    gaps = draw(st.lists(st.integers(min_value=0, max_value=80), min_size=6, max_size=6))
    when = [received + timedelta(days=sum(gaps[: i + 1])) for i in range(6)]
    full = [
        ev(K.REQUEST_RECEIVED, received),
        ev(K.DECIDED_TO_ASSESS, when[0]),
        ev(K.ADVICE_REQUESTED, when[1], "ep"),
        ev(K.ADVICE_RECEIVED, when[2], "ep"),
        ev(K.DECIDED_TO_ISSUE, when[3]),
        ev(K.DRAFT_SERVED, when[4]),
        ev(K.FINAL_ISSUED, when[5]),
    ]
    cut = draw(st.integers(min_value=1, max_value=len(full)))
    return full[:cut]


@given(cases(), days)
def test_no_due_date_is_before_its_start(events, later):
    today = events[-1][1] + timedelta(days=later)
    for step in line(*events, today=today).steps:
        if step.due is not None:
            assert step.due >= step.start


@given(cases(), days)
def test_the_20_week_date_is_always_request_plus_140_days(events, later):
    step = line(*events, today=events[-1][1] + timedelta(days=later)).step("final_plan")
    assert step.due == events[0][1] + timedelta(days=140)


@given(
    cases(), days, some_date, st.integers(min_value=0, max_value=120), st.sampled_from(list(ExceptionReason))
)
def test_an_exception_never_turns_a_met_step_into_a_missed_one(events, later, start, length, reason):
    today = events[-1][1] + timedelta(days=later)
    exception = CaseException(reason, start, start + timedelta(days=length))
    before = line(*events, today=today)
    after = line(*events, today=today, exceptions=[exception])
    for plain, excused in zip(before.steps, after.steps, strict=True):
        assert plain.due == excused.due
        if plain.status is Status.MET:
            assert excused.status is Status.MET
        if excused.status in (Status.OVERDUE, Status.MET_LATE):
            assert plain.status is excused.status  # an exception only ever excuses


@given(cases(), days)
def test_a_step_is_late_exactly_when_done_or_still_open_after_its_due_date(events, later):
    today = events[-1][1] + timedelta(days=later)
    for step in line(*events, today=today).steps:
        if step.status is Status.MET:
            # ...but reg 10(1) does not time a decision to issue: done at any week, never late.
            assert step.done <= step.due or step.key == "decision_to_issue"
        elif step.status is Status.MET_LATE:
            assert step.done > step.due
        elif step.status is Status.OVERDUE:
            assert step.done is None and today > step.due


@given(cases(), days)
def test_the_next_deadline_is_never_a_finished_step(events, later):
    result = line(*events, today=events[-1][1] + timedelta(days=later))
    nxt = result.next_deadline
    if nxt is not None:
        assert nxt.done is None and nxt.status.is_open


@pytest.mark.parametrize(
    "start,count,expected",
    [
        (date(2026, 11, 20), 5, date(2026, 11, 27)),  # Friday + 5 working days skips the weekend
        (date(2026, 12, 22), 5, date(2026, 12, 31)),  # Christmas, and Boxing Day observed on the 28th
        (date(2026, 12, 30), 2, date(2027, 1, 4)),  # New Year's Day and a weekend
        (date(2026, 4, 2), 1, date(2026, 4, 7)),  # Good Friday and Easter Monday
        (date(2026, 11, 21), 0, date(2026, 11, 21)),
    ],
)
def test_working_days_skip_weekends_and_bank_holidays_in_england(start, count, expected):
    assert add_working_days(start, count) == expected


@given(some_date, st.integers(min_value=1, max_value=30))
def test_adding_working_days_always_lands_on_a_working_day_no_earlier_than_calendar_days(start, count):
    end = add_working_days(start, count)
    assert end.weekday() < 5
    assert (end - start).days >= count


# --- What is still open (issue 19) ----------------------------------------------------------


def test_a_step_done_late_but_excused_is_never_the_next_deadline_nor_overdue():
    # The decision was made a week late while the family were away: done, so no longer waited for.
    away = CaseException(ExceptionReason.AWAY, date(2026, 1, 20), date(2026, 2, 20))
    events = [ev(K.REQUEST_RECEIVED, REQUEST), ev(K.DECIDED_TO_ASSESS, date(2026, 2, 23))]
    result = line(*events, today=date(2026, 3, 1), exceptions=[away])
    step = result.step("decision_to_assess")
    assert step.status is Status.EXCUSED and not step.is_open
    assert result.next_deadline.key == "decision_to_issue"
    assert result.overdue == []


def test_a_step_running_late_with_an_exception_is_still_open():
    away = CaseException(ExceptionReason.AWAY, date(2026, 1, 20), date(2026, 2, 20))
    result = line(ev(K.REQUEST_RECEIVED, REQUEST), today=date(2026, 3, 1), exceptions=[away])
    step = result.step("decision_to_assess")
    assert step.status is Status.EXCUSED and step.is_open
    assert result.next_deadline.key == "decision_to_assess"


FINISHED = [
    ev(K.REQUEST_RECEIVED, REQUEST),
    ev(K.DECIDED_TO_ASSESS, date(2026, 2, 2)),
    ev(K.ADVICE_REQUESTED, date(2026, 2, 3), "ep"),
    ev(K.DECIDED_TO_ISSUE, date(2026, 3, 30)),
    ev(K.DRAFT_SERVED, date(2026, 4, 1)),
    ev(K.SETTING_CONSULTED, date(2026, 4, 1), "setting-1"),
]


@pytest.mark.parametrize("closing", [K.FINAL_ISSUED, K.WITHDRAWN])
def test_a_finished_case_has_no_next_deadline_and_nothing_overdue(closing):
    # The adviser never answered and the setting never replied; the case ended anyway.
    result = line(*FINISHED, ev(closing, date(2026, 5, 1)), today=date(2026, 9, 1))
    assert result.next_deadline is None
    assert result.overdue == []
    assert result.step("advice:ep").status is Status.CLOSED
    assert result.step("consultation:setting-1").status is Status.CLOSED


def test_a_decision_not_to_issue_closes_the_advice_still_awaited():
    events = FINISHED[:3] + [ev(K.DECIDED_NOT_TO_ISSUE, date(2026, 3, 30))]
    result = line(*events, today=date(2026, 9, 1))
    assert result.next_deadline is None and result.overdue == []


def test_the_familys_15_days_are_their_time_not_the_council_being_overdue():
    events = FINISHED[:2] + [ev(K.DECIDED_TO_ISSUE, date(2026, 3, 30)), ev(K.DRAFT_SERVED, date(2026, 4, 1))]
    during = line(*events, today=date(2026, 4, 5))
    assert during.step("family_response").status is Status.ON_TRACK
    assert during.next_deadline.key == "final_plan"  # the council's own next deadline
    after = line(*events, today=date(2026, 4, 20))
    step = after.step("family_response")
    assert step.status is Status.TIME_UP and step.status.label == "Family's time has ended"
    assert after.overdue == []
    assert after.next_deadline.key == "final_plan"


def test_the_familys_time_to_comment_on_amendments_is_not_the_council_overdue():
    from clock.reviews import R, review_timeline

    start = date(2026, 1, 5)
    events = [
        Event(R.CYCLE_STARTED, start),
        Event(R.MEETING_HELD, date(2026, 11, 2)),
        Event(R.REPORT_SENT, date(2026, 11, 5)),
        Event(R.DECIDED_TO_AMEND, date(2026, 11, 6)),
        Event(R.PROPOSALS_SENT, date(2026, 11, 9)),
    ]
    result = review_timeline(events, today=date(2026, 12, 1))
    assert result.step("amendment_comments").status is Status.TIME_UP
    assert result.overdue == []
    assert result.next_deadline.key == "amended_plan_after_proposals"


@given(
    cases(), days, some_date, st.integers(min_value=0, max_value=120), st.sampled_from(list(ExceptionReason))
)
def test_with_any_exception_the_next_deadline_is_never_a_done_step(events, later, start, length, reason):
    exception = CaseException(reason, start, start + timedelta(days=length))
    result = line(*events, today=events[-1][1] + timedelta(days=later), exceptions=[exception])
    nxt = result.next_deadline
    if nxt is not None:
        assert nxt.done is None and nxt.is_open and not nxt.family
    if events[-1][0] is K.FINAL_ISSUED:
        assert nxt is None and result.overdue == []
