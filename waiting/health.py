"""Children in care's health assessments: the only code that records them, and their figures.

The due dates are the clock engine's (clock.health): the initial health assessment within
20 working days of coming into care, then reviews 6-monthly under 5 and yearly to 18. Each episode
stores its next assessment and due date so the due and overdue lists are one indexed query.
"""

from dataclasses import dataclass
from datetime import date

from django.db import transaction

from audit.models import Action
from audit.services import record
from clock import dates
from clock.health import initial_health_assessment_due, next_review_due
from waiting.models import AssessmentKind, CareEpisode, HealthAssessment


class AssessmentRefused(ValueError):
    def __init__(self, field, message):
        super().__init__(message)
        self.field = field


def start_episode(request, user, child, started_on: date, today: date) -> CareEpisode:
    if started_on > today:
        raise AssessmentRefused("started_on", "The date they came into care must be today or in the past")
    if CareEpisode.objects.filter(child=child, ended_on__isnull=True).exists():
        raise AssessmentRefused("nhs_number", "This child is already recorded as in care")
    with transaction.atomic():
        episode = CareEpisode.objects.create(
            child=child,
            started_on=started_on,
            next_kind=AssessmentKind.INITIAL,
            next_due=initial_health_assessment_due(started_on),
        )
        record(
            request,
            Action.CREATE,
            child=child,
            obj=episode,
            user=user,
            summary="Recorded a child coming into care",
        )
    return episode


def record_assessment(request, user, episode: CareEpisode, done_on: date, today: date) -> HealthAssessment:
    if done_on > today:
        raise AssessmentRefused("done_on", "The date of the assessment must be today or in the past")
    if done_on < episode.started_on:
        raise AssessmentRefused("done_on", "The assessment must be on or after the day they came into care")
    last = episode.assessments.first()
    if last and done_on <= last.done_on:
        raise AssessmentRefused(
            "done_on", f"The assessment must be after the last one, on {last.done_on:%-d %B %Y}"
        )
    with transaction.atomic():
        # Lock the episode so two submits cannot both record the same due assessment.
        locked = CareEpisode.objects.select_for_update().get(pk=episode.pk)
        assessment = HealthAssessment.objects.create(
            episode=locked, kind=locked.next_kind, due_on=locked.next_due, done_on=done_on, recorded_by=user
        )
        locked.next_kind = AssessmentKind.REVIEW
        locked.next_due = next_review_due(locked.child.date_of_birth, done_on)
        locked.save(update_fields=["next_kind", "next_due"])
        record(
            request,
            Action.CREATE,
            child=locked.child,
            obj=locked,
            user=user,
            summary=f"Recorded a {assessment.get_kind_display().lower()}",
        )
    episode.refresh_from_db()
    return assessment


@dataclass
class OnTime:
    due: int
    on_time: int

    @property
    def percent(self):
        return round(100 * self.on_time / self.due, 1) if self.due else None


def on_time(first: date, last: date, today: date, kind: str | None = None) -> OnTime:
    """Of the assessments due from `first` to `last`, how many were done by their due date. One
    due and still not done by today counts as late. Two queries."""
    done = HealthAssessment.objects.filter(due_on__gte=first, due_on__lte=last)
    waiting = CareEpisode.objects.filter(
        ended_on__isnull=True, next_due__gte=first, next_due__lte=last, next_due__lt=today
    )
    if kind:
        done, waiting = done.filter(kind=kind), waiting.filter(next_kind=kind)
    pairs = list(done.values_list("due_on", "done_on"))
    return OnTime(due=len(pairs) + waiting.count(), on_time=sum(1 for due, d in pairs if d <= due))


def on_time_in_year(today: date, kind: str | None = None) -> OnTime:
    """Assessments due in the 12 months to today (the KPI's period)."""
    return on_time(*dates.year_to(today), today, kind)


def on_time_by_month(first: date, last: date, today: date) -> dict[tuple[date, str], OnTime]:
    """(month start, kind) -> assessments due that month and done on time, for every month from
    `first` to `last`: two queries (the KPI sources' one read)."""
    result: dict[tuple[date, str], OnTime] = {}

    def add(due, kind, in_time):
        key = (dates.month_start(due), kind)
        share = result.setdefault(key, OnTime(0, 0))
        share.due += 1
        share.on_time += int(in_time)

    done = HealthAssessment.objects.filter(due_on__gte=first, due_on__lte=last)
    for kind, due, done_on in done.values_list("kind", "due_on", "done_on"):
        add(due, kind, done_on <= due)
    waiting = CareEpisode.objects.filter(ended_on__isnull=True, next_due__gte=first, next_due__lte=last)
    for kind, due in waiting.filter(next_due__lt=today).values_list("next_kind", "next_due"):
        add(due, kind, False)
    return result
