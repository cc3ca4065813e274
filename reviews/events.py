"""The catalogue of review events: what each means, what must come before it, what it rules out.

Declarative, like clock.case_events (STYLE.md #3): services read it to refuse a step out of order
with a plain message, and the review page reads it to offer only the steps that fit. The kinds
themselves are the clock engine's (clock.reviews.ReviewEventKind). Checked when the
module loads.
"""

from dataclasses import dataclass

from clock.case_events import OutOfOrder
from clock.reviews import DECISIONS, ORDER, ReviewEventKind

R = ReviewEventKind


@dataclass(frozen=True)
class ReviewEventType:
    kind: ReviewEventKind
    label: str
    needs_one_of: frozenset = frozenset()  # at least one of these must have happened
    not_after: frozenset = frozenset()  # none of these may have happened
    refusal: str = ""  # the plain message when `needs_one_of` is not met

    @property
    def order(self) -> int:
        return ORDER[self.kind]


_CATALOGUE = [
    ReviewEventType(R.CYCLE_STARTED, "Review cycle started"),
    ReviewEventType(
        R.MEETING_HELD,
        "Review meeting held",
        frozenset({R.CYCLE_STARTED}),
        frozenset({R.MEETING_HELD}),
    ),
    ReviewEventType(
        R.REPORT_SENT,
        "Report of the meeting sent",
        frozenset({R.MEETING_HELD}),
        refusal="The report can only be sent after the meeting",
    ),
    *(
        ReviewEventType(
            kind,
            label,
            # The decision is made on the report of the meeting (reg 20(10)).
            frozenset({R.REPORT_SENT}),
            DECISIONS,
            refusal="Record that the report of the meeting was sent before the decision",
        )
        for kind, label in (
            (R.DECIDED_TO_MAINTAIN, "Decided to keep the plan as it is"),
            (R.DECIDED_TO_AMEND, "Decided to amend the plan"),
            (R.DECIDED_TO_CEASE, "Decided to stop maintaining the plan"),
        )
    ),
    ReviewEventType(
        R.PROPOSALS_SENT,
        "Proposed amendments sent to the family",
        frozenset({R.DECIDED_TO_AMEND}),
        refusal="Proposed amendments follow a decision to amend the plan",
    ),
    ReviewEventType(
        R.FAMILY_COMMENTED,
        "Family commented on the proposed amendments",
        frozenset({R.PROPOSALS_SENT}),
        frozenset({R.AMENDED_PLAN_ISSUED}),
        refusal="The family comments once the proposed amendments have been sent",
    ),
    ReviewEventType(
        R.AMENDED_PLAN_ISSUED,
        "Amended plan issued",
        frozenset({R.PROPOSALS_SENT}),
        refusal="The amended plan can only be issued after the proposals were sent to the family",
    ),
]

EVENT_TYPES: dict[ReviewEventKind, ReviewEventType] = {t.kind: t for t in _CATALOGUE}


def _validate():
    missing = set(ReviewEventKind) - set(EVENT_TYPES)
    if missing:
        raise RuntimeError(f"Review event kinds without a catalogue entry: {sorted(missing)}")
    for event_type in _CATALOGUE:
        for before in event_type.needs_one_of:
            if EVENT_TYPES[before].order > event_type.order:
                raise RuntimeError(f"{event_type.kind} needs {before}, which sorts after it")


_validate()


def check_can_record(kind: ReviewEventKind, on, history: list[tuple], today) -> None:
    """Raise OutOfOrder unless `kind` on `on` may follow `history`, a list of (kind, date)."""
    event_type = EVENT_TYPES[kind]
    # Kind -> the earliest date it happened (later dates come first, so the earliest is kept).
    happened = dict(sorted(history, key=lambda h: h[1], reverse=True))
    if on > today:
        raise OutOfOrder("The date cannot be in the future")
    ended = next((k for k in event_type.not_after if k in happened), None)
    if ended is not None:
        raise OutOfOrder(
            f"This cannot be recorded: the review already has \u201c{EVENT_TYPES[ended].label}\u201d"
        )
    if kind in happened:
        raise OutOfOrder(f"\u201c{event_type.label}\u201d has already been recorded")
    before = [happened[k] for k in event_type.needs_one_of if k in happened]
    if event_type.needs_one_of and not before:
        raise OutOfOrder(event_type.refusal or "This needs an earlier step first")
    if before and on < min(before):
        raise OutOfOrder(
            f"The date cannot be before {min(before):%-d %B %Y}, when the step before it happened"
        )


__all__ = ["EVENT_TYPES", "OutOfOrder", "check_can_record"]
