"""A family's pages: their children, "where is my child's case?", and the case's documents.

Every case is found through casework.access (a case outside the family's verified links is "page
not found", and the refusal is audited); every read of a child's case or document is audited.
"""

from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from accounts.roles import Role
from audit.services import record_read
from casework.access import get_case_for_user
from casework.forms import ALLOWED_TYPES
from casework.models import OPEN_STAGES, AssessmentCase
from clock import dates
from core.permissions import permission_required
from people.access import children_visible_to, children_waiting_for_agreement
from plans.models import EHCPlan
from portal import case_status, family_plans
from portal.models import LinkRequest, LinkRequestStatus
from portal.views.requests import saved_requests_for


def _live_plan(child):
    return EHCPlan.objects.filter(child=child, ceased_on__isnull=True).order_by("-pk").first()


def _is_young_person(user) -> bool:
    return user.role == Role.YOUNG_PERSON


@permission_required("portal.family_home")
def home(request):
    """Each child the family may see, with their newest case and what the family is asked to do."""
    cases = (
        AssessmentCase.objects.select_related("caseworker")
        .prefetch_related("events", "advice_requests", "exceptions", "child__ehc_plans")
        .order_by("-received_on", "-pk")
    )
    children = list(
        children_visible_to(request.user)
        .order_by("date_of_birth", "pk")
        .prefetch_related(Prefetch("assessment_cases", queryset=cases, to_attr="cases"))
    )
    today = dates.today()
    young_person = _is_young_person(request.user)
    rows = []
    plans = family_plans.plans_of(children)
    for child in children:
        case = child.cases[0] if child.cases else None
        is_open = case is not None and case.stage in OPEN_STAGES
        status = case_status.status_of(case, today, young_person=young_person) if is_open else None
        plan = plans.get(child.pk)
        summary = family_plans.family_plan(request.user, plan, today) if plan else None
        plan_steps = case_status.plan_next_steps(plan, today, young_person)
        rows.append(
            {"child": child, "case": case, "status": status, "summary": summary, "plan_steps": plan_steps}
        )
    # Approved requests show as the child itself; waiting and refused ones are listed with the reason.
    requests = LinkRequest.objects.filter(requested_by=request.user).exclude(
        status=LinkRequestStatus.APPROVED
    )
    return render(
        request,
        "portal/family/home.html",
        {
            "rows": rows,
            # A parent's young people who have not agreed to share their records (CoP 8.13-8.17).
            "waiting_for_agreement": list(children_waiting_for_agreement(request.user).order_by("pk")),
            "link_requests": list(requests.order_by("-created_at")[:10]),
            "can_request_link": request.user.has_perm("portal.request_link"),
            "saved": saved_requests_for(request.user),
        },
    )


@login_required
def case_detail(request, public_id):
    case = get_case_for_user(request, public_id, "portal.view_family_case")
    record_read(request, case, f"Family viewed case {case.reference}")
    status = case_status.status_of(
        case, dates.today(), plan=_live_plan(case.child), young_person=_is_young_person(request.user)
    )
    return render(
        request,
        "portal/family/case_detail.html",
        {
            "case": case,
            "child": case.child,
            "status": status,
            "documents": list(case.documents.filter(withheld_from_family=False)),
        },
    )


def _download_name(document):
    extension = ALLOWED_TYPES.get(document.content_type, "")
    title = document.title
    return title if title.lower().endswith(extension) else f"{title}{extension}"


@login_required
def case_document(request, public_id, document_id):
    """Stream one of the case's documents (kept outside the web root) after the relationship check."""
    case = get_case_for_user(request, public_id, "portal.view_family_case")
    document = case.documents.filter(public_id=document_id, withheld_from_family=False).first()
    if document is None:
        raise Http404(_("No such document"))
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as error:
        raise Http404(_("The file is missing")) from error
    record_read(request, case, f"{case.reference}: family opened {document.title}")
    return FileResponse(
        handle, as_attachment=True, filename=_download_name(document), content_type=document.content_type
    )
