"""The catalogue of an audit's steps: from which statuses each may be taken, where it leaves the
audit, and the plain refusal when it may not be taken now.

Declarative, like clock.case_events: quality.services checks a step here before changing anything
(and raises the refusal), and the pages ask the same `why_not` to offer a form or say why not.
Checked when the module loads.
"""

from dataclasses import dataclass
from enum import StrEnum

from quality.models import ActionStatus, AuditStatus

S = AuditStatus


class Step(StrEnum):
    ASSIGN = "assign"
    GRADE = "grade"  # save the grades, to finish later
    SUBMIT = "submit"
    MODERATE = "moderate"
    RESOLVE = "resolve"
    COMPLETE_ACTION = "complete_action"


@dataclass(frozen=True)
class Transition:
    step: Step
    from_statuses: frozenset
    to: str | None  # None: the status stays as it is
    refusal: str


_CATALOGUE = [
    Transition(
        Step.ASSIGN,
        frozenset({S.ASSIGNED}),
        None,
        "This audit has been submitted: it cannot be given to someone else",
    ),
    Transition(
        Step.GRADE,
        frozenset({S.ASSIGNED}),
        None,
        "This audit has been submitted: its grades cannot be changed",
    ),
    Transition(
        Step.SUBMIT,
        frozenset({S.ASSIGNED}),
        S.SUBMITTED,
        "This audit has been submitted: its grades cannot be changed",
    ),
    # Moderating leaves the audit being moderated until a manager resolves any disagreement
    # (with none, the service agrees it at once: RESOLVE from MODERATING).
    Transition(
        Step.MODERATE,
        frozenset({S.SUBMITTED}),
        S.MODERATING,
        "Only a submitted audit that has not been moderated can be moderated",
    ),
    Transition(
        Step.RESOLVE,
        frozenset({S.MODERATING}),
        S.AGREED,
        "This moderation has already been resolved",
    ),
    Transition(
        Step.COMPLETE_ACTION,
        frozenset({ActionStatus.OPEN}),
        ActionStatus.DONE,
        "This action is already closed",
    ),
]
TRANSITIONS = {t.step: t for t in _CATALOGUE}


def why_not(step: Step, obj) -> str | None:
    """Why `step` cannot be taken on `obj` (an audit, or a quality action) in its status now."""
    transition = TRANSITIONS[step]
    return None if obj.status in transition.from_statuses else transition.refusal


def _check_catalogue():
    if set(TRANSITIONS) != set(Step):
        raise RuntimeError(f"Steps without a catalogue entry: {sorted(set(Step) - set(TRANSITIONS))}")
    audit_steps = [t for t in _CATALOGUE if t.step != Step.COMPLETE_ACTION]
    reached = {S.ASSIGNED} | {t.to for t in audit_steps if t.to}
    if reached != set(S) or any(not t.from_statuses <= set(S) for t in audit_steps):
        raise RuntimeError("Every audit step must start from, and every status be reached by, a status")


_check_catalogue()
