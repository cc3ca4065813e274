"""A family's own pages about one child: the child page (what is happening, what happens next,
what we need from you, documents, messages), the child's EHC plan, one version of it to read, and
the advice in full that section K cites.

Access is plans.access and the portal's rules (portal.view_family_child, portal.read_family_plan):
anything else is "page not found" and the refusal is audited; every read is audited.
"""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.roles import Role
from audit.services import record_read
from casework.models import OPEN_STAGES
from clock import dates
from people.access import get_child_for_user
from plans.access import get_plan_for_user, get_version_for_user
from plans.content import load_content
from plans.layout import plan_parts
from portal import case_status, family_plans
from portal.views import consent
from portal.views.family import _download_name

PERM_CHILD = "portal.view_family_child"
PERM_PLAN = "portal.read_family_plan"


def is_young_person(user) -> bool:
    return user.role == Role.YOUNG_PERSON


@login_required
def child_page(request, public_id):
    """One child, written for the family: never the staff record (no UPN, NHS number, ethnicity).
    A parent waiting for a young person's agreement is told why instead (CoP 8.13-8.17)."""
    waiting = consent.waiting_for_agreement(request, public_id)
    if waiting is not None:
        return waiting
    child = get_child_for_user(request, public_id, PERM_CHILD)
    record_read(request, child, "Family viewed their child's page")
    today = dates.today()
    young = is_young_person(request.user)
    case = child.assessment_cases.order_by("-received_on", "-pk").first()
    plan = family_plans.plan_of(child)
    status = None
    if case is not None and case.stage in OPEN_STAGES:
        status = case_status.status_of(case, today, plan=plan, young_person=young)
    steps = list(status.next_steps) if status else []
    steps = sorted(steps + case_status.plan_next_steps(plan, today, young), key=lambda s: s.due)
    tasks = status.tasks if status else case_status.tasks_without_case(child, plan, young)
    summary = family_plans.family_plan(request.user, plan, today) if plan else None
    documents = [] if case is None else list(case.documents.filter(withheld_from_family=False))
    return render(
        request,
        "portal/family/child.html",
        {
            "child": child,
            "case": case,
            "status": status,
            "next_steps": steps,
            "tasks": tasks,
            "plan": plan,
            "summary": summary,
            "documents": documents,
            "decides_parents_access": young and dates.over_compulsory_school_age(child.date_of_birth, today),
        },
    )


@login_required
def plan_page(request, public_id):
    """The child's EHC plan: the current plan, earlier versions, the draft, and the advice."""
    plan = get_plan_for_user(request, public_id, PERM_PLAN)
    record_read(request, plan, "Family viewed their EHC plan")
    summary = family_plans.family_plan(request.user, plan)
    return render(request, "portal/family/plan.html", {"plan": plan, "child": plan.child, "summary": summary})


def advice_links(parts, plan, version) -> None:
    """Section K's entries, each with a link to the advice in full (CoP 9.77-9.78)."""
    entries = family_plans.advice_of(version)
    for part in parts:
        if part.code == "K" and entries:
            part.tables = []
            part.advice_rows = [
                (entry, reverse("portal:plan_advice", args=[plan.public_id, version.number, entry.key]))
                for entry in entries
            ]


@login_required
def plan_version(request, public_id, number):
    """One issued version (or the sent draft) to read as a web page, with its PDF and Word files."""
    plan, version = get_version_for_user(request, public_id, number, PERM_PLAN)
    record_read(request, plan, f"Family read version {number} of the EHC plan")
    parts = plan_parts(load_content(version))
    advice_links(parts, plan, version)
    return render(
        request,
        "portal/family/plan_version.html",
        {"plan": plan, "child": plan.child, "version": version, "parts": parts},
    )


@login_required
def plan_advice(request, public_id, number, key):
    """The advice in full that a version's section K cites: the adviser's typed answer."""
    plan, version = get_version_for_user(request, public_id, number, PERM_PLAN)
    entry = family_plans.advice_for_version(version, key)
    if entry is None:
        raise Http404(_("No such advice"))
    record_read(
        request, plan, f"Family read the advice cited in version {number}: {entry.get_adviser_type_display()}"
    )
    return render(
        request,
        "portal/family/plan_advice.html",
        {
            "plan": plan,
            "child": plan.child,
            "version": version,
            "entry": entry,
            "sections": family_plans.advice_sections(entry),
            "documents": family_plans.documents_of(plan),
        },
    )


@login_required
def plan_document(request, public_id, document_id):
    """A report the plan was based on (a case document not withheld), streamed after the checks."""
    plan = get_plan_for_user(request, public_id, PERM_PLAN)
    document = next((d for d in family_plans.documents_of(plan) if d.public_id == document_id), None)
    if document is None:
        raise Http404(_("No such document"))
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as error:
        raise Http404(_("The file is missing")) from error
    record_read(request, plan, f"Family opened {document.title}")

    return FileResponse(
        handle, as_attachment=True, filename=_download_name(document), content_type=document.content_type
    )


@require_POST
@login_required
def keep_alive(request):
    """ "Stay signed in" on the timeout warning: any signed-in request renews the session."""
    return HttpResponse(status=204)
