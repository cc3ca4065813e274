"""Scheduled task of the casework app: advice due-soon and overdue reminders, daily."""

from datetime import time

from jobs.schedule import scheduled_task


@scheduled_task("casework.send_reminders", after=time(7, 0))
def send_reminders(day):
    from notifications.reminders import send_reminders

    return str(send_reminders(day))
