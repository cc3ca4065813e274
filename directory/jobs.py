"""Scheduled task of the directory app: Local Offer entries due for review, daily."""

from datetime import time

from jobs.schedule import scheduled_task


@scheduled_task("directory.directory_reminders", after=time(7, 30))
def directory_reminders(day):
    from directory.reminders import send_reminders

    return f"{send_reminders(day)} reminders sent"
