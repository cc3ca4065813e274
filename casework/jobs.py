"""Background work of the casework app: a decision's letter (rendered as a PDF, then sent to the
family); and the scheduled tasks: the stored deadlines brought up to date and the advice due-soon and
overdue reminders, daily; the record integrity check, weekly (issue 19)."""

from datetime import date, time, timedelta

from django.db import transaction

from casework.integrity import email_managers
from casework.letters import DECISION_LETTER_JOB, save_decision_letter
from casework.models import AssessmentCase, CaseEvent
from casework.stored_clocks import recompute_cases
from jobs.registry import job_kind
from jobs.schedule import scheduled_task
from jobs.services import Outcome
from notifications import reminders
from notifications.events import decision_letter, notify_case_event
from notifications.links import case_path
from people.models import Setting


@job_kind(
    DECISION_LETTER_JOB, title="Make the decision letter", time_limit=timedelta(minutes=10), max_attempts=3
)
def make_decision_letter(job, progress):
    params = job.params
    case = AssessmentCase.objects.select_related("child").get(public_id=params["case"])
    event = CaseEvent.objects.get(pk=params["event"])
    progress(0, 2, "Writing the letter")
    # A run restarted after its worker stopped may find the letter it made before it was stopped.
    letter = decision_letter(case, event) or save_decision_letter(
        None, case, params["kind"], date.fromisoformat(params["on"]), params["reasons"], user=job.owner
    )
    progress(1, stage="Sending it to the family")
    if event.recorded_by_id:  # only what people record is announced (notifications.signals)
        # After commit: run at once by a queue that runs jobs in place, the decision may not be saved yet.
        transaction.on_commit(lambda: notify_case_event(case, event), robust=True)
    return Outcome(
        url=case_path(case),
        label=f"See the case {case.reference}",
        result={"letter": letter.pk},
    )


@scheduled_task("casework.send_reminders", after=time(7, 0))
def send_reminders(day):
    return str(reminders.send_reminders(day))


@scheduled_task("casework.record_integrity", after=time(6, 30))
def record_integrity(day):
    # Daily in the schedule, weekly in effect: integrity.email_managers acts on Mondays only.
    return email_managers(day)


@scheduled_task("casework.refresh_stored_clocks", after=time(5, 0))
def refresh_stored_clocks(day):
    """Each open case's stored next deadline and overdue flag (what lists, exports, home figures
    and the API's due_before filter read) from the clock engine as of `day`: a case nobody touched
    becomes overdue as the days pass, and its stored columns must say so. Before the reminders."""
    return f"{recompute_cases(AssessmentCase, Setting, day, open_only=True)} cases brought up to date"
