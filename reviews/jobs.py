"""Scheduled tasks of the reviews app: the stored deadlines brought up to date, and annual review
reminders, daily."""

from datetime import time

from jobs.schedule import scheduled_task
from reviews.models import AnnualReview
from reviews.reminders import send_reminders
from reviews.stored_clocks import recompute_reviews


@scheduled_task("reviews.send_review_reminders", after=time(7, 15))
def send_review_reminders(day):
    return str(send_reminders(day))


@scheduled_task("reviews.refresh_stored_clocks", after=time(5, 0))
def refresh_stored_clocks(day):
    """Each open review's stored next deadline and overdue flag from the clock engine as of `day`
    (as casework.refresh_stored_clocks does for cases), so lists do not go stale as days pass."""

    return f"{recompute_reviews(AnnualReview, day, open_only=True)} reviews brought up to date"
