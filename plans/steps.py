"""One service per statutory step of a plan, whatever the door.

- The case page and the API record "draft sent" and "final plan issued" through
  casework.services.record_event, which hands them to `case_step`: the case's draft is found (or
  started, for a case whose draft was written outside OpenSEND), sent and issued by
  plans.services, which records the case event. So the plan record and its issued version exist
  for every final plan, and Annex A, SEN2, the child's page and the portal all see it.
- The plan page sends and issues through `serve` and `issue`: a draft owned by an annual review
  goes through the review's own steps (which then close the review); any other draft through
  plans.services. It ends a plan through `cease`: a plan whose annual review decided to stop it
  ends through that review's "the plan has ended" (its reason, after the time to appeal).
"""

from django.db import transaction

from casework import services as casework_services
from clock.case_events import EventKind as K
from clock.case_events import OutOfOrder
from core.concurrency import editing
from plans import lifecycle, services
from plans.codes import CeaseReason, PlanStatus
from plans.errors import PlanError
from plans.models import PlanVersion
from reviews import decisions


def case_draft(case):
    """The draft (or issued version) written for this assessment, if any."""
    return PlanVersion.objects.filter(case=case).select_related("plan").order_by("-number").first()


@casework_services.carries_out_plan_steps
@transaction.atomic
def case_step(request, case, kind, on, *, note="", expected_version=None, early_reason=""):
    """DRAFT_SERVED or FINAL_ISSUED recorded on the case: done to the plan, which records it on the
    case. Returns the case event."""
    # One edit of the case: claimed once here; the case step plans' services record inside
    # does not claim it again.
    with editing(case, expected_version):
        locked = casework_services.lock_case(case)
        casework_services.check_can_record_step(locked, kind, "", on)
        version = case_draft(locked)
        if version is not None and version.is_issued:
            # Legacy data: the plan was issued before the case heard of it. Record the case's side.
            return casework_services.record_case_step(request, locked, kind, on, note=note)
        if version is None:
            version = services.start_plan(request, locked)
        if kind == K.DRAFT_SERVED:
            services.serve_draft(request, version, on, note=note)
        else:
            if version.served_on is None:
                # The draft was sent before OpenSEND knew of it: the case's own date stands.
                served = locked.events.filter(kind=K.DRAFT_SERVED).values_list("on", flat=True).first()
                PlanVersion.objects.filter(pk=version.pk, status=PlanStatus.DRAFT).update(served_on=served)
                version.refresh_from_db()
            services.issue(request, version, on, early_reason=early_reason, note=note)
        case.refresh_from_db()
        return locked.events.filter(kind=kind).order_by("-pk").first()


def _review_step(call, *args, **kwargs):
    try:
        return call(*args, **kwargs)
    except OutOfOrder as error:
        raise PlanError(str(error)) from error


def serve(request, version, on):
    """The plan page's "record that the draft was sent": the review's "proposals sent" when a
    review owns the draft."""
    review = lifecycle.owning_review(version)
    if review is not None:

        _review_step(decisions.proposals_sent, request, review, on)
        version.refresh_from_db()
        return version
    return services.serve_draft(request, version, on)


def issue(request, version, on, *, early_reason=""):
    """The plan page's "issue the plan": the review's "amended plan issued" (which closes the
    review) when a review owns the draft."""
    review = lifecycle.owning_review(version)
    if review is not None:

        _review_step(decisions.amended_plan_issued, request, review, on, early_reason=early_reason)
        version.refresh_from_db()
        return version
    return services.issue(request, version, on, early_reason=early_reason)


def cease(request, plan, on, reason=None):
    """The plan page's "cease the plan": the review's "the plan has ended" while an annual review
    that decided to stop the plan is waiting for the time to appeal (the review's reason stands;
    a different one is refused); plans.services.cease otherwise."""
    review = lifecycle.ceasing_review(plan)
    if review is None:
        return services.cease(request, plan, on, reason)
    if reason and reason != review.cease_reason:
        decided = CeaseReason(review.cease_reason).label if review.cease_reason else "another reason"
        raise PlanError(
            f"Annual review {review.reference} decided to stop the plan because: {decided}. "
            "Record the end of the plan on the review, with that reason"
        )

    _review_step(decisions.plan_ended, request, review, on)
    plan.refresh_from_db()
    return plan
