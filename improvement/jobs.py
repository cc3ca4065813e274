"""Background work of the improvement app: issuing a board report (its PDF takes seconds to render)
and the daily reminder to action leads before a board report is due."""

from datetime import date, time

from django.urls import reverse

from improvement import documents
from improvement.reminders import send_reminders
from jobs.registry import job_kind
from jobs.schedule import scheduled_task
from jobs.services import Outcome

ISSUE_REPORT_JOB = "improvement.issue_report"


@job_kind(ISSUE_REPORT_JOB, title="Issue a board report")
def issue_report(job, progress):
    report = documents.issue(
        job.params["kind"], date.fromisoformat(job.params["as_of"]), job.owner, progress=progress
    )
    return Outcome(
        url=reverse("improvement:report_detail", args=[report.public_id]),
        label=f"See the issued report: {report.title}",
    )


@scheduled_task("improvement.remind_action_leads", after=time(7, 0))
def remind_action_leads(day):
    return f"{send_reminders(day)} reminders sent"
