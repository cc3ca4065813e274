"""Read-only queries for the review lists, the backlog figure and the review page.

Deadlines and statuses come from the stored columns (`due_on`, `next_deadline`, `is_overdue`,
kept by services.refresh_clock), so the database filters and sorts them; nothing here computes a
statutory date. The lists' "next 8 weeks" is a window to look ahead in, not a legal limit.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Exists, F, OuterRef, Q, Subquery

import clock
from casework.queries import caseworkers, with_deadline_status  # noqa: F401 - the lists' caseworker filter
from clock import dates
from people.access import children_visible_to
from people.models import Child, Setting
from people.queries import search_children
from plans.models import EHCPlan
from reviews import plan_link, timing
from reviews.models import (
    AWAITING_MEETING,
    IN_PROGRESS,
    OPEN_STAGES,
    AnnualReview,
    Contribution,
    ContributionKind,
)
from reviews.services import APPEAL_STEP

LOOK_AHEAD_WEEKS = (4, 8, 12, 26)
DEFAULT_WEEKS = 8
SHOWS = {
    "due": "Reviews due",
    "overdue": "Overdue reviews",
    "in_progress": "Reviews in progress",
    "all": "All open reviews",
}
SORTS = {
    "deadline": (F("next_deadline").asc(nulls_last=True), "pk"),
    "-deadline": (F("next_deadline").desc(nulls_last=True), "-pk"),
    "due": ("due_on", "pk"),
    "name": ("child__legal_last_name", "child__legal_first_name", "pk"),
}


def overdue(today: date) -> Q:
    # A deadline passed since the last refresh counts too (the reminder job catches up nightly).
    # The end of an appeal period is not a step the area can miss.
    return Q(is_overdue=True) | (Q(next_deadline__lt=today) & ~Q(next_step_key=APPEAL_STEP))


def open_reviews():
    return AnnualReview.objects.filter(stage__in=OPEN_STAGES).select_related("child__setting", "caseworker")


def shown(reviews, show: str, weeks: int, today: date):
    if show == "overdue":
        return reviews.filter(overdue(today))
    if show == "in_progress":
        return reviews.filter(stage__in=IN_PROGRESS)
    if show == "all":
        return reviews
    return reviews.filter(stage__in=AWAITING_MEETING, due_on__range=dates.weeks_ahead(today, weeks))


def search_reviews(reviews, terms: str):
    """A review reference, or whatever finds the child on the children list."""
    terms = (terms or "").strip()
    if not terms:
        return reviews
    by_reference = Q(reference__iexact=terms.replace(" ", ""))
    return reviews.filter(by_reference | Q(child__in=search_children(Child.objects.all(), terms)))


def sort_reviews(reviews, sort: str, today: date):
    key = sort if sort in SORTS else "deadline"
    return with_deadline_status(reviews, today).order_by(*SORTS[key]), key


def schools_with_open_reviews():
    # EXISTS per setting rather than DISTINCT over every open review's row (thousands at scale).
    with_open_review = AnnualReview.objects.filter(stage__in=OPEN_STAGES, child__setting=OuterRef("pk"))
    return Setting.objects.filter(Exists(with_open_review)).only("public_id", "name").order_by("name")


@dataclass(frozen=True)
class Backlog:
    now: int
    week_ago: int

    @property
    def change(self) -> int:
        return self.now - self.week_ago

    @property
    def summary(self) -> str:
        if self.change < 0:
            return f"down {-self.change} in a week"
        if self.change > 0:
            return f"up {self.change} in a week"
        return "no change in a week"


def backlog(today: date | None = None, reviews=None) -> Backlog:
    """Reviews whose meeting is overdue now, and as the stored rows stood a week ago: two counts.

    Both figures need a review due before today (due a week ago implies it), so the work is the
    open reviews already due, read from the index `review_open_by_due` alone (no table rows), plus
    the few reviews closed within the week, which count a week ago only. It does not grow with
    the open reviews not yet due or with the years of closed ones.
    """
    today = today or dates.today()
    then = dates.days_ago(today, 7)
    reviews = reviews if reviews is not None else AnnualReview.objects.all()
    overdue_then = (
        Q(cycle_start__lte=then, due_on__lt=then)
        & (Q(meeting_held_on__isnull=True) | Q(meeting_held_on__gt=then))
    )
    # Counting due_on (never null) rather than id: the index holds no id.
    open_due = reviews.filter(closed_on__isnull=True, due_on__lt=today).aggregate(
        now=Count("due_on", filter=Q(meeting_held_on__isnull=True)), then=Count("due_on", filter=overdue_then)
    )
    closed_this_week = reviews.filter(closed_on__gt=then).filter(overdue_then).count()
    return Backlog(open_due["now"], open_due["then"] + closed_this_week)


def pupils_with_plans(user):
    """Pupils on roll at the user's schools with a live EHC plan, each with their open review
    (the soonest due) and the date the school's paperwork for it was sent, if it was.

    The one answer to "pupils with plans at my school": the SENCo's home page counts it, "Your
    work" lists it, so the two never disagree.
    """
    live_plan = EHCPlan.objects.filter(child=OuterRef("pk"), ceased_on__isnull=True)
    open_review = AnnualReview.objects.filter(child=OuterRef("pk"), stage__in=OPEN_STAGES).order_by(
        "due_on", "pk"
    )
    paperwork = Contribution.objects.filter(
        review__public_id=OuterRef("review_public_id"), kind=ContributionKind.SCHOOL
    ).order_by("-submitted_on")
    return (
        children_visible_to(user)
        .filter(Exists(live_plan))
        .select_related("setting")
        .annotate(
            review_public_id=Subquery(open_review.values("public_id")[:1]),
            review_reference=Subquery(open_review.values("reference")[:1]),
            review_due=Subquery(open_review.values("due_on")[:1]),
            review_meeting=Subquery(open_review.values("meeting_on")[:1]),
            review_invitations_sent=Subquery(open_review.values("invitations_sent_on")[:1]),
            review_stage=Subquery(open_review.values("stage")[:1]),
        )
        .annotate(paperwork_sent_on=Subquery(paperwork.values("submitted_on")[:1]))
    )


@dataclass
class ReviewFile:
    """Everything the review page shows, loaded in a fixed number of queries."""

    events: list
    invitees: list
    contributions: dict
    documents: list
    timeline: clock.Timeline
    outcomes: list

    @property
    def history(self) -> list[tuple]:
        return [(e.kind, e.on) for e in self.events]


def review_file(review, today: date | None = None) -> ReviewFile:
    events = list(review.events.select_related("recorded_by"))
    return ReviewFile(
        events=events,
        invitees=list(review.invitees.all()),
        contributions={c.kind: c for c in review.contributions.select_related("created_by", "modified_by")},
        documents=list(review.documents.all()),
        timeline=timing.review_line(review, events, today),
        outcomes=plan_link.outcomes(review.plan),
    )


def other_reviews(review):
    """The plan's earlier and later review cycles, for the history on the review page."""
    return list(
        AnnualReview.objects.filter(plan_id=review.plan_id).exclude(pk=review.pk).order_by("-cycle_start")
    )


__all__ = ["caseworkers"]
