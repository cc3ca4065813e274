"""The clock engine: a case's events in, every statutory step's due date and status out.

Pure: no database, no HTTP, no "today" of its own (the caller passes it). Every page, list,
reminder and measure that shows a statutory deadline asks this module; nothing else does date
arithmetic on statutory steps. The rules and their sources are in STATUTORY_RULES.md; each is
written once, here, with its regulation beside it, so a change in the law is a change here.

Counting (STATUTORY_RULES.md, "Counting"): weeks are calendar weeks; "within N weeks of" an event
is due on event + 7N days and met when done on or before that day; "15 days" to comment counts the
day of service as day 1, so the last day is served + 14. School holidays do not stop a clock; only a
recorded exception excuses a late step, and the clock still runs.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

import holidays
from dateutil.relativedelta import relativedelta

from casework.events import EVENT_TYPES, EventKind

DUE_SOON_DAYS = 7  # a step is "due soon" in the week before its due date


class Status(StrEnum):
    NOT_STARTED = "not_started"
    ON_TRACK = "on_track"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    MET = "met"
    MET_LATE = "met_late"
    EXCUSED = "excused"  # late (or running late) while an exception applies
    CLOSED = "closed"  # no longer needed: the case ended another way

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]

    @property
    def is_open(self) -> bool:
        return self in (Status.ON_TRACK, Status.DUE_SOON, Status.OVERDUE) or self is Status.EXCUSED


STATUS_LABELS = {
    Status.NOT_STARTED: "Not started",
    Status.ON_TRACK: "On track",
    Status.DUE_SOON: "Due soon",
    Status.OVERDUE: "Overdue",
    Status.MET: "Met",
    Status.MET_LATE: "Met late",
    Status.EXCUSED: "Late, excused by exception",
    Status.CLOSED: "Not needed",
}


class ExceptionReason(StrEnum):
    """Reg 10(4), reg 5(4), reg 8(2), CoP 9.42: what excuses missing a time limit."""

    SETTING_CLOSED = "closure"  # (a)/(b) school or early years setting closed for 4+ weeks
    PERSONAL = "personal"  # (c) exceptional personal circumstances of the child or family
    AWAY = "away"  # (d) child or family away from the area for 4+ continuous weeks
    MISSED_APPOINTMENT = "missed_appointment"  # reg 8(2)(c): failed to keep an appointment

    @property
    def label(self) -> str:
        return {
            "closure": "School or setting closed for at least 4 weeks",
            "personal": "Exceptional personal circumstances of the child or family",
            "away": "Child or family away from the area for at least 4 weeks",
            "missed_appointment": "An appointment for advice was missed",
        }[self.value]


@dataclass(frozen=True)
class Event:
    kind: EventKind
    on: date
    ref: str = ""  # which adviser or setting, for events that come in pairs


@dataclass(frozen=True)
class CaseException:
    reason: ExceptionReason
    start: date
    end: date
    ref: str = ""  # for a setting closure: the advice request it delays ("" = the whole case)

    def overlaps(self, start: date, end: date) -> bool:
        return self.start <= end and start <= self.end


@dataclass(frozen=True)
class StepRule:
    """How one statutory step is timed: which event starts it, how long it has, what ends it."""

    key: str
    label: str
    source: str
    starts_on: EventKind
    days: int
    ends_on: frozenset[EventKind]
    # Events after which the step is no longer needed (the case went another way).
    closed_by: frozenset[EventKind] = frozenset()
    paired: bool = False  # one step per ref (each adviser, each setting)
    cancelled_by: EventKind | None = None  # ends the step for its own ref only
    excused_by: frozenset[ExceptionReason] = frozenset()


CASE_ENDING = frozenset({EventKind.WITHDRAWN, EventKind.DECIDED_NOT_TO_ASSESS})
ALL_REASONS = frozenset(ExceptionReason) - {ExceptionReason.MISSED_APPOINTMENT}

RULES = [
    StepRule(
        "decision_to_assess",
        "Decide whether to assess",
        "SEND Regulations 2014 reg 5(1)",
        EventKind.REQUEST_RECEIVED,
        6 * 7,
        frozenset({EventKind.DECIDED_TO_ASSESS, EventKind.DECIDED_NOT_TO_ASSESS}),
        closed_by=frozenset({EventKind.WITHDRAWN}),
        excused_by=frozenset({ExceptionReason.PERSONAL, ExceptionReason.AWAY}),  # reg 5(4)
    ),
    StepRule(
        "advice",
        "Advice",
        "SEND Regulations 2014 reg 8(1)",
        EventKind.ADVICE_REQUESTED,
        6 * 7,
        frozenset({EventKind.ADVICE_RECEIVED}),
        closed_by=frozenset({EventKind.WITHDRAWN}),
        paired=True,
        cancelled_by=EventKind.ADVICE_CANCELLED,
        excused_by=frozenset(ExceptionReason),  # reg 8(2)(a)-(d)
    ),
    StepRule(
        "decision_to_issue",
        "Decide whether to issue a plan",
        "SEND Regulations 2014 reg 10(1)",
        EventKind.REQUEST_RECEIVED,
        16 * 7,
        frozenset({EventKind.DECIDED_TO_ISSUE, EventKind.DECIDED_NOT_TO_ISSUE}),
        closed_by=CASE_ENDING,
        excused_by=ALL_REASONS,  # reg 10(4)
    ),
    StepRule(
        "family_response",
        "Family's comments on the draft plan",
        "SEND Regulations 2014 reg 13(1)",
        # 15 days with the day of service as day 1: the last day is served + 14.
        EventKind.DRAFT_SERVED,
        14,
        frozenset({EventKind.FAMILY_RESPONDED}),
        closed_by=frozenset({EventKind.WITHDRAWN, EventKind.FINAL_ISSUED}),
    ),
    StepRule(
        "consultation",
        "Setting's reply to consultation",
        "SEND Regulations 2014 reg 13(1)(b); CoP 9.79",
        EventKind.SETTING_CONSULTED,
        14,
        frozenset({EventKind.SETTING_REPLIED}),
        closed_by=frozenset({EventKind.WITHDRAWN}),
        paired=True,
    ),
    StepRule(
        "final_plan",
        "Issue the final plan",
        "SEND Regulations 2014 reg 13(2)",
        EventKind.REQUEST_RECEIVED,
        20 * 7,
        frozenset({EventKind.FINAL_ISSUED}),
        closed_by=CASE_ENDING | {EventKind.DECIDED_NOT_TO_ISSUE},
        excused_by=ALL_REASONS,  # reg 13(3)
    ),
]
RULES_BY_KEY = {rule.key: rule for rule in RULES}


@dataclass(frozen=True)
class Step:
    key: str  # "advice:ep" for paired steps
    label: str
    source: str
    start: date | None
    due: date | None
    done: date | None
    status: Status
    exceptions: tuple[CaseException, ...] = ()

    @property
    def is_open(self) -> bool:
        return self.status.is_open

    @property
    def days_late(self) -> int:
        if self.due is None or self.done is None:
            return 0
        return max(0, (self.done - self.due).days)


@dataclass(frozen=True)
class Timeline:
    steps: tuple[Step, ...]
    today: date

    def step(self, key: str) -> Step | None:
        return next((s for s in self.steps if s.key == key), None)

    @property
    def next_deadline(self) -> Step | None:
        """The open step due soonest: what the caseworker must do next."""
        open_steps = [s for s in self.steps if s.is_open and s.due is not None]
        return min(open_steps, key=lambda s: (s.due, s.key), default=None)

    @property
    def overdue(self) -> list[Step]:
        return [s for s in self.steps if s.status is Status.OVERDUE]


@dataclass
class _Clock:
    start: date | None = None
    done: date | None = None
    closed_on: date | None = None
    refs: dict = field(default_factory=dict)


def due_date(rule: StepRule, start: date) -> date:
    return start + timedelta(days=rule.days)


def within_months(start: date, months: int) -> date:
    """Last day of "within N months of" `start`: the period starts with that date, so a plan made
    on 10 March 2025 must be reviewed by 9 March 2026 (CFA s.44(1); STATUTORY_RULES.md). Where the
    later month has no corresponding day (29 February), the period ends on that month's last day."""
    corresponding = start + relativedelta(months=months)
    if corresponding.day != start.day:
        return corresponding
    return corresponding - timedelta(days=1)


def _status(rule: StepRule, start, done, closed_on, due, today, exceptions) -> tuple[Status, tuple]:
    applying = tuple(
        e for e in exceptions if e.reason in rule.excused_by and e.overlaps(start, done or today)
    )
    if done is not None:
        if done <= due:
            return Status.MET, ()
        return (Status.EXCUSED if applying else Status.MET_LATE), applying
    if closed_on is not None:
        return Status.CLOSED, ()
    if today > due:
        return (Status.EXCUSED if applying else Status.OVERDUE), applying
    if (due - today).days < DUE_SOON_DAYS:
        return Status.DUE_SOON, ()
    return Status.ON_TRACK, ()


def _collect(rule: StepRule, events: list[Event]) -> dict[str, _Clock]:
    """Per ref (or "" for a single step): when it started, was done, or stopped being needed."""
    clocks: dict[str, _Clock] = {}
    closing: date | None = None
    for event in events:
        if event.kind in rule.closed_by:
            closing = closing or event.on
        ref = event.ref if rule.paired else ""
        if event.kind is rule.starts_on:
            clock = clocks.setdefault(ref, _Clock())
            clock.start = clock.start or event.on
        elif ref not in clocks:
            continue
        elif event.kind in rule.ends_on and clocks[ref].done is None:
            clocks[ref].done = event.on
        elif event.kind is rule.cancelled_by:
            clocks[ref].closed_on = clocks[ref].closed_on or event.on
    for clock in clocks.values():
        if closing and clock.done is None:
            clock.closed_on = clock.closed_on or closing
    return clocks


def timeline(
    events: Iterable[Event],
    exceptions: Iterable[CaseException] = (),
    *,
    today: date,
    adviser_labels: dict[str, str] | None = None,
) -> Timeline:
    """Every step of the case, in statutory order, with due dates and statuses on `today`."""
    events = sorted(events, key=lambda e: (e.on, EVENT_TYPES[e.kind].order))
    exceptions = tuple(exceptions)
    labels = adviser_labels or {}
    steps = []
    for rule in RULES:
        clocks = _collect(rule, events)
        if not clocks and not rule.paired:
            steps.append(Step(rule.key, rule.label, rule.source, None, None, None, Status.NOT_STARTED))
            continue
        for ref, clock in clocks.items():
            due = due_date(rule, clock.start)
            relevant = tuple(e for e in exceptions if not e.ref or e.ref == ref)
            status, applying = _status(rule, clock.start, clock.done, clock.closed_on, due, today, relevant)
            key = f"{rule.key}:{ref}" if rule.paired else rule.key
            label = f"{rule.label}: {labels.get(ref, ref)}" if rule.paired else rule.label
            steps.append(Step(key, label, rule.source, clock.start, due, clock.done, status, applying))
    return Timeline(tuple(steps), today)


# England and Wales bank holidays (the holidays package follows the published gov.uk list).
_BANK_HOLIDAYS = holidays.country_holidays("GB", subdiv="ENG")


def is_working_day(day: date) -> bool:
    """Monday to Friday and not a bank holiday in England and Wales (STATUTORY_RULES.md)."""
    return day.weekday() < 5 and day not in _BANK_HOLIDAYS


def add_working_days(start: date, count: int) -> date:
    """The date `count` working days after `start` (the start day itself is not counted), for the
    rules that say working days: transfers between areas (reg 15), mediation certificates, and
    the area's own service levels such as replying to families within 5 working days."""
    day = start
    remaining = count
    while remaining > 0:
        day += timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    return day
