"""Scheduled tasks of the casework app: advice due-soon and overdue reminders, daily; the record
integrity check, weekly (issue 19)."""

from datetime import time

from jobs.schedule import scheduled_task


@scheduled_task("casework.send_reminders", after=time(7, 0))
def send_reminders(day):
    from notifications.reminders import send_reminders

    return str(send_reminders(day))


@scheduled_task("casework.record_integrity", after=time(6, 30))
def record_integrity(day):
    # Daily in the schedule, weekly in effect: integrity.email_managers acts on Mondays only.
    from casework.integrity import email_managers

    return email_managers(day)
