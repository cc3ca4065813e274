"""Who may see which plan, and which of its versions: the one place the rule lives.

Area case staff (caseworkers, managers, panel) read every plan; a quality auditor only the plans
in the audits assigned to them or given them to moderate (their samples); a SENCo the
plans of pupils on their school's roll; a parent or young person their own child's plan, and of
it only the issued versions and drafts that were sent to them (a draft being written is the
area's working copy). Everyone else is told the page does not exist, and the attempt is audited.

An app above plans that gives a role some plans to read registers them with `plans_read_by` (the
auditor's plans: quality/plan_readers.py), so the rule stays here without plans importing it.
"""

from collections.abc import Callable

from django.db.models import Q
from django.http import Http404

from accounts.roles import CASE_ROLES, FAMILY_ROLES
from audit.models import Action
from audit.services import record
from people.access import children_visible_to, is_senco
from plans.codes import PlanStatus
from plans.models import EHCPlan

READ_ALL_ROLES = CASE_ROLES
# role -> plans_of(user): the plans another app gives that role to read.
PLANS_READ_BY_ROLE: dict[str, Callable] = {}


def plans_read_by(role):
    def register(plans_of):
        PLANS_READ_BY_ROLE[role] = plans_of
        return plans_of

    return register


def reads_every_plan(user) -> bool:
    return user.is_authenticated and user.is_active and user.role in READ_ALL_ROLES


def plans_visible_to(user):
    if not user.is_authenticated or not user.is_active:
        return EHCPlan.objects.none()
    if user.role in READ_ALL_ROLES:
        return EHCPlan.objects.all()
    if user.role in FAMILY_ROLES or is_senco(user):
        return EHCPlan.objects.filter(child__in=children_visible_to(user))
    if user.role in PLANS_READ_BY_ROLE:
        return PLANS_READ_BY_ROLE[user.role](user)
    return EHCPlan.objects.none()


def may_view_plan(user, plan) -> bool:
    if reads_every_plan(user):
        return True
    return plans_visible_to(user).filter(pk=plan.pk).exists()


def versions_visible_to(user, plan):
    versions = plan.versions.all()
    if user.role in FAMILY_ROLES:
        return versions.filter(Q(status=PlanStatus.ISSUED) | Q(served_on__isnull=False))
    return versions


def get_plan_for_user(request, public_id, perm="plans.view_plan") -> EHCPlan:
    """The plan with this public id if the user may `perm` it; otherwise "page not found" (never
    "forbidden", which would confirm it exists), and a refused look at a real plan is audited."""
    plan = (
        EHCPlan.objects.select_related("child__setting", "latest_issued", "case")
        .filter(public_id=public_id)
        .first()
    )
    if plan is None:
        raise Http404("No such plan")
    if not request.user.has_perm(perm, plan):
        record(request, Action.DENIED, child=plan.child, obj=plan, summary=f"Refused: {perm}")
        raise Http404("No such plan")
    return plan


def get_version_for_user(request, public_id, number, perm="plans.view_plan"):
    """(plan, version): the version must also be one the user may see (a family: issued or sent)."""
    plan = get_plan_for_user(request, public_id, perm)
    version = (
        versions_visible_to(request.user, plan)
        .select_related("named_setting", "based_on", "case")
        .filter(number=number)
        .first()
    )
    if version is None:
        if plan.versions.filter(number=number).exists():
            summary = f"Refused: version {number} of the plan"
            record(request, Action.DENIED, child=plan.child, obj=plan, summary=summary)
        raise Http404("No such version")
    version.plan = plan
    return plan, version
