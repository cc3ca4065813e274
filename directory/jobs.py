"""Background work of the directory app: importing the Local Offer's services from a CSV or XLSX
file or from another Open Referral UK feed (thousands of services take longer than a page should),
with its progress shown to the editor who started it; and the scheduled task: Local Offer entries
due for review, daily."""

from datetime import time

from django.urls import reverse

from directory import imports
from directory.oruk import feed_import
from directory.oruk.standard import StandardMissing
from directory.reminders import send_reminders
from jobs.imports import run_import
from jobs.registry import job_kind
from jobs.schedule import scheduled_task
from jobs.services import Outcome

IMPORT_SERVICES_JOB = "directory.import_services"
IMPORT_FEED_JOB = "directory.import_feed"
NOTES_SHOWN = 100


@job_kind(
    IMPORT_SERVICES_JOB,
    title="Import services",
    result_template="directory/manage/_import_job_result.html",
)
def import_services(job, progress):
    progress(0, 1, "Checking each row and saving the services")
    result = run_import(
        job, lambda upload: imports.import_services(upload, user=job.owner), unreadable=imports.UnreadableFile
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

    def read_and_import(upload):
        items, notes = feed_import.read_upload(upload)
        return feed_import.import_services(
            items, job.owner, job.params["funding"], source=job.input_name, notes=notes
        )

    progress(0, 1, "Checking each service and saving them")
    outcome = run_import(
        job,
        read_and_import,
        unreadable=(feed_import.UnreadableFeed, StandardMissing),
        what="feed",
        advice="Ask whoever runs the feed to correct it, or correct the file, and upload it again.",
    )
    return Outcome(
        url=reverse("directory:dashboard"),
        label="Back to managing the Local Offer",
        result={"created": outcome.created, "updated": outcome.updated, "notes": outcome.notes[:NOTES_SHOWN]},
    )


@scheduled_task("directory.directory_reminders", after=time(7, 30))
def directory_reminders(day):
    return f"{send_reminders(day)} reminders sent"
