"""Background work of the waiting app: importing a provider's monthly extract (a whole provider's
list takes longer than a page should), with its progress shown to the officer who started it; and
the daily review reminders of the dynamic support register."""

from dataclasses import asdict
from datetime import date, time

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from jobs.registry import job_kind
from jobs.schedule import scheduled_task
from jobs.services import JobFailed, Outcome

IMPORT_EXTRACT_JOB = "waiting.import_extract"
PROBLEMS_SHOWN = 500


@job_kind(
    IMPORT_EXTRACT_JOB,
    title="Import a provider's monthly extract",
    result_template="waiting/_import_job_result.html",
)
def import_extract(job, progress):
    from people.imports import UnreadableFile
    from waiting import imports

    upload = SimpleUploadedFile(job.input_name, bytes(job.input_data or b""))
    month = date.fromisoformat(job.params["month"])
    try:
        result = imports.import_extract(upload, month, user=job.owner, progress=progress)
    except UnreadableFile as error:
        raise JobFailed(str(error), can_retry=False) from error
    if not result.ok:
        count = len(result.problems)
        raise JobFailed(
            f"Nothing was imported: the file has {count:,} problem{'s' if count != 1 else ''}. "
            "Correct the file and upload it again.",
            result={
                "problem_count": count,
                "problems": [asdict(p) for p in result.problems[:PROBLEMS_SHOWN]],
            },
            can_retry=False,
        )
    return Outcome(
        url=reverse("waiting:pathway_list"),
        label="See the waiting lists",
        result={"created": result.created, "updated": result.updated, "month": job.params["month"]},
    )


@scheduled_task("waiting.send_register_reminders", after=time(7, 0))
def send_register_reminders(day):
    """Care (education) and treatment review reminders to key workers on the support register."""
    from waiting.register import send_review_reminders

    return str(send_review_reminders(day))
