"""Background work of the waiting app: importing a provider's monthly extract (a whole provider's
list takes longer than a page should) and exporting the referral list (every referral of a large
area: a minute and more), with their progress shown to the officer who started them; and the daily
review reminders of the dynamic support register."""

from datetime import date, time, timedelta

from django.urls import reverse

from audit.services import record_reads
from core import exports
from jobs.imports import run_import
from jobs.registry import job_kind
from jobs.schedule import scheduled_task
from jobs.services import Outcome
from people.imports import UnreadableFile
from waiting import imports, register
from waiting.filters import FIELDS, ReferralFilter
from waiting.queries import EXPORT_HEADERS, export_row

IMPORT_EXTRACT_JOB = "waiting.import_extract"
EXPORT_REFERRALS_JOB = "waiting.export_referrals"
EXPORT_CHUNK = 2000  # referrals read, audited and reported per step


@job_kind(
    IMPORT_EXTRACT_JOB,
    title="Import a provider's monthly extract",
    result_template="waiting/_import_job_result.html",
)
def import_extract(job, progress):
    month = date.fromisoformat(job.params["month"])
    result = run_import(
        job,
        lambda upload: imports.import_extract(upload, month, user=job.owner, progress=progress),
        unreadable=UnreadableFile,
    )
    return Outcome(
        url=reverse("waiting:pathway_list"),
        label="See the waiting lists",
        result={"created": result.created, "updated": result.updated, "month": job.params["month"]},
    )


@job_kind(EXPORT_REFERRALS_JOB, title="Export referrals", time_limit=timedelta(minutes=20))
def export_referrals(job, progress):
    """The referral list's CSV or XLSX, with the list's filters (job.params), as a download. Each
    referral exported is audited as read by the officer who asked for it, as on the page."""

    params = job.params
    filters = {name: params.get(name, "") for name in FIELDS}
    found = ReferralFilter(filters, today=date.fromisoformat(params["today"])).qs  # as the page lists them
    progress(0, found.count(), "Reading the referrals")
    rows, chunk = [], []
    for n, referral in enumerate(found.iterator(chunk_size=EXPORT_CHUNK), 1):
        rows.append(export_row(referral))
        chunk.append(referral)
        if len(chunk) == EXPORT_CHUNK:
            record_reads(None, chunk, "Exported", user=job.owner, where=(params.get("ip"), params["path"]))
            chunk = []
            progress(n)
    record_reads(None, chunk, "Exported", user=job.owner, where=(params.get("ip"), params["path"]))
    progress(len(rows), stage="Writing the file")
    response = exports.export_response(params["format"], "referrals", EXPORT_HEADERS, rows)
    content = response.content if params["format"] == "xlsx" else b"".join(response.streaming_content)
    return Outcome(
        url=reverse("waiting:referral_list"),
        label="Back to the referrals",
        result={"rows": len(rows)},
        file=content,
        file_name=f"referrals.{params['format']}",
        content_type=response["Content-Type"],
    )


@scheduled_task("waiting.send_register_reminders", after=time(7, 0))
def send_register_reminders(day):
    """Care (education) and treatment review reminders to key workers on the support register, and
    entries without a key worker to the register's owners."""
    return str(register.send_register_reminders(day))
