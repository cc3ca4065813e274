"""After the meeting: the meeting held, the report, the decision to maintain, amend or cease, the
amendment (proposals, the family's comments, the amended plan), and the end of a ceased plan.

Each step is one of the engine's events (clock.reviews), guarded by reviews.events; the
plan itself changes only through plans' own services (reviews.plan_link). Each action's
precondition is one `why_not_<action>(review)`, returning the refusal in plain words or None: the
service raises with it and the review's pages show the same words before anyone fills in a form.
"""

from django.db import transaction
from django.urls import reverse

from audit.models import Action
from audit.services import record
from clock import dates
from clock.reviews import ReviewEventKind, appeal_deadline
from people.family import family_for
from plans.codes import CeaseReason
from reviews import letters, notices, plan_link, timing
from reviews.events import OutOfOrder, check_can_record
from reviews.meetings import short_notice_refusal
from reviews.models import AWAITING_MEETING, Decision, Stage
from reviews.services import history, lock, refresh_clock, save, start_cycle, write_event

R = ReviewEventKind
DECISION_EVENTS = {
    Decision.MAINTAIN: R.DECIDED_TO_MAINTAIN,
    Decision.AMEND: R.DECIDED_TO_AMEND,
    Decision.CEASE: R.DECIDED_TO_CEASE,
}
# The plan can end before the appeal period is over only when there is no one left to appeal for
# it, or another area now maintains it.
ENDS_AT_ONCE = frozenset({CeaseReason.DECEASED, CeaseReason.TRANSFERRED})
# A ceasing review's plan is stopping: no new school or college to name.
PHASE_TRANSFER_STAGES = (*AWAITING_MEETING, Stage.HELD, Stage.AMENDING)


def why_not_meeting_held(review) -> str | None:
    if review.stage != Stage.SCHEDULED:
        return "Arrange the meeting and send the invitations before recording that it was held"
    return None


def why_not_decide(review) -> str | None:
    if review.stage != Stage.HELD:
        return "A decision follows the meeting and its report"
    return None


def why_not_end_plan(review) -> str | None:
    if review.stage != Stage.CEASING:
        return "The plan can only end after a decision to stop maintaining it"
    return None


def why_not_mediation(review) -> str | None:
    if review.decided_on is None:
        return "Mediation follows a decision: record the decision first"
    if not review.is_open:
        return "This review is closed: mediation can only be recorded while it is open"
    return None


def why_not_phase_transfer(review) -> str | None:
    if review.stage not in PHASE_TRANSFER_STAGES:
        return "The phase transfer can only be changed while the review is open"
    return None


# Guards of the steps recorded as engine events, before the catalogue's own order and dates.
STEP_GUARDS = {
    R.MEETING_HELD: why_not_meeting_held,
    R.DECIDED_TO_MAINTAIN: why_not_decide,
    R.DECIDED_TO_AMEND: why_not_decide,
    R.DECIDED_TO_CEASE: why_not_decide,
}


def why_not_step(review, kind, on, events=None) -> str | None:
    """Why step `kind` cannot be recorded on `on`: the action's precondition, then the catalogue's
    refusal (order and dates, reviews.events), as `write_event` would raise it. `events`: the
    review's (kind, date) pairs when the caller has them already."""
    guard = STEP_GUARDS.get(kind)
    refusal = guard(review) if guard else None
    if refusal:
        return refusal
    try:
        check_can_record(kind, on, history(review) if events is None else events, dates.today())
    except OutOfOrder as error:
        return str(error)
    return None


def _refuse(refusal):
    if refusal:
        raise OutOfOrder(refusal)


def _finish(review, original):
    refresh_clock(review)
    original.refresh_from_db()
    return review


def _plan_step(call, *args):
    """Run a plans service; its refusal becomes ours, in its own words."""
    try:
        return call(*args)
    except plan_link.plan_error_types() as error:
        raise OutOfOrder(str(error)) from error


@transaction.atomic
def meeting_held(request, review, on, *, note="", expected_version=None):
    locked = lock(review, expected_version)
    _refuse(why_not_meeting_held(locked))
    if short_notice_refusal(on, locked.invitations_sent_on) and not locked.short_notice_reason:
        raise OutOfOrder(
            f"The invitations went out on {locked.invitations_sent_on:%-d %B %Y}: a meeting on "
            f"{on:%-d %B %Y} would have been at less than 2 weeks' notice. Check the date, or "
            "arrange the meeting again"
        )
    write_event(request, locked, R.MEETING_HELD, on, note)
    save(request, locked, stage=Stage.HELD, meeting_held_on=on)
    return _finish(locked, review)


@transaction.atomic
def report_sent(request, review, on, *, note="", expected_version=None):
    locked = lock(review, expected_version)
    write_event(request, locked, R.REPORT_SENT, on, note)
    save(request, locked)
    return _finish(locked, review)


@transaction.atomic
def decide(request, review, decision, on, reasons, *, cease_reason="", expected_version=None):
    """Record the decision (reg 20(10)); amend starts the amendment in plans, cease makes the
    decision letter, and maintain or amend opens the next cycle from the meeting date."""
    decision = Decision(decision)
    locked = lock(review, expected_version)
    _refuse(why_not_decide(locked))
    if decision == Decision.MAINTAIN and locked.phase_transfer:
        raise OutOfOrder(
            "This review is a phase transfer: the plan must be amended to name the new school or "
            "college (regulation 18). Decide to amend it, or first clear the phase transfer if the "
            "child is not moving"
        )
    if decision == Decision.CEASE and cease_reason not in CeaseReason.values:
        raise OutOfOrder("Choose why the plan is to stop")
    write_event(request, locked, DECISION_EVENTS[decision], on, reasons)
    changes = {"decision": decision, "decided_on": on, "decision_reasons": reasons}
    if decision == Decision.MAINTAIN:
        changes |= {"stage": Stage.COMPLETED, "closed_on": on}
    elif decision == Decision.AMEND:
        draft = _plan_step(plan_link.start_amendment, request, locked.plan)
        changes |= {"stage": Stage.AMENDING, "amendment": draft}
    else:
        changes |= {
            "stage": Stage.CEASING,
            "cease_reason": cease_reason,
            "appeal_deadline": appeal_deadline(on),
        }
    save(request, locked, **changes)
    if decision == Decision.CEASE:
        letters.save_cease_letter(request, locked)
    else:
        # The next review is due within 12 months of this one (CFA s.44(1)), whatever the amendment.
        start_cycle(request, locked.plan, locked.meeting_held_on, caseworker=locked.caseworker)
    _tell_family(locked)
    return _finish(locked, review)


def _tell_family(review):
    def send():
        context = notices.review_context(review)
        if review.appeal_deadline:
            context["appeal_deadline"] = f"{review.appeal_deadline:%-d %B %Y}"
        link = reverse("reviews:family_views", args=[review.public_id])
        for person in family_for(review.child):
            notices.tell(person, f"review_decided_{review.decision}", context, link)

    transaction.on_commit(send, robust=True)


def _draft(request, review):
    """The amendment being written; demo and imported reviews may have none yet, so plans starts
    one from the current version."""
    return review.amendment or _plan_step(plan_link.start_amendment, request, review.plan)


@transaction.atomic
def proposals_sent(request, review, on, *, note="", expected_version=None):
    """The proposed amendments go to the family (reg 22(2)): plans records the draft as sent."""
    locked = lock(review, expected_version)
    write_event(request, locked, R.PROPOSALS_SENT, on, note)
    draft = _draft(request, locked)
    _plan_step(plan_link.serve, request, draft, on)
    save(request, locked, amendment=draft)
    return _finish(locked, review)


@transaction.atomic
def family_commented(request, review, on, *, note="", expected_version=None):
    locked = lock(review, expected_version)
    write_event(request, locked, R.FAMILY_COMMENTED, on, note)
    save(request, locked)
    return _finish(locked, review)


def comment_period_refusal(review, on) -> str | None:
    """Why the amended plan cannot be issued on `on` while the family has time to comment: the
    plans' rule (plans.lifecycle, reg 22(2)), the one every door uses; for the review page."""
    draft = review.amendment
    if draft is None or draft.served_on is None:
        return None
    return plan_link.comment_period_refusal(draft, on)


@transaction.atomic
def amended_plan_issued(request, review, on, *, note="", expected_version=None, early_reason=""):
    """The amended plan issued (plans.services.issue holds the family's 15 days, reg 22(2), for
    every door; a manager's `early_reason` lets it go sooner) and the review closed. Refused, it
    leaves the review, the case and the plan as they were (one transaction)."""
    locked = lock(review, expected_version)
    write_event(request, locked, R.AMENDED_PLAN_ISSUED, on, note)
    draft = _draft(request, locked)
    if draft.served_on is None:  # proposals recorded before the draft existed (demo, imports)
        _plan_step(plan_link.serve, request, draft, dict(history(locked))[R.PROPOSALS_SENT])
    _plan_step(plan_link.issue, request, draft, on, early_reason)
    save(request, locked, stage=Stage.COMPLETED, closed_on=on, amendment=draft)
    return _finish(locked, review)


@transaction.atomic
def plan_ended(request, review, on, *, expected_version=None):
    """The plan stops once the time to appeal has passed or an appeal is decided (CFA s.45; regs
    29-31); the SEN2 cease date is that day, not the decision's."""
    locked = lock(review, expected_version)
    _refuse(why_not_end_plan(locked))
    if on > dates.today():
        raise OutOfOrder("The date cannot be in the future")
    if on < locked.decided_on:
        raise OutOfOrder(f"The plan cannot end before the decision of {locked.decided_on:%-d %B %Y}")
    if locked.cease_reason not in ENDS_AT_ONCE and on <= locked.appeal_deadline:
        raise OutOfOrder(
            f"The plan stays in place until the time to appeal has passed: the last day to appeal is "
            f"{locked.appeal_deadline:%-d %B %Y}. Record the end of the plan after that day"
        )
    # Ended here first, so the plans signal that closes a ceased plan's open reviews skips this one.
    save(request, locked, stage=Stage.CEASED, closed_on=on)
    _plan_step(plan_link.cease, request, locked.plan, on, locked.cease_reason)
    record(request, Action.UPDATE, child=locked.child, obj=locked, summary=f"{locked.reference}: plan ended")
    return _finish(locked, review)


@transaction.atomic
def mediation(request, review, *, asked_on, certificate_on=None, expected_version=None):
    """A mediation certificate can move the last day to appeal (1 month from the certificate)."""
    locked = lock(review, expected_version)
    _refuse(why_not_mediation(locked))
    if asked_on < locked.decided_on or (certificate_on and certificate_on < asked_on):
        raise OutOfOrder("Mediation is asked for after the decision, and the certificate after that")
    save(
        request,
        locked,
        mediation_asked_on=asked_on,
        mediation_certificate_on=certificate_on,
        appeal_deadline=appeal_deadline(locked.decided_on, certificate_on),
    )
    return _finish(locked, review)


@transaction.atomic
def set_phase_transfer(request, review, kind, move_on, *, expected_version=None):
    """Set (or clear, with kind "") the phase transfer by hand, e.g. a move between colleges."""
    locked = lock(review, expected_version)
    _refuse(why_not_phase_transfer(locked))
    if kind and move_on is None:
        raise OutOfOrder("Enter the date of the move")
    save(
        request,
        locked,
        phase_transfer=kind,
        phase_transfer_move_on=move_on if kind else None,
        phase_transfer_due=timing.phase_deadline(kind, move_on),
        phase_transfer_by_hand=True,
    )
    return _finish(locked, review)
