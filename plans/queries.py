"""Read-only queries for plan pages: the plan list, drafts waiting, cases waiting for a draft."""

from django.db.models import Exists, OuterRef, Q

from casework.models import AssessmentCase, Stage
from people.models import Child
from people.queries import search_children
from plans.codes import PlanStatus
from plans.models import PlanVersion

STATUSES = {
    "live": "Current plans",
    "drafting": "A draft is being written",
    "sent": "A draft is with the family",
    "ceased": "Ceased plans",
}


def _drafts():
    return PlanVersion.objects.filter(plan=OuterRef("pk"), status=PlanStatus.DRAFT)


def plan_rows(plans, terms=""):
    drafts = _drafts()
    plans = plans.select_related("child__setting", "latest_issued").annotate(
        has_draft=Exists(drafts), draft_sent=Exists(drafts.filter(served_on__isnull=False))
    )
    if terms.strip():
        plans = plans.filter(child__in=search_children(Child.objects.all(), terms))
    return plans.order_by("child__legal_last_name", "child__legal_first_name", "pk")


def with_status(plans, status: str):
    """The plans in one of STATUSES."""
    drafts = _drafts()
    if status == "live":
        return plans.filter(ceased_on__isnull=True)
    if status == "drafting":
        return plans.filter(Exists(drafts.filter(served_on__isnull=True)))
    if status == "sent":
        return plans.filter(Exists(drafts.filter(served_on__isnull=False)))
    return plans.filter(ceased_on__isnull=False)


def cases_waiting_for_a_draft():
    """Assessments decided "issue a plan" whose draft has not been started in OpenSEND."""
    started = PlanVersion.objects.filter(case=OuterRef("pk"))
    return (
        AssessmentCase.objects.filter(Q(stage=Stage.DRAFTING) | Q(stage=Stage.CONSULTING))
        .exclude(Exists(started))
        .select_related("child", "caseworker")
        .order_by("received_on", "pk")
    )
