"""Read-only queries for the plan's pages and reports."""

from django.contrib.auth import get_user_model
from django.db.models import Count, Prefetch, Q

from improvement.models import EXCEPTION_RATINGS, Action, Area, ProgressUpdate, Rating, RatingChange, Report


def actions():
    return Action.objects.select_related("objective__area", "lead")


def search_actions(queryset, terms: str):
    for word in terms.split()[:8]:
        queryset = queryset.filter(
            Q(number__startswith=word)
            | Q(text__icontains=word)
            | Q(lead_post__icontains=word)
            | Q(partners__icontains=word)
            | Q(lead__first_name__icontains=word)
            | Q(lead__last_name__icontains=word)
        )
    return queryset


def leads():
    return (
        get_user_model()
        .objects.filter(led_actions__isnull=False)
        .distinct()
        .order_by("last_name", "first_name")
    )


def rating_counts(queryset=None) -> dict:
    queryset = Action.objects.all() if queryset is None else queryset
    counts = dict(queryset.values_list("rating").annotate(n=Count("pk")).order_by())
    return {rating: counts.get(rating, 0) for rating in Rating.values}


def latest_updates(action_ids) -> dict:
    """action id -> its latest progress update (one query)."""
    latest = {}
    for update in ProgressUpdate.objects.filter(action_id__in=action_ids).order_by(
        "action_id", "-written_at", "-pk"
    ):
        latest.setdefault(update.action_id, update)
    return latest


def exceptions():
    """Red and amber actions, red first, each with its latest narrative (`latest`)."""
    found = list(
        actions()
        .filter(rating__in=EXCEPTION_RATINGS)
        .order_by(
            "-rating",  # "red" sorts after "amber": descending puts red first
            "objective__area__number",
            "objective__position",
            "position",
        )
    )
    latest = latest_updates([a.pk for a in found])
    for action in found:
        action.latest = latest.get(action.pk)
    return found


def last_issued_report():
    return Report.objects.order_by("-issued_at", "-pk").first()


def changes_since(since):
    """Rating changes and progress updates after `since` (all of them when None)."""
    rating_changes = RatingChange.objects.select_related("action", "changed_by").order_by(
        "-changed_at", "-pk"
    )
    updates = ProgressUpdate.objects.select_related("action").order_by("-written_at", "-pk")
    if since is not None:
        rating_changes = rating_changes.filter(changed_at__gt=since)
        updates = updates.filter(written_at__gt=since)
    return rating_changes, updates


def areas_with_actions(queryset=None):
    """Areas -> objectives -> actions (three queries), actions from `queryset` if given."""
    queryset = actions() if queryset is None else queryset
    return Area.objects.prefetch_related(
        "objectives",
        Prefetch("objectives__actions", queryset=queryset.select_related(None).select_related("lead")),
    )
