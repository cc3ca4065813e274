"""The retention review: a manager lists the records past the retention date (filter, export) and
proposes deleting one after checking it; a second manager approves, which deletes it
(people/retention.py does the deleting)."""

from django.conf import settings
from django.contrib import messages as flash
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from audit.models import Action
from audit.services import record
from core import dates, exports
from core.permissions import permission_required
from people import codelists, retention
from people.models import Child

PERM = "people.review_retention"
EXPORT_HEADERS = ["Last name", "First name", "Date of birth", "Review due", "Provision", "Record id"]


@permission_required(PERM)
def retention_list(request):
    children = retention.due_for_review().select_related("setting")
    provision = request.GET.get("provision", "")
    if provision in dict(codelists.SEN_PROVISION):
        children = children.filter(sen_provision=provision)
    else:
        provision = ""
    fmt = exports.wants_export(request)
    if fmt:
        record(request, Action.EXPORT, summary=f"Exported the retention review list as {fmt.upper()}")
        return exports.export_response(
            fmt,
            "retention-review",
            EXPORT_HEADERS,
            (
                [
                    c.legal_last_name,
                    c.legal_first_name,
                    c.date_of_birth.strftime("%d/%m/%Y"),
                    retention.review_date(c).strftime("%d/%m/%Y"),
                    c.get_sen_provision_display(),
                    str(c.public_id),
                ]
                for c in children.iterator()
            ),
        )
    page = Paginator(children, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    for child in page:
        child.review_due = retention.review_date(child)
    return render(
        request,
        "people/retention_list.html",
        {
            "page_obj": page,
            "provision": provision,
            "provisions": codelists.SEN_PROVISION,
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
    record(request, Action.VIEW, child=child, obj=child, summary="Viewed the record for a retention review")
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
