"""Recompute the clock's answer stored on every annual review, in batches (for a data migration
after a change to the engine); the same columns services.refresh_clock keeps for one review."""

from reviews import services, timing
from reviews.models import OPEN_STAGES

BATCH = 500
COLUMNS = ("next_deadline", "next_step", "next_step_key", "is_overdue")


def recompute_reviews(review_model, today, batch=BATCH, *, open_only=False) -> int:
    """Store the engine's answer on every review whose stored one differs; returns how many changed.
    `open_only`: only open reviews (the daily refresh: a closed review's answer no longer changes)."""
    reviews = review_model.objects.all()
    if open_only:

        reviews = reviews.filter(stage__in=OPEN_STAGES)
    ids = list(reviews.order_by("pk").values_list("pk", flat=True))
    changed = 0
    for first in range(0, len(ids), batch):
        reviews = list(
            review_model.objects.filter(pk__in=ids[first : first + batch]).prefetch_related("events")
        )
        stale = []
        for review in reviews:
            line = timing.review_line(review, review.events.all(), today=today)
            new = services.stored_clock(review, line)
            if any(getattr(review, name) != new[name] for name in COLUMNS):
                for name in COLUMNS:
                    setattr(review, name, new[name])
                stale.append(review)
        review_model.objects.bulk_update(stale, COLUMNS, batch_size=batch)
        changed += len(stale)
    return changed
