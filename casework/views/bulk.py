"""Acting on several cases at once from the case list: allocate them to a caseworker (seeing each
caseworker's caseload), or put them on a panel meeting's agenda. Each case goes through the same
service as one at a time (services.allocate, panels.add_item), so each is audited."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from casework import panels, queries, services
from casework.bulk_forms import BulkAllocateForm, BulkPanelForm
from clock.case_events import OutOfOrder
from core.permissions import permission_required

MOST_AT_ONCE = 100
ACTIONS = {
    "allocate": ("Allocate the chosen cases", "casework.allocate", BulkAllocateForm, "Allocate"),
    "panel": (
        "Add the chosen cases to a panel", "casework.add_panel_item", BulkPanelForm, "Add to the panel"
    ),
}


def _chosen_cases(request, perm):
    ids = request.POST.getlist("cases")[:MOST_AT_ONCE]
    cases = list(queries.open_cases().filter(public_id__in=[i for i in ids if queries._is_uuid(i)])
                 .order_by("child__legal_last_name", "child__legal_first_name", "pk"))
    return [case for case in cases if request.user.has_perm(perm, case)]


@require_POST
@permission_required("casework.list_cases")
def chosen_cases(request):
    action = request.POST.get("action", "")
    if action not in ACTIONS:
        raise PermissionDenied
    title, perm, form_class, submit = ACTIONS[action]
    if not request.user.has_perm(perm):
        raise PermissionDenied
    cases = _chosen_cases(request, perm)
    back = request.POST.get("back", "")
    back = back if back.startswith("/cases/") else "/cases/"
    confirmed = request.POST.get("confirm") == "yes"
    form = form_class(request.POST if confirmed else None)
    refusals = []
    if confirmed and cases and form.is_valid():
        try:
            done = _apply(request, action, cases, form.cleaned_data)
        except OutOfOrder as refusal:
            refusals.append(str(refusal))
        else:
            messages.success(request, done)
            return redirect(back)
    return render(request, "casework/cases_chosen.html", {
        "title": title, "action": action, "form": form, "cases": cases, "submit": submit,
        "back": back, "refusals": refusals, "nothing_chosen": not cases,
    })


@transaction.atomic
def _apply(request, action, cases, data) -> str:
    """All or nothing: one refused case (already on the agenda, closed) leaves every case as it was."""
    count = f"{len(cases)} {'case' if len(cases) == 1 else 'cases'}"
    if action == "allocate":
        for case in cases:
            services.allocate(request, case, data["caseworker"])
        return f"{count} allocated to {data['caseworker']}"
    for case in cases:
        panels.add_item(request, data["meeting"], case, data["question"])
    return f"{count} added to the panel on {data['meeting'].meets_on:%-d %B %Y}"
