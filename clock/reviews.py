"""Timing of annual reviews, amendments, phase transfers, moves between areas and appeals.

Sources: Children and Families Act 2014 s.44 (review within 12 months); SEND Regulations 2014
reg 18 (phase transfers), reg 20 (meeting, report, decision), reg 22 (amendments), reg 15
(transfers between areas); R (L, M & P) v Devon CC [2022] EWHC 493 (Admin) (amended plan within
12 weeks of the meeting); CoP 9.176 (advice circulated 2 weeks before the meeting); CoP 9.178
(under-fives every 3 to 6 months); CoP chapter 11 (mediation and appeals). Pure, like the rest of
the engine.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from functools import cache

from dateutil.relativedelta import relativedelta

from clock.dates import age_on
from clock.engine import StepRule, Timeline, due_date, run
from clock.periods import add_working_days, within_months, working_days_beginning_with


class ReviewEventKind(StrEnum):
    CYCLE_STARTED = "cycle_started"  # the plan was issued, or the last review meeting was held
    MEETING_HELD = "meeting_held"
    REPORT_SENT = "report_sent"
    DECIDED_TO_MAINTAIN = "decided_to_maintain"
    DECIDED_TO_AMEND = "decided_to_amend"
    DECIDED_TO_CEASE = "decided_to_cease"
    PROPOSALS_SENT = "proposals_sent"
    FAMILY_COMMENTED = "family_commented"
    AMENDED_PLAN_ISSUED = "amended_plan_issued"


R = ReviewEventKind
DECISIONS = frozenset({R.DECIDED_TO_MAINTAIN, R.DECIDED_TO_AMEND, R.DECIDED_TO_CEASE})
# The order events on one day must have happened in.
ORDER = {kind: number for number, kind in enumerate(ReviewEventKind)}


@cache
def review_rules(months: int) -> tuple[StepRule, ...]:
    return (
        StepRule(
            "review_meeting",
            "Hold the review meeting",
            "Children and Families Act 2014 s.44(1)",
            R.CYCLE_STARTED,
            0,
            frozenset({R.MEETING_HELD}),
            due_rule=lambda start: within_months(start, months),
        ),
        StepRule(
            "review_report",
            "Send the report of the meeting",
            "SEND Regulations 2014 reg 20(7)",
            R.MEETING_HELD,
            2 * 7,
            frozenset({R.REPORT_SENT}),
        ),
        StepRule(
            "review_decision",
            "Decide to maintain, amend or cease",
            "SEND Regulations 2014 reg 20(10)",
            R.MEETING_HELD,
            4 * 7,
            DECISIONS,
        ),
        StepRule(
            # 15 days with the day the proposals are sent as day 1: the last day is sent + 14.
            "amendment_comments",
            "Family's comments on the proposed amendments",
            "SEND Regulations 2014 reg 22(2)(c)",
            R.PROPOSALS_SENT,
            14,
            frozenset({R.FAMILY_COMMENTED}),
            closed_by=frozenset({R.AMENDED_PLAN_ISSUED}),
            family=True,
        ),
        StepRule(
            "amended_plan_after_proposals",
            "Issue the amended plan (8 weeks from the proposals)",
            "SEND Regulations 2014 reg 22(3)",
            R.PROPOSALS_SENT,
            8 * 7,
            frozenset({R.AMENDED_PLAN_ISSUED}),
        ),
        StepRule(
            "amended_plan",
            "Issue the amended plan (12 weeks from the meeting)",
            "SEND Regulations 2014 regs 20 and 22; R (L, M & P) v Devon CC [2022]",
            R.MEETING_HELD,
            12 * 7,
            frozenset({R.AMENDED_PLAN_ISSUED}),
            closed_by=frozenset({R.DECIDED_TO_MAINTAIN, R.DECIDED_TO_CEASE}),
        ),
    )


def amendment_comments_last_day(proposals_sent_on: date) -> date:
    """The last day the family may comment on proposed amendments: at least 15 days, the day the
    proposals are sent being day 1 (SEND Regulations 2014 reg 22(2)(c); the "amendment_comments"
    rule above)."""
    rule = next(rule for rule in review_rules(12) if rule.key == "amendment_comments")
    return due_date(rule, proposals_sent_on)


def review_interval_months(date_of_birth: date, cycle_start: date) -> int:
    """12 months (s.44(1)); under-fives are reviewed at least every 6 months (CoP 9.178 asks for
    3 to 6: the engine holds the outer limit)."""
    return 6 if age_on(date_of_birth, cycle_start) < 5 else 12


def review_timeline(events: Iterable, *, today: date, months: int = 12) -> Timeline:
    return run(review_rules(months), events, (), today=today, order=lambda e: ORDER[e.kind])


def invitations_latest(meeting_on: date) -> date:
    """Invitations go out at least 2 weeks before the meeting (reg 20(3))."""
    return meeting_on - timedelta(days=14)


# Advice and information for the meeting is circulated at least 2 weeks before it (reg 20(4);
# SEND Code of Practice 9.176): an area may ask for it earlier, never later.
MIN_PAPERWORK_NOTICE_DAYS = 14


@dataclass(frozen=True)
class PaperworkDeadline:
    due_on: date
    usual_due_on: date  # what the area's notice period would have asked for
    short_notice: bool  # the usual date had already come when the invitations went out
    notice_days: int  # the usual notice: the area's, never under 14


def paperwork_deadline(meeting_on: date, sent_on: date, notice_days: int = 14) -> PaperworkDeadline:
    """When the family's views, the school's paperwork and professionals' advice are due for a
    meeting on `meeting_on`, asked for on `sent_on` (the day the invitations go out).

    Usually `notice_days` (the area's setting, at least 14: CoP 9.176) before the meeting. Never
    in the past: if that day is not after the day the invitations go out, nobody could meet it,
    so the time left is shared between writing and reading, half each; the date is then on or
    after the day sent and before the meeting (the meeting day itself only for a meeting that day).
    """
    notice = max(notice_days, MIN_PAPERWORK_NOTICE_DAYS)
    usual = meeting_on - timedelta(days=notice)
    if usual > sent_on:
        return PaperworkDeadline(usual, usual, short_notice=False, notice_days=notice)
    left = max((meeting_on - sent_on).days, 0)
    due = sent_on + timedelta(days=left // 2)
    return PaperworkDeadline(due, usual, short_notice=True, notice_days=notice)


class PhaseTransfer(StrEnum):
    SCHOOL = "school"  # into primary, junior, middle or secondary school
    SECONDARY_TO_POST16 = "secondary_to_post16"
    POST16_TO_POST16 = "post16_to_post16"


def phase_transfer_deadline(kind: PhaseTransfer, move_on: date) -> date:
    """When the plan must be reviewed and amended to name the new setting (reg 18): 15 February of
    the year of a school transfer; 31 March of the year of a move from secondary to post-16; at
    least 5 months before a move between post-16 institutions."""
    if kind is PhaseTransfer.SCHOOL:
        return date(move_on.year, 2, 15)
    if kind is PhaseTransfer.SECONDARY_TO_POST16:
        return date(move_on.year, 3, 31)
    return move_on - relativedelta(months=5)


TRANSFER_OUT_WORKING_DAYS = 15
TRANSFER_OUT_SOURCE = "SEND Regulations 2014 reg 15(2)"
TRANSFERRED_REVIEW_SOURCE = "SEND Regulations 2014 reg 15(5)"


def transfer_out_due(learned_of_move_on: date, moved_on: date | None = None) -> date:
    """When the old area must transfer the plan (reg 15(2)): on the day of the move, or, where it
    did not learn of the move at least 15 working days before it, "within 15 working days beginning
    with the day on which it became aware": that day is day 1 when it is a working day."""
    within = working_days_beginning_with(learned_of_move_on, TRANSFER_OUT_WORKING_DAYS)
    if moved_on is not None and within < moved_on:
        return moved_on  # learned of it in time: the plan goes on the day of the move
    return within


def reassessment_decision_due(transferred_on: date) -> date:
    """The new area tells the family within 6 weeks whether it will reassess (reg 15(4); CoP 9.158)."""
    return transferred_on + timedelta(days=6 * 7)


def transferred_plan_review_due(last_reviewed_on: date, transferred_on: date) -> date:
    """The new area reviews a transferred plan before the later of 12 months beginning with the
    date the plan was made or last reviewed, and 3 months beginning with the transfer (reg 15(5))."""
    return max(within_months(last_reviewed_on, 12), within_months(transferred_on, 3))


def mediation_certificate_due(asked_on: date) -> date:
    """A mediation certificate within 3 working days of being asked (CoP 11.20-11.22)."""
    return add_working_days(asked_on, 3)


def appeal_deadline(decision_on: date, certificate_on: date | None = None) -> date:
    """Appeal within 2 months of the decision or 1 month from the mediation certificate, whichever
    is later (tribunal procedure rules; CoP 11.45)."""
    deadline = decision_on + relativedelta(months=2)
    if certificate_on is not None:
        deadline = max(deadline, certificate_on + relativedelta(months=1))
    return deadline
