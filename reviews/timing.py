"""A review's clock: the engine's review rules (clock.reviews), plus the phase transfer
deadline when the child changes phase. No date arithmetic here: every due date is the engine's.

Phase transfer candidates come from the year group the child is in when the review falls due,
going up the next September (reg 18): into Reception (from nursery), into junior school (Year 2
at an infant school), into secondary school (Year 6) and into post-16 (Year 11). Moves between
post-16 institutions are set by hand, with their date.
"""

from datetime import date

from django.conf import settings

from clock import Event, Status, StepRule, Timeline, dates, run
from clock.periods import within_months
from clock.reviews import (
    ORDER,
    PaperworkDeadline,
    PhaseTransfer,
    ReviewEventKind,
    invitations_latest,
    paperwork_deadline,
    phase_transfer_deadline,
    review_interval_months,
    review_rules,
)

R = ReviewEventKind
PHASE_STEP = "phase_transfer"
INFANT_SCHOOL_TOP_AGE = 7  # an infant school's statutory high age: its pupils leave after Year 2
# Year group in the school year the review falls due -> the move the next September.
MOVES = {-1: PhaseTransfer.SCHOOL, 6: PhaseTransfer.SCHOOL, 11: PhaseTransfer.SECONDARY_TO_POST16}


def phase_rule(deadline: date) -> StepRule:
    """The reg 18 deadline as a step: the plan reviewed and amended, naming the new setting."""
    return StepRule(
        PHASE_STEP,
        "Amend the plan to name the new school or college (phase transfer)",
        "SEND Regulations 2014 reg 18",
        R.CYCLE_STARTED,
        0,
        frozenset({R.AMENDED_PLAN_ISSUED}),
        closed_by=frozenset({R.DECIDED_TO_CEASE}),
        due_rule=lambda _start: deadline,
    )


def events_of(rows) -> list:
    """Engine events from ReviewEvent rows (or (kind, date) pairs)."""
    pairs = [(row.kind, row.on) if hasattr(row, "kind") else row for row in rows]
    return [Event(R(kind), on) for kind, on in pairs]


def timeline(events, *, months: int, phase_due: date | None, today: date) -> Timeline:
    rules = review_rules(months)
    if phase_due is not None:
        rules = (*rules, phase_rule(phase_due))
    return run(rules, events, today=today, order=lambda e: ORDER[e.kind])


def review_line(review, rows=None, today=None) -> Timeline:
    rows = rows if rows is not None else review.events.all()
    return timeline(
        events_of(rows),
        months=review.months,
        phase_due=review.phase_transfer_due,
        today=today or dates.today(),
    )


def cycle_terms(child, cycle_start: date) -> tuple[int, date]:
    """(months, due date) of a cycle starting on `cycle_start` for `child`."""
    months = review_interval_months(child.date_of_birth, cycle_start)
    return months, within_months(cycle_start, months)


def derived_phase_transfer(child, due_on: date) -> tuple[PhaseTransfer, date] | None:
    """The move the next September after the review falls due, if the child changes phase then."""
    year = child.year_group(due_on)
    kind = MOVES.get(year)
    setting = child.setting
    if year == 2 and setting is not None and (setting.statutory_high_age or 99) <= INFANT_SCHOOL_TOP_AGE:
        kind = PhaseTransfer.SCHOOL
    if kind is None:
        return None
    move_on = dates.next_academic_year_start(due_on)
    return kind, move_on


def phase_deadline(kind: str, move_on: date | None) -> date | None:
    if not kind or move_on is None:
        return None
    return phase_transfer_deadline(PhaseTransfer(kind), move_on)


def open_status(line: Timeline) -> tuple:
    """(next step or None, whether any step is overdue)."""
    return line.next_deadline, any(s.status is Status.OVERDUE for s in line.steps)


def paperwork_due(review) -> PaperworkDeadline | None:
    """When the paperwork for the review's arranged meeting is due (the engine's rule, with the
    area's notice period), counted from the day the invitations went out; None before a meeting."""
    return paperwork_due_on(review.meeting_on, review.invitations_sent_on)


def paperwork_due_on(meeting_on: date | None, sent_on: date | None) -> PaperworkDeadline | None:
    if meeting_on is None:
        return None
    sent_on = sent_on or invitations_latest(meeting_on)
    return paperwork_deadline(meeting_on, sent_on, settings.REVIEW_PAPERWORK_NOTICE_DAYS)
