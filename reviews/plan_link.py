"""The one place reviews touch the plans app: reading the current plan's outcomes, and asking plans'
own services to start an amendment, send it to the family, issue it, or end the plan. Reviews never
write plan rows."""

import copy

from plans import lifecycle, services
from plans.codes import PlanStatus
from plans.errors import PlanError
from plans.forms import IssueForm
from plans.models import Outcome, PlanVersion


def outcomes(plan) -> list[str]:
    """The outcomes (section E) of the plan's current issued version, in order; [] if none."""
    version_id = plan.latest_issued_id if plan is not None else None
    if version_id is None:
        return []
    return list(
        Outcome.objects.filter(version_id=version_id)
        .order_by("order", "pk")
        .values_list("description", flat=True)
    )


def start_amendment(request, plan):
    """A new draft copied from the current version (plans.services.start_amendment); an amendment
    someone already started on the plan's own pages is used rather than refused."""

    started = PlanVersion.objects.filter(
        plan=plan, status=PlanStatus.DRAFT, based_on__isnull=False, case__isnull=True
    ).first()
    return started or services.start_amendment(request, plan)


def serve(request, version, on):
    """The proposed amendments sent to the family (plans.services.serve_draft): the plan can only
    be issued once its draft has been sent."""

    if version.served_on is not None:
        return version
    return services.serve_draft(request, version, on)


def issue(request, version, on, early_reason=""):
    return services.issue(request, version, on, early_reason=early_reason)


def comment_period_refusal(version, on):
    """The family's 15 days on proposed amendments (plans.lifecycle holds the rule)."""

    return lifecycle.comment_period_refusal(version, on, lifecycle.family_response_on(version))


def step_refusal(version, step, on) -> tuple[str | None, str | None]:
    """What plans would say to `step` ("serve" or "issue") on `version` on `on`, for the review
    page to show before submit: (refusal, warning). The warning is the family's 15 days, which a
    manager may override with a recorded reason (plans.lifecycle.why_not, the rule every door uses)."""

    refusal = lifecycle.why_not(step, version, on, overridden=True)
    if refusal:
        return refusal, None
    return None, lifecycle.why_not(step, version, on)


def may_go_early(request) -> bool:
    return lifecycle.may_go_early(request)


def early_reason_field():
    """The plan page's field for a manager's reason to issue early (plans.forms.IssueForm)."""

    return copy.deepcopy(IssueForm.base_fields["early_reason"])


def cease(request, plan, on, reason):
    return services.cease(request, plan, on, reason)


def plan_error_types() -> tuple[type[Exception], ...]:
    """What plans' services raise when a step does not fit (shown to the user as a refusal)."""

    return (PlanError,)
