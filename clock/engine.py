"""The clock engine's machinery: statuses, steps and timelines, shared by every set of rules.

A set of StepRules (assessment.py, reviews.py) says when each statutory step starts, how long it
has and what ends it; `run` turns a case's events into steps with due dates and statuses on the
day asked. Pure: no database, no HTTP, no "today" of its own.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from clock.dates import days_late
from clock.exceptions import excusing

DUE_SOON_DAYS = 7  # a step is "due soon" in the week before its due date


def due_soon_range(today: date) -> tuple[date, date]:
    """The first and last due dates (both included) of a step that is "due soon" on `today`, for a
    query: `due_on__range=due_soon_range(today)`. Before the first it is overdue; after the last,
    on track. The one rule behind the engine's DUE_SOON status, lists and reminders."""
    return today, today + timedelta(days=DUE_SOON_DAYS - 1)


class Status(StrEnum):
    NOT_STARTED = "not_started"
    ON_TRACK = "on_track"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    MET = "met"
    MET_LATE = "met_late"
    EXCUSED = "excused"  # late (or running late) while an exception applies
    CLOSED = "closed"  # no longer needed: the case ended another way
    # The family's own period (e.g. 15 days to comment on a draft) has passed with no answer:
    # their time, not the council's, so never "overdue"; they may still answer until it closes.
    TIME_UP = "time_up"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]

    @property
    def is_open(self) -> bool:
        """Whether a step with this status may still be waiting to be done. EXCUSED is both a
        step done late with an excuse and one still running late with one: Step.is_open tells
        them apart by whether it was done."""
        return self in (Status.ON_TRACK, Status.DUE_SOON, Status.OVERDUE, Status.EXCUSED, Status.TIME_UP)


STATUS_LABELS = {
    Status.NOT_STARTED: "Not started",
    Status.ON_TRACK: "On track",
    Status.DUE_SOON: "Due soon",
    Status.OVERDUE: "Overdue",
    Status.MET: "Met",
    Status.MET_LATE: "Met late",
    Status.EXCUSED: "Late, excused by exception",
    Status.CLOSED: "Not needed",
    Status.TIME_UP: "Family's time has ended",
}


def due_status(due: date, today: date) -> Status:
    """Overdue, due soon or on track on `today`, for something due on `due` and not yet done (an
    advice request, a deadline shown on its own): the same rule as a step's status."""
    if today > due:
        return Status.OVERDUE
    return Status.DUE_SOON if due <= due_soon_range(today)[1] else Status.ON_TRACK


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
    kind: StrEnum
    on: date
    ref: str = ""  # which adviser or setting, for events that come in pairs


@dataclass(frozen=True)
class CaseException:
    reason: ExceptionReason
    start: date
    end: date
    ref: str = ""  # for a setting closure: the advice request it delays ("" = the whole case)
    # The steps it delayed (rule keys, e.g. "final_plan"); none named = every step its reason
    # may excuse. Which exceptions excuse which step: exceptions.py.
    steps: frozenset[str] = frozenset()
    # For a closure: the day the advice was asked of the school or setting, when `ref` names no
    # advice request on the case (reg 10(4)(a): the request must fall in the closure's window).
    asked_on: date | None = None

    def overlaps(self, start: date, end: date) -> bool:
        return self.start <= end and start <= self.end


@dataclass(frozen=True)
class StepRule:
    """How one statutory step is timed: which event starts it, how long it has, what ends it."""

    key: str
    label: str
    source: str
    starts_on: StrEnum
    days: int  # calendar days from the start event; or `due_rule` for other periods
    ends_on: frozenset
    # Events after which the step is no longer needed (the case went another way).
    closed_by: frozenset = frozenset()
    # Events that complete the step but that its time limit does not time: done, and never late.
    untimed_by: frozenset = frozenset()
    paired: bool = False  # one step per ref (each adviser, each setting)
    cancelled_by: StrEnum | None = None  # ends the step for its own ref only
    excused_by: frozenset[ExceptionReason] = frozenset()
    due_rule: Callable[[date], date] | None = None  # e.g. "within 12 months" (periods.within_months)
    # The family's time (to comment on a draft or proposals), not a council deadline: never
    # overdue, and never the caseworker's next deadline.
    family: bool = False


ALL_REASONS = frozenset(ExceptionReason) - {ExceptionReason.MISSED_APPOINTMENT}


@dataclass(frozen=True)
class Step:
    key: str  # "advice:ep" for paired steps
    label: str
    source: str
    start: date | None
    due: date | None
    done: date | None
    status: Status
    # The exceptions that apply to this step (its reasons, while it ran), late or not: what the
    # DfE's "excluding exceptions" figures leave out (SEN2 `Week20`).
    exceptions: tuple[CaseException, ...] = ()
    family: bool = False  # the family's time, not the council's (StepRule.family)

    @property
    def is_open(self) -> bool:
        """Still to be done: a step done (met, met late, or late and excused) never is."""
        return self.done is None and self.status.is_open

    @property
    def days_late(self) -> int:
        if self.due is None or self.done is None:
            return 0
        return days_late(self.done, self.due)


@dataclass(frozen=True)
class Timeline:
    steps: tuple[Step, ...]
    today: date

    def step(self, key: str) -> Step | None:
        return next((s for s in self.steps if s.key == key), None)

    @property
    def next_deadline(self) -> Step | None:
        """The open step due soonest: what the caseworker must do next (the family's own time
        is theirs, not a deadline of the council's)."""
        open_steps = [s for s in self.steps if s.is_open and not s.family and s.due is not None]
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
    untimed: bool = False


def due_date(rule: StepRule, start: date) -> date:
    if rule.due_rule is not None:
        return rule.due_rule(start)
    return start + timedelta(days=rule.days)


def _status(
    rule: StepRule, start, done, closed_on, due, today, applying, untimed=False
) -> tuple[Status, tuple]:
    if done is not None:
        if done <= due or untimed:
            return Status.MET, applying
        return (Status.EXCUSED if applying else Status.MET_LATE), applying
    if closed_on is not None:
        return Status.CLOSED, applying
    if today > due:
        if rule.family:
            return Status.TIME_UP, applying
        return (Status.EXCUSED if applying else Status.OVERDUE), applying
    if due <= due_soon_range(today)[1]:
        return Status.DUE_SOON, applying
    return Status.ON_TRACK, applying


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
        elif event.kind in rule.untimed_by and clocks[ref].done is None:
            clocks[ref].done, clocks[ref].untimed = event.on, True
        elif event.kind is rule.cancelled_by:
            clocks[ref].closed_on = clocks[ref].closed_on or event.on
    for clock in clocks.values():
        if closing and clock.done is None:
            clock.closed_on = clock.closed_on or closing
    return clocks


def run(
    rules: Iterable[StepRule],
    events: Iterable[Event],
    exceptions: Iterable[CaseException] = (),
    *,
    today: date,
    order: Callable[[Event], int] = lambda event: 0,
    labels: dict[str, str] | None = None,
) -> Timeline:
    """Every step of `rules`, in order, with due dates and statuses on `today`. `order` sorts
    events that happened on the same day into the order they must have happened in."""
    events = sorted(events, key=lambda e: (e.on, order(e)))
    exceptions = tuple(exceptions)
    labels = labels or {}
    asked: dict[str, date] = {}  # the day each advice request (or consultation) was made
    for event in events:
        if event.ref:
            asked.setdefault(event.ref, event.on)
    steps = []
    for rule in rules:
        clocks = _collect(rule, events)
        if not clocks and not rule.paired:
            steps.append(
                Step(
                    rule.key,
                    rule.label,
                    rule.source,
                    None,
                    None,
                    None,
                    Status.NOT_STARTED,
                    family=rule.family,
                )
            )
            continue
        for ref, clock in clocks.items():
            due = due_date(rule, clock.start)
            # An exception naming one adviser (a school closed for the summer) excuses that advice
            # and the whole-case limits it delays (reg 10(4)(a)), but not other advisers' steps.
            until = clock.done or today
            applying = excusing(rule, ref, clock.start, due, until, exceptions, asked)
            status, applying = _status(
                rule, clock.start, clock.done, clock.closed_on, due, today, applying, clock.untimed
            )
            key = f"{rule.key}:{ref}" if rule.paired else rule.key
            label = f"{rule.label}: {labels.get(ref, ref)}" if rule.paired else rule.label
            steps.append(
                Step(key, label, rule.source, clock.start, due, clock.done, status, applying, rule.family)
            )
    return Timeline(tuple(steps), today)
