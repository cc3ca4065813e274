"""The catalogue of case events: what each means, what must come before it, what it ends.

Declarative, like a registry (STYLE.md #3): the clock engine reads it to order events on the same
day, and casework.services reads it to refuse actions out of order with a plain message. It is
checked when the module loads, so a mistake here stops the app starting rather than misleading
a caseworker.
"""

from dataclasses import dataclass
from enum import StrEnum


class EventKind(StrEnum):
    REQUEST_RECEIVED = "request_received"
    DECIDED_TO_ASSESS = "decided_to_assess"
    DECIDED_NOT_TO_ASSESS = "decided_not_to_assess"
    ADVICE_REQUESTED = "advice_requested"
    ADVICE_RECEIVED = "advice_received"
    ADVICE_CANCELLED = "advice_cancelled"
    DECIDED_TO_ISSUE = "decided_to_issue"
    DECIDED_NOT_TO_ISSUE = "decided_not_to_issue"
    DRAFT_SERVED = "draft_served"
    FAMILY_RESPONDED = "family_responded"
    SETTING_CONSULTED = "setting_consulted"
    SETTING_REPLIED = "setting_replied"
    FINAL_ISSUED = "final_issued"
    WITHDRAWN = "withdrawn"


@dataclass(frozen=True)
class EventType:
    kind: EventKind
    label: str
    order: int  # for events on the same day: the order they must have happened in
    # At least one of these must already have happened (empty: none needed).
    needs_one_of: frozenset = frozenset()
    # None of these may have happened already.
    not_after: frozenset = frozenset()
    paired: bool = False  # names an adviser or setting; needs/not_after then count per ref
    once: bool = True  # (per ref, when paired)
    refusal: str = ""  # the plain message when `needs_one_of` is not met


K = EventKind
ENDED = frozenset({K.WITHDRAWN, K.DECIDED_NOT_TO_ASSESS, K.DECIDED_NOT_TO_ISSUE, K.FINAL_ISSUED})

_CATALOGUE = [
    EventType(K.REQUEST_RECEIVED, "Request for an EHC needs assessment received", 0),
    EventType(
        K.DECIDED_TO_ASSESS,
        "Decided to assess",
        10,
        frozenset({K.REQUEST_RECEIVED}),
        ENDED | {K.DECIDED_NOT_TO_ASSESS},
    ),
    EventType(
        K.DECIDED_NOT_TO_ASSESS,
        "Decided not to assess",
        10,
        frozenset({K.REQUEST_RECEIVED}),
        ENDED | {K.DECIDED_TO_ASSESS},
    ),
    EventType(
        K.ADVICE_REQUESTED,
        "Advice requested",
        20,
        frozenset({K.DECIDED_TO_ASSESS}),
        ENDED | {K.DECIDED_TO_ISSUE},
        paired=True,
        refusal="Advice can only be asked for after the decision to assess",
    ),
    EventType(
        K.ADVICE_RECEIVED,
        "Advice received",
        30,
        frozenset({K.ADVICE_REQUESTED}),
        # Once the case is closed its advice is no longer needed (cancelled when it closed).
        ENDED | {K.ADVICE_CANCELLED},
        paired=True,
        refusal="Advice can only be received after it was asked for",
    ),
    EventType(
        K.ADVICE_CANCELLED,
        "Advice request cancelled",
        30,
        frozenset({K.ADVICE_REQUESTED}),
        frozenset({K.ADVICE_RECEIVED}),
        paired=True,
    ),
    EventType(
        K.DECIDED_TO_ISSUE,
        "Decided to issue a plan",
        40,
        frozenset({K.DECIDED_TO_ASSESS}),
        ENDED | {K.DECIDED_TO_ISSUE},
        refusal="A decision to issue a plan needs a decision to assess first",
    ),
    EventType(
        K.DECIDED_NOT_TO_ISSUE,
        "Decided not to issue a plan",
        40,
        frozenset({K.DECIDED_TO_ASSESS}),
        ENDED | {K.DECIDED_TO_ISSUE},
        refusal="A decision not to issue a plan needs a decision to assess first",
    ),
    EventType(
        K.DRAFT_SERVED,
        "Draft plan sent to the family",
        50,
        frozenset({K.DECIDED_TO_ISSUE}),
        ENDED,
        refusal="The draft plan can only be sent after the decision to issue",
    ),
    EventType(
        K.FAMILY_RESPONDED,
        "Family responded to the draft",
        60,
        frozenset({K.DRAFT_SERVED}),
        ENDED,
        refusal="The family can only respond once the draft has been sent",
    ),
    EventType(
        K.SETTING_CONSULTED,
        "School or setting consulted",
        60,
        frozenset({K.DRAFT_SERVED}),
        ENDED,
        paired=True,
        refusal="Settings are consulted once the draft has been sent",
    ),
    EventType(
        K.SETTING_REPLIED,
        "School or setting replied",
        70,
        frozenset({K.SETTING_CONSULTED}),
        frozenset({K.WITHDRAWN}),
        paired=True,
        refusal="A setting can only reply after it was consulted",
    ),
    EventType(
        K.FINAL_ISSUED,
        "Final plan issued",
        80,
        frozenset({K.DRAFT_SERVED}),
        ENDED,
        refusal="The final plan can only be issued after a draft has been sent to the family",
    ),
    EventType(K.WITHDRAWN, "Request withdrawn", 90, frozenset({K.REQUEST_RECEIVED}), ENDED),
]

EVENT_TYPES: dict[EventKind, EventType] = {t.kind: t for t in _CATALOGUE}


def _validate():
    missing = set(EventKind) - set(EVENT_TYPES)
    if missing:
        raise RuntimeError(f"Event kinds without a catalogue entry: {sorted(missing)}")
    for event_type in _CATALOGUE:
        for before in event_type.needs_one_of:
            if EVENT_TYPES[before].order > event_type.order:
                raise RuntimeError(f"{event_type.kind} needs {before}, which sorts after it")


_validate()


class OutOfOrder(Exception):
    """The action does not fit where the case is; the message says why in plain English."""


def check_can_record(kind: EventKind, ref: str, on, history: list[tuple], today) -> None:
    """Raise OutOfOrder unless `kind` (for `ref`) on date `on` may follow `history`, a list of
    (kind, ref, date) already recorded."""
    event_type = EVENT_TYPES[kind]

    def matching(other):
        if event_type.paired and EVENT_TYPES[other].paired:
            return [d for k, r, d in history if k == other and r == ref]
        return [d for k, _, d in history if k == other]

    def happened(other):
        return bool(matching(other))

    if on > today:
        raise OutOfOrder("The date cannot be in the future")

    ended = next((k for k in event_type.not_after if happened(k)), None)
    if ended is not None:
        label = EVENT_TYPES[ended].label
        raise OutOfOrder(f"This cannot be recorded: the case already has \u201c{label}\u201d")
    if event_type.once and happened(kind):
        raise OutOfOrder(f"\u201c{event_type.label}\u201d has already been recorded")
    if event_type.needs_one_of and not any(happened(k) for k in event_type.needs_one_of):
        needed = " or ".join(EVENT_TYPES[k].label.lower() for k in event_type.needs_one_of)
        raise OutOfOrder(event_type.refusal or f"This needs {needed} first")
    earliest = min((d for k in event_type.needs_one_of for d in matching(k)), default=None)
    if earliest is not None and on < earliest:
        raise OutOfOrder(f"The date cannot be before {earliest:%-d %B %Y}, when the step before it happened")
