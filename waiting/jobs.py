"""Background work of the waiting app: importing a provider's monthly extract (a whole provider's
list takes longer than a page should) and exporting the referral list (every referral of a large
area: a minute and more), with their progress shown to the officer who started them; and the daily
review reminders of the dynamic support register."""

from dataclasses import asdict
from datetime import date, time, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from audit.services import record_reads
from jobs.registry import job_kind
from jobs.schedule import scheduled_task
from jobs.services import JobFailed, Outcome

IMPORT_EXTRACT_JOB = "waiting.import_extract"
EXPORT_REFERRALS_JOB = "waiting.export_referrals"
PROBLEMS_SHOWN = 500
EXPORT_CHUNK = 2000  # referrals read, audited and reported per step


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


@job_kind(EXPORT_REFERRALS_JOB, title="Export referrals", time_limit=timedelta(minutes=20))
def export_referrals(job, progress):
    """The referral list's CSV or XLSX, with the list's filters (job.params), as a download. Each
    referral exported is audited as read by the officer who asked for it, as on the page."""
    from core import exports
    from waiting import queries
    from waiting.models import Pathway
    from waiting.views_referrals import EXPORT_HEADERS, export_row

    params = job.params
    pathway = Pathway.objects.filter(public_id=params["pathway"]).first() if params["pathway"] else None
    found = queries.referrals(
        date.fromisoformat(params["today"]), pathway, params["status"], params["age"], params["reference"]
    )
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
    from waiting.register import send_register_reminders

    return str(send_register_reminders(day))
