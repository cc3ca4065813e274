"""A family's view of their child's EHC plan, whether or not an assessment case sits behind it:
the current plan, earlier versions, the draft in its comment period, and the advice it drew on.

Which plans and versions a family may see is plans.access's rule (versions_visible_to); which case
documents they may see is the case's own flag (withheld_from_family). Nothing here decides access.
"""

from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _

from casework.advice import SECTIONS
from casework.models import CaseDocument
from plans.access import versions_visible_to
from plans.models import AdviceEntry, EHCPlan, PlanVersion
from portal import contributions


def plan_of(child) -> EHCPlan | None:
    """The child's live plan, or the newest ceased one (a family may still read a plan that ended)."""
    plans = EHCPlan.objects.filter(child=child).select_related("latest_issued", "case")
    return plans.filter(ceased_on__isnull=True).first() or plans.order_by("-ceased_on", "-pk").first()


def plans_of(children) -> dict:
    """child pk -> plan_of(child), for many children in one query (lists must not query per child)."""
    plans = {}
    rows = EHCPlan.objects.filter(child__in=children).select_related("latest_issued", "case")
    for plan in rows.order_by("child_id", "-pk"):
        held = plans.get(plan.child_id)
        if held is None or (
            held.ceased_on is not None and (plan.ceased_on is None or plan.ceased_on > held.ceased_on)
        ):
            plans[plan.child_id] = plan
    return plans


@dataclass
class FamilyPlan:
    plan: EHCPlan
    current: PlanVersion | None
    earlier: list = field(default_factory=list)
    draft: PlanVersion | None = None
    window: contributions.CommentWindow | None = None
    advice: list = field(default_factory=list)  # AdviceEntry rows of the version shown
    documents: list = field(default_factory=list)  # CaseDocument rows not withheld


def advice_of(version) -> list:
    if version is None:
        return []
    return list(
        AdviceEntry.objects.filter(version=version)
        .select_related("advice_request")
        .order_by("received_on", "pk")
    )


def documents_of(plan) -> list:
    """The reports the plan was based on: the plan's own case documents, less any withheld."""
    cases = {v.case_id for v in plan.versions.all() if v.case_id} | (
        {plan.case_id} if plan.case_id else set()
    )
    if not cases:
        return []
    return list(
        CaseDocument.objects.filter(case_id__in=cases, withheld_from_family=False).order_by("-created_at")
    )


def family_plan(user, plan, today: date | None = None) -> FamilyPlan:
    visible = list(versions_visible_to(user, plan).order_by("-number"))
    issued = [v for v in visible if v.is_issued]
    current = issued[0] if issued else None
    draft = contributions.served_draft(plan) if plan.is_live else None
    window = contributions.comment_window(draft, today) if draft is not None else None
    return FamilyPlan(
        plan=plan,
        current=current,
        earlier=issued[1:],
        draft=draft,
        window=window,
        advice=advice_of(draft or current),
        documents=documents_of(plan),
    )


def advice_for_version(version, key):
    """One section K entry of a version the family may already see, or None."""
    return AdviceEntry.objects.select_related("advice_request").filter(version=version, key=key).first()


def advice_sections(entry) -> list[tuple[str, str]]:
    """The adviser's typed answer, section by section, as the adviser wrote it (reg 6(1) advice)."""

    request = entry.advice_request
    if request is None:
        return []
    answer = request.sections or {}
    rows = [(str(label), answer[key]) for key, label, _hint in SECTIONS if answer.get(key, "").strip()]
    if not rows and request.advice.strip():
        rows = [(_("The advice"), request.advice)]
    return rows
