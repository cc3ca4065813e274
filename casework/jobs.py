"""Scheduled tasks of the casework app: the stored deadlines brought up to date and the advice
due-soon and overdue reminders, daily; the record integrity check, weekly (issue 19)."""

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


@scheduled_task("casework.refresh_stored_clocks", after=time(5, 0))
def refresh_stored_clocks(day):
    """Each open case's stored next deadline and overdue flag (what lists, exports, home figures
    and the API's due_before filter read) from the clock engine as of `day`: a case nobody touched
    becomes overdue as the days pass, and its stored columns must say so. Before the reminders."""
    from casework.models import AssessmentCase
    from casework.stored_clocks import recompute_cases
    from people.models import Setting

    return f"{recompute_cases(AssessmentCase, Setting, day, open_only=True)} cases brought up to date"
