"""Reading a plan: the plan's page (its versions), one version with its quality findings, and
what changed between two versions."""

from collections import defaultdict

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render

from audit.services import record_read
from clock import dates
from plans import diff, lifecycle
from plans.access import get_plan_for_user, get_version_for_user, reads_every_plan, versions_visible_to
from plans.checks import CHECKS
from plans.codes import SECTIONS, NeedArea
from plans.content import load_content
from plans.facts import findings_for
from plans.layout import version_line
from portal.contributions import responses_to_plan


@login_required
def plan_detail(request, public_id):
    plan = get_plan_for_user(request, public_id)
    record_read(request, plan, "Viewed the EHC plan's versions")
    versions = list(versions_visible_to(request.user, plan).order_by("-number"))
    can_edit = request.user.has_perm("plans.edit_plan", plan)
    draft = next((v for v in versions if not v.is_issued), None)
    current = plan.latest_issued
    return render(
        request,
        "plans/plan_detail.html",
        {
            "plan": plan,
            "child": plan.child,
            "versions": versions,
            "draft": draft,
            "can_edit": can_edit,
            "can_amend": can_edit and plan.is_live and current is not None and draft is None,
            "can_cease": can_edit and plan.is_live and current is not None,
            "can_compare": len(versions) > 1,
            # What the family sent about the drafts, through the portal (the staff's view).
            "family_responses": list(responses_to_plan(plan)) if reads_every_plan(request.user) else [],
        },
    )


def _attach_findings(content, findings) -> dict:
    """Each item gets its own findings (`item.findings`); returns section code -> findings."""
    by_item, by_section = defaultdict(list), {code: [] for code in SECTIONS}
    for finding in findings:
        by_section[finding.section].append(finding)
        if finding.where:
            by_item[finding.where].append(finding)
    for items in (content.needs, content.outcomes, content.provision, content.advice):
        for item in items:
            item.findings = by_item.get(str(item.key), [])
    return by_section


def _summary_rows(version) -> dict:
    """The version's own fields, as (label, text) rows for sections A, I and J."""
    setting = version.named_setting
    budget = ""
    if version.personal_budget:
        amount = version.personal_budget_amount
        budget = f"£{amount:,.2f} a year" if amount is not None else "Agreed"
    return {
        "a_child": [
            ("Their views", version.child_views),
            ("What they enjoy and are good at", version.child_interests),
            ("Their hopes for the future", version.child_aspirations),
        ],
        "a_parents": [("Views", version.parent_views), ("Hopes for the future", version.parent_aspirations)],
        "i_rows": [
            ("School or setting named", setting.name if setting else "None named"),
            (
                "Type of setting",
                setting.get_setting_type_display() if setting else version.get_setting_type_display(),
            ),
            ("Residential", "Yes" if version.residential else "No"),
            ("Work-based learning", "Yes" if version.work_based_learning else "No"),
            ("About the placement", version.placement_notes),
        ],
        "j_rows": [
            ("Personal budget", budget or "None"),
            ("Direct payments", "Yes" if version.direct_payments else "No"),
            ("Organised arrangements", "Yes" if version.organised_arrangements else "No"),
            ("What it pays for", version.personal_budget_notes),
        ],
    }


@login_required
def version_detail(request, public_id, number):
    plan, version = get_version_for_user(request, public_id, number)
    record_read(request, plan, f"Viewed version {number} of the EHC plan")
    content = load_content(version)
    show_quality = request.user.has_perm("plans.view_quality")
    findings = findings_for(content, plan.child) if show_quality else []
    can_edit = request.user.has_perm("plans.edit_plan", plan) and plan.is_live and not version.is_issued
    today = dates.today()
    serve_why = lifecycle.why_not(lifecycle.Step.SERVE, version, today)
    issue_why = lifecycle.why_not(lifecycle.Step.ISSUE, version, today)
    review = lifecycle.owning_review(version) if can_edit else None
    owner_note = ""
    if review is not None:
        owner_note = (
            f"This amendment belongs to annual review {review.reference}: sending and issuing it "
            "here also records it on the review."
        )
    elif version.case_id is not None and can_edit:
        owner_note = (
            f"This draft belongs to assessment {version.case.reference}: sending and issuing it "
            "here also records it on the case."
        )
    return render(
        request,
        "plans/version_detail.html",
        {
            "plan": plan,
            "child": plan.child,
            "version": version,
            "version_line": version_line(version),
            "content": content,
            "sections": SECTIONS,
            "need_areas": NeedArea.choices,
            "show_quality": show_quality,
            "findings": findings,
            "findings_by_section": _attach_findings(content, findings),
            "can_edit": can_edit,
            "can_serve": can_edit and version.served_on is None,
            "can_issue": can_edit and version.served_on is not None,
            "owner_note": owner_note,
            # Why the next step cannot be taken today, beside the actions (lifecycle.why_not).
            "not_yet": (serve_why if version.served_on is None else issue_why) if can_edit else "",
            "check_count": len(CHECKS),
            **_summary_rows(version),
        },
    )


def _number(value):
    return int(value) if str(value).isdigit() else None


@login_required
def compare(request, public_id):
    plan = get_plan_for_user(request, public_id)
    versions = list(
        versions_visible_to(request.user, plan).select_related("named_setting").order_by("number")
    )
    if len(versions) < 2:
        raise Http404("Nothing to compare")
    by_number = {v.number: v for v in versions}
    new = by_number.get(_number(request.GET.get("to"))) or versions[-1]
    # By default, compare with the version it was made from (or the one before it).
    based_on = next((v for v in versions if v.pk == new.based_on_id), None)
    before = [v for v in versions if v.number < new.number] or versions[:1]
    old = by_number.get(_number(request.GET.get("from"))) or based_on or before[-1]
    record_read(request, plan, f"Compared versions {old.number} and {new.number} of the EHC plan")
    for version in (old, new):
        version.plan = plan
    sections = diff.compare(load_content(old), load_content(new))
    return render(
        request,
        "plans/compare.html",
        {
            "plan": plan,
            "child": plan.child,
            "versions": versions,
            "old": old,
            "new": new,
            "sections": sections,
            "has_changes": diff.has_changes(sections),
        },
    )
