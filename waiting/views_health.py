"""Children in care's health assessments: the due and overdue list (filters, export, % on time),
recording a child coming into care, and an episode with its assessments."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from core import dates, exports
from core.idempotency import create_once, once_per_form
from core.permissions import permission_required
from waiting import health
from waiting.auditing import record_reads
from waiting.forms import AssessmentForm, EpisodeForm
from waiting.models import AssessmentKind, CareEpisode

STATUSES = [("", "Due or overdue"), ("overdue", "Overdue"), ("due", "Due, not yet overdue")]


@permission_required("waiting.use_health_assessments")
def health_list(request):
    today = dates.today()
    chosen = {k: request.GET.get(k, "") for k in ("kind", "status")}
    episodes = CareEpisode.objects.filter(ended_on__isnull=True, next_due__isnull=False).select_related(
        "child"
    )
    if chosen["kind"] in AssessmentKind.values:
        episodes = episodes.filter(next_kind=chosen["kind"])
    if chosen["status"] == "overdue":
        episodes = episodes.filter(next_due__lt=today)
    elif chosen["status"] == "due":
        episodes = episodes.filter(next_due__gte=today)
    episodes = episodes.order_by("next_due", "pk")
    fmt = exports.wants_export(request)
    if fmt:
        rows = list(episodes)
        record_reads(request, rows, "Viewed on the health assessments list (export)")
        return exports.export_response(
            fmt,
            "health-assessments-due",
            ["Name", "NHS number", "Came into care", "Assessment due", "Due by", "Overdue"],
            (
                [
                    e.child.full_name,
                    e.child.nhs_number,
                    e.started_on,
                    e.get_next_kind_display(),
                    e.next_due,
                    "Yes" if e.next_due < today else "No",
                ]
                for e in rows
            ),
        )
    page = Paginator(episodes, 50).get_page(request.GET.get("page"))
    record_reads(request, page, "Viewed on the health assessments list")
    return render(
        request,
        "waiting/health_list.html",
        {
            "page_obj": page,
            "chosen": chosen,
            "kinds": AssessmentKind.choices,
            "statuses": STATUSES,
            "today": today,
            "initial": health.on_time_in_year(today, AssessmentKind.INITIAL),
            "review": health.on_time_in_year(today, AssessmentKind.REVIEW),
            "filtered": any(chosen.values()),
            "export_label": "health assessments due",
        },
    )


@permission_required("waiting.use_health_assessments")
@once_per_form
def episode_add(request):
    form = EpisodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:

            def create():
                episode = health.start_episode(
                    request, request.user, form.child, form.cleaned_data["started_on"], dates.today()
                )
                messages.success(
                    request, f"Recorded. The initial health assessment is due by {episode.next_due:%-d %B %Y}"
                )
                return reverse("waiting:episode_detail", args=[episode.public_id])

            return redirect(create_once(form.cleaned_data.get("form_token"), request.user, create))
        except health.AssessmentRefused as error:
            form.add_error(error.field, str(error))
    return render(request, "waiting/episode_add.html", {"form": form})


@permission_required("waiting.use_health_assessments")
@once_per_form
def episode_detail(request, public_id):
    episode = get_object_or_404(CareEpisode.objects.select_related("child"), public_id=public_id)
    form = AssessmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:

            def create():
                done = health.record_assessment(
                    request, request.user, episode, form.cleaned_data["done_on"], dates.today()
                )
                messages.success(request, f"{done.get_kind_display()} recorded")
                return reverse("waiting:episode_detail", args=[episode.public_id])

            return redirect(create_once(form.cleaned_data.get("form_token"), request.user, create))
        except health.AssessmentRefused as error:
            form.add_error(error.field, str(error))
    if request.method != "POST":
        health.record_read(request, episode)
    return render(
        request,
        "waiting/episode_detail.html",
        {"episode": episode, "assessments": episode.assessments.all(), "form": form, "today": dates.today()},
    )
