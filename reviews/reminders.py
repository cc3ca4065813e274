"""Review reminders: each step due soon and overdue, and the school's paperwork, each sent once.

The due dates are the clock engine's, stored on the review (services.refresh_clock); this module only
compares them with today. Each reminder is claimed with a conditional UPDATE before it is sent: the
row records "<step>:<due date>" of the last reminder of each kind, so of two workers racing for the
same review exactly one changes the row and only that one sends (STYLE.md #5), and a step whose due
date moves, or the next step, gets a reminder of its own.
"""

from dataclasses import dataclass

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from clock import due_soon_range
from reviews import notices, timing
from reviews.meetings import sencos_for
from reviews.models import OPEN_STAGES, AnnualReview, ContributionKind, Stage
from reviews.services import APPEAL_STEP

DUE_SOON = "reminded_due_soon_for"
OVERDUE = "reminded_overdue_for"


@dataclass
class Summary:
    due_soon: int = 0
    overdue: int = 0
    paperwork: int = 0

    def __str__(self):
        return (
            f"sent {self.due_soon} due-soon, {self.overdue} overdue and {self.paperwork} paperwork "
            "review reminders"
        )


def step_token(review) -> str:
    return f"{review.next_step_key}:{review.next_deadline:%Y-%m-%d}"


def with_steps():
    return AnnualReview.objects.filter(stage__in=OPEN_STAGES, next_deadline__isnull=False).exclude(
        next_step_key=APPEAL_STEP
    )


def due_soon(today):
    return with_steps().filter(next_deadline__range=due_soon_range(today))


def overdue(today):
    return with_steps().filter(next_deadline__lt=today)


def claim(review, field) -> bool:
    """Mark this step's reminder as sent; True only for the one caller whose UPDATE changed the row."""
    token = step_token(review)
    rows = AnnualReview.objects.filter(pk=review.pk, next_step_key=review.next_step_key)
    return rows.exclude(**{field: token}).update(**{field: token}) == 1


def _remind(reviews, field, kind) -> int:
    sent = 0
    # Read the day's list first (it is small), then claim and send one by one.
    for review in list(reviews.exclude(caseworker=None).select_related("caseworker")):
        if getattr(review, field) == step_token(review) or not claim(review, field):
            continue
        context = notices.review_context(review) | {
            "step": review.next_step,
            "due_on": f"{review.next_deadline:%-d %B %Y}",
        }
        notices.tell(
            review.caseworker, kind, context, reverse("reviews:review_detail", args=[review.public_id])
        )
        sent += 1
    return sent


def paperwork_due(today):
    """Meetings whose paperwork (timing.paperwork_due) is due within the week and not yet sent."""
    waiting = AnnualReview.objects.filter(
        stage=Stage.SCHEDULED, reminded_paperwork_at__isnull=True, meeting_on__gte=today
    ).exclude(Q(contributions__kind=ContributionKind.SCHOOL) | Q(child__setting=None))
    return [
        r
        for r in waiting.select_related("child__setting", "caseworker")
        if timing.paperwork_due(r).due_on <= due_soon_range(today)[1]
    ]


def _remind_paperwork(today) -> int:
    sent = 0
    for review in paperwork_due(today):
        claimed = AnnualReview.objects.filter(pk=review.pk, reminded_paperwork_at__isnull=True).update(
            reminded_paperwork_at=timezone.now()
        )
        if not claimed:
            continue
        context = notices.review_context(review) | {
            "paperwork_due": f"{timing.paperwork_due(review).due_on:%-d %B %Y}"
        }
        link = reverse("reviews:paperwork", args=[review.public_id])
        for senco in sencos_for(review.child.setting):
            notices.tell(senco, "review_paperwork_due", context, link)
        sent += 1
    return sent


def send_reminders(today) -> Summary:
    return Summary(
        due_soon=_remind(due_soon(today), DUE_SOON, "review_step_due_soon"),
        overdue=_remind(overdue(today), OVERDUE, "review_step_overdue"),
        paperwork=_remind_paperwork(today),
    )
