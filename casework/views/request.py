"""Record a request for an EHC needs assessment: find the child, then the request itself."""

import uuid

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from accounts.roles import Role
from audit.models import Action
from audit.services import record
from casework import services
from casework.forms import RequestForm
from casework.models import OPEN_STAGES
from clock.case_events import OutOfOrder
from core import search_terms
from core.idempotency import create_once, once_per_form
from core.permissions import permission_required
from people.access import children_visible_to, get_child_for_user
from people.codelists import SenProvision
from people.queries import search_children


def _choose_child(request):
    """Search first (the words go to the session, not the URL), then pick the child."""
    if request.method == "POST":
        terms = request.POST.get("q", "").strip()[:200]
        query = f"?s={search_terms.remember(request, terms)}" if terms else ""
        return redirect(reverse("casework:request_create") + query)
    key, terms = search_terms.recall(request)
    page = None
    if terms:
        found = search_children(children_visible_to(request.user).select_related("setting"), terms)
        page = Paginator(found.order_by("legal_last_name", "legal_first_name", "pk"), 25).get_page(
            request.GET.get("page")
        )
        record(
            request,
            Action.SEARCH,
            summary="Searched children to record a request",
            results=page.paginator.count,
        )
    return render(
        request, "casework/request_child.html", {"terms": terms, "search_key": key, "page_obj": page}
    )


def _warnings(child) -> list[str]:
    """Reasons to stop and check before recording another request for this child."""
    warnings = []
    open_case = child.assessment_cases.filter(stage__in=OPEN_STAGES).only("reference").first()
    if open_case:
        warnings.append(
            f"{child.full_name} already has an open request ({open_case.reference}). "
            "This request will be added to it: one open request a child, with one clock."
        )
    if services.live_plan_of(child) is not None:
        warnings.append(services.HAS_PLAN.format(name=child.full_name))
    elif child.sen_provision == SenProvision.EHC_PLAN:
        warnings.append(
            f"{child.full_name} already has an EHC plan. A new request may be a request to reassess."
        )
    return warnings


def _open_case(request, child, form):
    data = form.cleaned_data
    case = services.open_case(
        request,
        child=child,
        source=data["source"],
        received_on=data["received_on"],
        reasons=data["reasons"],
        consent_given=data["consent_given"],
        requester_name=data["requester_name"],
        # A caseworker who records a request holds it until a manager allocates it elsewhere.
        caseworker=request.user if request.user.role == Role.CASEWORKER else None,
    )
    for checked in data["documents"]:
        services.add_document(
            request, case, title=checked.title, upload=checked.upload, content_type=checked.content_type
        )
    if getattr(case, "attached_request", None) is not None:
        messages.success(
            request, f"{child.full_name} already had an open request: this one was added to {case.reference}"
        )
    else:
        messages.success(request, f"Request recorded: {case.reference}")
    return reverse("casework:case_detail", args=[case.public_id])


@permission_required("casework.record_request")
@once_per_form
def request_create(request):
    child_id = request.GET.get("child", "")
    if not child_id:
        return _choose_child(request)
    try:
        uuid.UUID(child_id)
    except ValueError as error:
        raise Http404("No such child") from error
    child = get_child_for_user(request, child_id)
    form = RequestForm(request.POST or None, request.FILES or None, warnings=_warnings(child))
    if request.method == "POST" and form.is_valid():
        try:
            url = create_once(
                form.cleaned_data.get("form_token"), request.user, lambda: _open_case(request, child, form)
            )
        except OutOfOrder as error:
            form.add_error("received_on", str(error))
        else:
            return redirect(url)
    return render(request, "casework/request_form.html", {"form": form, "child": child})
