"""Plans moving in from and out to other areas: the list with deadlines, recording a move, and
recording that the plan was sent (out) or the family told our decision (in)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import F
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from audit.models import Action
from audit.services import record, record_read
from clock import dates
from core.idempotency import create_once, once_per_form
from core.permissions import permission_required
from people.models import Child
from plans.models import EHCPlan
from reviews import transfers
from reviews.events import OutOfOrder
from reviews.filters import TransferFilter
from reviews.models import Direction, Transfer
from reviews.other_forms import TransferDoneForm, TransferForm


@permission_required("reviews.view_transfers")
def transfer_list(request):
    # Those still to do first, the soonest due first.
    rows = Transfer.objects.select_related("child").order_by(
        F("done_on").asc(nulls_first=True), "due_on", "pk"
    )
    filters = TransferFilter(request.GET, rows)
    page = Paginator(filters.qs, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "reviews/transfer_list.html",
        {
            "page_obj": page,
            "filters": filters,
            "show": filters.chosen["direction"],
            "directions": Direction.choices,
            "today": dates.today(),
        },
    )


def _child_from(request):
    public_id = request.GET.get("child", "")
    if not public_id:
        return None
    child = Child.objects.filter(public_id=public_id).first() if len(public_id) == 36 else None
    if child is None:
        raise Http404("No such child")
    return child


def _open(request, form):
    data = form.cleaned_data
    child = form.child
    plan = EHCPlan.objects.filter(child=child, ceased_on__isnull=True).first()
    transfer = transfers.open_transfer(
        request,
        direction=data["direction"],
        child=child,
        plan=plan,
        other_area=data["other_area"],
        started_on=data["started_on"],
        moved_on=data["moved_on"],
        note=data["note"],
    )
    messages.success(request, f"Transfer recorded: due by {transfer.due_on:%-d %B %Y}")
    return reverse("reviews:transfer_detail", args=[transfer.public_id])


@permission_required("reviews.record_transfer")
@once_per_form
def transfer_create(request):
    child = _child_from(request)
    form = TransferForm(request.POST or None, child=child, initial={"started_on": dates.today()})
    if request.method == "POST" and form.is_valid():
        try:
            return redirect(
                create_once(form.cleaned_data["form_token"], request.user, lambda: _open(request, form))
            )
        except OutOfOrder as error:
            form.add_error(None, str(error))
    return render(request, "reviews/transfer_form.html", {"form": form, "child": child})


def _complete(request, transfer, form):
    data = form.cleaned_data
    transfers.complete(
        request, transfer, data["on"], decision=data.get("decision", ""), expected_version=data["version"]
    )
    messages.success(request, "Transfer completed")
    return reverse("reviews:transfer_detail", args=[transfer.public_id])


def _transfer_for(request, public_id):
    """The transfer if the user may see it; otherwise "page not found", and a refused look is audited."""
    transfer = Transfer.objects.select_related("child", "plan").filter(public_id=public_id).first()
    if transfer is None:
        raise Http404("No such transfer")
    if not request.user.has_perm("reviews.view_transfers"):
        record(request, Action.DENIED, child=transfer.child, obj=transfer, summary="Refused: a plan transfer")
        raise Http404("No such transfer")
    return transfer


@login_required
@once_per_form
def transfer_detail(request, public_id):
    transfer = _transfer_for(request, public_id)
    may_record = request.user.has_perm("reviews.record_transfer")
    if request.method == "POST" and not may_record:
        raise PermissionDenied  # the panel reads a transfer; caseworkers and managers record it
    record_read(request, transfer, f"Viewed plan transfer: {transfer}")
    can_complete = transfer.done_on is None and may_record
    form = None
    if can_complete:
        initial = {"on": dates.today(), "version": transfer.version}
        form = TransferDoneForm(request.POST or None, direction=transfer.direction, initial=initial)
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            return redirect(
                create_once(
                    form.cleaned_data["form_token"], request.user, lambda: _complete(request, transfer, form)
                )
            )
        except OutOfOrder as error:
            form.add_error(None, str(error))
    return render(
        request,
        "reviews/transfer_detail.html",
        {
            "transfer": transfer,
            "form": form,
            "today": dates.today(),
            "review_due": transfers.review_due(transfer),
        },
    )
