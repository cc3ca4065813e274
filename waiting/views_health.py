"""Children in care's health assessments: the due and overdue list (filters, export, % on time),
recording a child coming into care, and an episode with its assessments."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from audit.services import record_read, record_reads
from clock import dates
from core import exports, list_exports
from core.idempotency import create_once, once_per_form
from core.list_exports import list_export
from core.permissions import permission_required
from waiting import health
from waiting.filters import HealthAssessmentFilter
from waiting.forms import AssessmentForm, EpisodeForm
from waiting.models import AssessmentKind, CareEpisode

HEALTH_HEADERS = ["Name", "NHS number", "Came into care", "Assessment due", "Due by", "Overdue"]


def _episodes(query, today):
    """Open care episodes with an assessment due, filtered as the list shows them (page and export)."""
    episodes = CareEpisode.objects.filter(ended_on__isnull=True, next_due__isnull=False).select_related(
        "child"
    )
    filters = HealthAssessmentFilter(query, episodes, today=today)
    return filters.qs.order_by("next_due", "pk"), filters


def _health_read(user, ip, path, episodes):
    summary = "Viewed on the health assessments list (export)"
    record_reads(None, episodes, summary, user=user, where=(ip, path))


@list_export(
    "waiting.health_assessments",
    title="health assessments due",
    filename="health-assessments-due",
    permission="waiting.use_health_assessments",
    headers=HEALTH_HEADERS,
    on_read=_health_read,
)
def export_health_assessments(user, query, terms, today):
    def row(e):
        return [
            e.child.full_name,
            e.child.nhs_number,
            e.started_on,
            e.get_next_kind_display(),
            e.next_due,
            "Yes" if e.next_due < today else "No",
        ]

    return _episodes(query, today)[0], row


@permission_required("waiting.use_health_assessments")
def health_list(request):
    today = dates.today()
    episodes, filters = _episodes(request.GET, today)
    fmt = exports.wants_export(request)
    if fmt and filters.is_valid():
        return list_exports.start(request, "waiting.health_assessments", fmt, filters=filters.chosen)
    page = Paginator(episodes, 50).get_page(request.GET.get("page"))
    record_reads(request, page, "Viewed on the health assessments list")
    return render(
        request,
        "waiting/health_list.html",
        {
            "page_obj": page,
            "filters": filters,
            "today": today,
            "initial": health.on_time_in_year(today, AssessmentKind.INITIAL),
            "review": health.on_time_in_year(today, AssessmentKind.REVIEW),
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
        record_read(request, episode, "Viewed health assessments")
    return render(
        request,
        "waiting/episode_detail.html",
        {"episode": episode, "assessments": episode.assessments.all(), "form": form, "today": dates.today()},
    )
