"""Background work of the directory app: importing the Local Offer's services from a CSV or XLSX
file or from another Open Referral UK feed (thousands of services take longer than a page should),
with its progress shown to the editor who started it; and the scheduled task: Local Offer entries
due for review, daily."""

from dataclasses import asdict
from datetime import time

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from directory import imports
from directory.oruk import feed_import
from directory.oruk.standard import StandardMissing
from directory.reminders import send_reminders
from jobs.registry import job_kind
from jobs.schedule import scheduled_task
from jobs.services import JobFailed, Outcome

IMPORT_SERVICES_JOB = "directory.import_services"
IMPORT_FEED_JOB = "directory.import_feed"
NOTES_SHOWN = 100
PROBLEMS_SHOWN = 500


@job_kind(
    IMPORT_SERVICES_JOB,
    title="Import services",
    result_template="directory/manage/_import_job_result.html",
)
def import_services(job, progress):
    upload = SimpleUploadedFile(job.input_name, bytes(job.input_data or b""))
    progress(0, 1, "Checking each row and saving the services")
    try:
        result = imports.import_services(upload, user=job.owner)
    except imports.UnreadableFile as error:
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
        url=reverse("directory:dashboard"),
        label="Back to managing the Local Offer",
        result={"created": result.created, "updated": result.updated},
    )


@job_kind(
    IMPORT_FEED_JOB,
    title="Import services from an Open Referral UK feed",
    result_template="directory/manage/_feed_job_result.html",
)
def import_feed(job, progress):
    """Every service in the feed checked against the standard; all written (and the import audited)
    or, with any problem, none."""

    upload = SimpleUploadedFile(job.input_name, bytes(job.input_data or b""))
    progress(0, 1, "Checking each service and saving them")
    try:
        items, notes = feed_import.read_upload(upload)
        outcome = feed_import.import_services(
            items, job.owner, job.params["funding"], source=job.input_name, notes=notes
        )
    except (feed_import.UnreadableFeed, StandardMissing) as error:
        raise JobFailed(str(error), can_retry=False) from error
    if not outcome.ok:
        count = len(outcome.problems)
        raise JobFailed(
            f"Nothing was imported: the feed has {count:,} problem{'s' if count != 1 else ''}. "
            "Ask whoever runs the feed to correct it, or correct the file, and upload it again.",
            result={
                "problem_count": count,
                "problems": [asdict(p) for p in outcome.problems[:PROBLEMS_SHOWN]],
            },
            can_retry=False,
        )
    return Outcome(
        url=reverse("directory:dashboard"),
        label="Back to managing the Local Offer",
        result={"created": outcome.created, "updated": outcome.updated, "notes": outcome.notes[:NOTES_SHOWN]},
    )


@scheduled_task("directory.directory_reminders", after=time(7, 30))
def directory_reminders(day):
    return f"{send_reminders(day)} reminders sent"
