"""Timing of the EHC needs assessment (SEND Regulations 2014 regs 5, 8, 10, 13).

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
from datetime import date

from clock.case_events import EVENT_TYPES, EventKind
from clock.engine import (
    ALL_REASONS,
    CaseException,
    Event,
    ExceptionReason,
    StepRule,
    Timeline,
    due_date,
    run,
)

CASE_ENDING = frozenset({EventKind.WITHDRAWN, EventKind.DECIDED_NOT_TO_ASSESS})
# Every event that closes the case: once it has, no step of it is still waiting (a finished case
# has no next deadline).
CASE_CLOSED = CASE_ENDING | {EventKind.DECIDED_NOT_TO_ISSUE, EventKind.FINAL_ISSUED}

RULES = [
    StepRule(
        "decision_to_assess",
        "Decide whether to assess",
        "SEND Regulations 2014 reg 5(1)",
        EventKind.REQUEST_RECEIVED,
        6 * 7,
        frozenset({EventKind.DECIDED_TO_ASSESS, EventKind.DECIDED_NOT_TO_ASSESS}),
        closed_by=frozenset({EventKind.WITHDRAWN}),
        excused_by=ALL_REASONS,  # reg 5(4)(a)-(d): the closure window, personal, away
    ),
    StepRule(
        "advice",
        "Advice",
        "SEND Regulations 2014 reg 8(1)",
        EventKind.ADVICE_REQUESTED,
        6 * 7,
        frozenset({EventKind.ADVICE_RECEIVED}),
        closed_by=CASE_CLOSED,
        paired=True,
        cancelled_by=EventKind.ADVICE_CANCELLED,
        excused_by=frozenset(ExceptionReason),  # reg 8(2)(a)-(e)
    ),
    StepRule(
        "decision_to_issue",
        "Decide whether to issue a plan",
        "SEND Regulations 2014 reg 10(1)",
        EventKind.REQUEST_RECEIVED,
        16 * 7,
        # Reg 10(1) times only a decision NOT to issue: a decision to issue, at any week, is the
        # step done but never late (the 20-week final plan, reg 13(2), is what times it).
        frozenset({EventKind.DECIDED_NOT_TO_ISSUE}),
        closed_by=CASE_ENDING,
        untimed_by=frozenset({EventKind.DECIDED_TO_ISSUE}),
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
        closed_by=CASE_CLOSED,
        family=True,
    ),
    StepRule(
        "consultation",
        "Setting's reply to consultation",
        "SEND Regulations 2014 reg 13(1)(b); CoP 9.79",
        EventKind.SETTING_CONSULTED,
        14,
        frozenset({EventKind.SETTING_REPLIED}),
        closed_by=CASE_CLOSED,
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

# A reassessment of a child who has a plan (CFA s.44(2)): the finalised plan within 14 weeks of
# telling the family the area will reassess (reg 27(2)), excused as reg 27(3)(a)-(d) allows. It
# takes the place of the 20-week limit, which times a first assessment.
REASSESSMENT_PLAN = StepRule(
    "final_plan",
    "Issue the final plan after reassessment",
    "SEND Regulations 2014 reg 27(2)",
    EventKind.DECIDED_TO_ASSESS,
    14 * 7,
    frozenset({EventKind.FINAL_ISSUED}),
    closed_by=CASE_ENDING | {EventKind.DECIDED_NOT_TO_ISSUE},
    excused_by=ALL_REASONS,  # reg 27(3)
)
REASSESSMENT_RULES = [REASSESSMENT_PLAN if rule.key == "final_plan" else rule for rule in RULES]


def draft_comments_last_day(served_on: date) -> date:
    """The last day the family may comment on a draft plan, ask for a setting or for a meeting:
    15 calendar days with the day of service as day 1, so served + 14 (SEND Regulations 2014
    reg 13(1); the "family_response" rule above)."""
    return due_date(RULES_BY_KEY["family_response"], served_on)


def timeline(
    events: Iterable[Event],
    exceptions: Iterable[CaseException] = (),
    *,
    today: date,
    adviser_labels: dict[str, str] | None = None,
    reassessment: bool = False,
) -> Timeline:
    """Every step of the assessment, in statutory order, with due dates and statuses on `today`
    (of a reassessment, reg 27, when the child already has a plan)."""
    return run(
        REASSESSMENT_RULES if reassessment else RULES,
        events,
        exceptions,
        today=today,
        order=lambda e: EVENT_TYPES[e.kind].order,
        labels=adviser_labels,
    )
