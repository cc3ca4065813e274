"""Keeping the Local Offer true: providers' dashboard and proposals, editors' decisions."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from clock import dates
from clock.local_offer import review_state
from core.concurrency import StaleEditError
from core.idempotency import TOKEN_FIELD, create_once, once_per_form
from core.permissions import permission_required
from directory import access, feedback, proposals, queries
from directory.choices import ChangeStatus, FeedbackKind, FeedbackStatus, ServiceStatus
from directory.filters import FeedbackFilter
from directory.forms import DecisionForm, ProposeChangeForm
from directory.models import Feedback, ProposedChange, Service
from directory.reviews import REVIEW_STATE_LABELS
from directory.rules import is_local_offer_editor

PAGE_SIZE = 25


class NothingChanged(Exception):
    message = "You have not changed anything. Change at least one answer, or go back."


@permission_required("directory.use_dashboard")
def dashboard(request):
    today = dates.today()
    user = request.user
    page_obj = Paginator(queries.owner_services(user).select_related("organization"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    for service in page_obj:
        service.review_state = review_state(service.review_due, today)
        service.review_label = REVIEW_STATE_LABELS[service.review_state]
    context = {
        "page_obj": page_obj,
        "editor": is_local_offer_editor(user),
        # So providers see what became of what they sent, and why a change was turned down.
        "my_changes": ProposedChange.objects.filter(proposed_by=user)
        .select_related("service")
        .order_by("-proposed_at")[:10],
    }
    if context["editor"]:
        context |= {
            "freshness": queries.freshness(today),
            "pending": ProposedChange.objects.filter(status=ChangeStatus.PENDING).count(),
            "new_problems": Feedback.objects.filter(
                kind=FeedbackKind.PROBLEM, status=FeedbackStatus.NEW
            ).count(),
        }
    return render(request, "directory/manage/dashboard.html", context)


@require_POST
@permission_required("directory.keep_service_true")
def confirm(request, service_id):
    service = access.get_service_for_user(request.user, service_id)
    proposals.confirm_still_correct(service, request.user)
    messages.success(
        request, f"You confirmed {service.name} is correct. Next review: {service.review_due:%-d %B %Y}"
    )
    return redirect("directory:dashboard")


@permission_required("directory.keep_service_true")
@once_per_form
def propose_change(request, service_id):
    service = access.get_service_for_user(request.user, service_id)
    form = ProposeChangeForm(request.POST or None, instance=service)
    if request.method == "POST" and form.is_valid():

        def create():
            change = proposals.propose(
                service, request.user, form.proposed_values(), form.cleaned_data.get("reason", "")
            )
            if change is None:
                raise NothingChanged(NothingChanged.message)
            messages.success(
                request,
                "Your change has been sent to the Local Offer team. It will appear once they approve it.",
            )
            return reverse("directory:dashboard")

        try:
            return redirect(create_once(form.cleaned_data.get(TOKEN_FIELD), request.user, create))
        except NothingChanged as error:
            form.add_error(None, str(error))
    return render(
        request,
        "directory/manage/propose_change.html",
        {
            "form": form,
            "service": service,
            "pending": service.proposed_changes.filter(status=ChangeStatus.PENDING).count(),
        },
    )


@permission_required("directory.review_changes")
def change_list(request):
    pending = ProposedChange.objects.filter(status=ChangeStatus.PENDING).select_related(
        "service", "service__organization", "proposed_by"
    )
    decided = (
        ProposedChange.objects.exclude(status=ChangeStatus.PENDING)
        .select_related("service", "decided_by")
        .order_by("-decided_at")[:20]
    )
    return render(
        request,
        "directory/manage/change_list.html",
        {"page_obj": Paginator(pending, PAGE_SIZE).get_page(request.GET.get("page")), "decided": decided},
    )


@permission_required("directory.review_changes")
def change_detail(request, change_id):
    change = get_object_or_404(
        ProposedChange.objects.select_related(
            "service", "service__organization", "proposed_by", "decided_by"
        ),
        pk=change_id,
    )
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and change.status == ChangeStatus.PENDING and form.is_valid():
        note = form.cleaned_data["note"]
        try:
            if form.cleaned_data["decision"] == "approve":
                proposals.approve(change, request.user, note)
                messages.success(request, f"Change approved. {change.service.name} has been updated.")
            else:
                proposals.reject(change, request.user, note)
                messages.success(request, f"Change to {change.service.name} rejected.")
            return redirect("directory:change_list")
        except (StaleEditError, proposals.ChangeAlreadyDecided) as error:
            form.add_error(None, str(error))
    return render(
        request,
        "directory/manage/change_detail.html",
        {"change": change, "rows": proposals.rows(change), "form": form},
    )


@permission_required("directory.read_feedback")
def feedback_list(request):
    filters = FeedbackFilter(request.GET, access.feedback_for(request.user).select_related("service"))
    return render(
        request,
        "directory/manage/feedback_list.html",
        {
            "page_obj": Paginator(filters.qs, PAGE_SIZE).get_page(request.GET.get("page")),
            "filters": filters,
            "kind": filters.chosen["kind"],
            "show_all": filters.chosen["show"] == "all",
        },
    )


@require_POST
@permission_required("directory.read_feedback")
def feedback_done(request, feedback_id):
    item = get_object_or_404(access.feedback_for(request.user), pk=feedback_id)
    feedback.mark_done(request, item)
    messages.success(request, "Marked as dealt with.")
    return redirect("directory:feedback_list")


@permission_required("directory.review_changes")
def freshness(request):
    today = dates.today()
    overdue = (
        Service.objects.filter(status=ServiceStatus.ACTIVE, review_due__lt=today)
        .select_related("organization", "owner")
        .order_by("review_due", "name")
    )
    return render(
        request,
        "directory/manage/freshness.html",
        {
            "freshness": queries.freshness(today),
            "page_obj": Paginator(overdue, PAGE_SIZE).get_page(request.GET.get("page")),
        },
    )
