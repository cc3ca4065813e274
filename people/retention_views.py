"""The retention review: a manager lists the records past the retention date (filter, export) and
proposes deleting one after checking it; a second manager approves, which deletes it
(people/retention.py does the deleting)."""

from django.conf import settings
from django.contrib import messages as flash
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from audit.services import record_read
from clock import dates
from core import exports, list_exports
from core.list_exports import list_export
from core.permissions import permission_required
from people import retention
from people.filters import RetentionFilter
from people.models import Child

PERM = "people.review_retention"
EXPORT_HEADERS = ["Last name", "First name", "Date of birth", "Review due", "Provision", "Record id"]


def _due(query):
    """The records due for a retention review, filtered as the list shows them (page and export)."""
    filters = RetentionFilter(query, retention.due_for_review().select_related("setting"))
    return filters.qs, filters


def _export_row(c):
    return [
        c.legal_last_name,
        c.legal_first_name,
        c.date_of_birth.strftime("%d/%m/%Y"),
        retention.review_date(c).strftime("%d/%m/%Y"),
        c.get_sen_provision_display(),
        str(c.public_id),
    ]


@list_export(
    "people.retention",
    title="the retention review list",
    filename="retention-review",
    permission=PERM,
    headers=EXPORT_HEADERS,
)
def export_retention(user, query, terms, today):
    return _due(query)[0], _export_row


@permission_required(PERM)
def retention_list(request):
    children, filters = _due(request.GET)
    fmt = exports.wants_export(request)
    if fmt and filters.is_valid():
        return list_exports.start(request, "people.retention", fmt)
    page = Paginator(children, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    for child in page:
        child.review_due = retention.review_date(child)
    return render(
        request,
        "people/retention_list.html",
        {
            "page_obj": page,
            "filters": filters,
            "provision": filters.chosen["provision"],
            "age_years": settings.RETENTION_AGE_YEARS,
            "extra_years": settings.RETENTION_EXTRA_YEARS,
            "today": dates.today(),
        },
    )


@permission_required(PERM)
def retention_delete(request, public_id):
    child = get_object_or_404(Child, public_id=public_id)
    if not retention.due_for_review().filter(pk=child.pk).exists():
        raise Http404("This record is not past the retention date")
    proposal = retention.open_proposal(child)
    mine = proposal is not None and proposal.proposed_by_id == request.user.pk
    error = ""
    if request.method == "POST":
        if mine and request.POST.get("withdraw") == "yes":
            retention.withdraw_proposal(request, child)
            flash.success(request, "You withdrew the proposal to delete this record.")
            return redirect("people:retention_list")
        if mine:
            error = "Another manager must approve the deletion you proposed"
        elif request.POST.get("confirm") != "yes":
            error = "Confirm that this record should be deleted"
        elif proposal is None:
            try:
                retention.propose_deletion(request, child)
            except retention.HeldForReview as refused:
                error = str(refused)
            else:
                flash.success(request, "You proposed deleting this record. Another manager must approve it.")
                return redirect("people:retention_list")
        else:
            try:
                retention.delete_record(request, child)
            except (retention.NeedsSecondManager, retention.HeldForReview) as refused:
                error = str(refused)
            else:
                flash.success(request, "The record and everything held about this young person were deleted.")
                return redirect("people:retention_list")
    record_read(request, child, "Viewed the record for a retention review")
    return render(
        request,
        "people/retention_delete.html",
        {
            "child": child,
            "review_due": retention.review_date(child),
            "cases": child.assessment_cases.count(),
            "proposal": proposal,
            "mine": mine,
            "error": error,
        },
    )
