"""Scheduled task of the reviews app: annual review reminders, daily."""

from datetime import time

from jobs.schedule import scheduled_task


@scheduled_task("reviews.send_review_reminders", after=time(7, 15))
def send_review_reminders(day):
    from reviews.reminders import send_reminders

    return str(send_reminders(day))
