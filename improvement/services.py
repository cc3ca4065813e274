"""The only code that changes the improvement plan: a lead's update of an action, with its rating
change kept for good (who, when, from, to and why), safe against two people saving at once."""

from django.db import transaction
from django.utils import timezone

from improvement.models import EXCEPTION_RATINGS, RATING_SHORT, Milestone, ProgressUpdate, RatingChange


class UpdateRefused(ValueError):
    """The update breaks a rule of the plan (the form shows the message against the field)."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


def check_update(action, rating: str, narrative: str) -> None:
    """Red and amber always need a narrative; any change of rating needs one to say why."""
    narrative = narrative.strip()
    if narrative:
        return
    if rating in EXCEPTION_RATINGS:
        raise UpdateRefused(
            "narrative", f"Enter a progress update saying why the action is {RATING_SHORT[rating].lower()}"
        )
    if rating != action.rating:
        raise UpdateRefused("narrative", "Enter a progress update saying why the rating has changed")
    raise UpdateRefused("narrative", "Enter a progress update, or choose a different rating")


def update_action(
    action, user, expected_version: int, rating: str, narrative: str, now=None, milestones_met=()
):
    """Record a progress update and (if it changed) the new rating, or nothing at all.

    Raises UpdateRefused for a missing narrative and core.concurrency.StaleEditError when someone
    else saved the action after this form was opened.
    """
    check_update(action, rating, narrative)
    now = now or timezone.now()
    narrative = narrative.strip()
    previous = action.rating
    with transaction.atomic():
        action.rating = rating
        if rating != previous:
            action.rating_changed_at = now
        action.save_edit(expected_version, user)
        if milestones_met:
            Milestone.objects.filter(action=action, pk__in=milestones_met, met_on__isnull=True).update(
                met_on=timezone.localdate(now)
            )
        if rating != previous:
            RatingChange.objects.create(
                action=action,
                changed_at=now,
                changed_by=user,
                changed_by_label=str(user),
                from_rating=previous,
                to_rating=rating,
                reason=narrative,
            )
        return ProgressUpdate.objects.create(
            action=action,
            written_on=timezone.localdate(now),
            written_at=now,
            author=user,
            author_label=str(user),
            rating=rating,
            narrative=narrative,
        )
