"""Background work of the people app: importing children's records (a file of 20,000 rows takes
longer than a page should) and GIAS's schools and settings (the national file has 50,000 rows), with
their progress shown to the administrator who started them."""

from dataclasses import asdict
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from audit.models import Action
from audit.services import record
from jobs.registry import job_kind
from jobs.services import JobFailed, Outcome
from people import imports

IMPORT_CHILDREN_JOB = "people.import_children"
IMPORT_SCHOOLS_JOB = "people.import_schools"
PROBLEMS_SHOWN = 500


@job_kind(
    IMPORT_CHILDREN_JOB, title="Import children's records", result_template="people/_import_job_result.html"
)
def import_children(job, progress):
    upload = SimpleUploadedFile(job.input_name, bytes(job.input_data or b""))
    try:
        result = imports.import_children(upload, user=job.owner, progress=progress)
    except imports.UnreadableFile as error:
        raise JobFailed(str(error), can_retry=False) from error
    return _imported(
        job, result, "children's records", reverse("people:child_list"), "See the children's records"
    )


@job_kind(
    IMPORT_SCHOOLS_JOB,
    title="Import schools and settings",
    result_template="people/_import_schools_result.html",
)
def import_schools(job, progress):
    upload = SimpleUploadedFile(job.input_name, bytes(job.input_data or b""))
    progress(0, 1, "Checking each row and saving the schools and settings")
    try:
        result = imports.import_gias(upload)
    except imports.UnreadableFile as error:
        raise JobFailed(str(error), can_retry=False) from error
    return _imported(
        job, result, "schools and settings", reverse("people:setting_list"), "See the schools and settings"
    )


def _imported(job, result, what, url, label):
    """The import's ending: its problems by row (nothing imported), or what it added, audited."""
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
    record(
        None,
        Action.IMPORT,
        user=job.owner,
        summary=f"Imported {what}",
        created=result.created,
        updated=result.updated,
        filename_suffix=Path(job.input_name).suffix,
    )
    return Outcome(url=url, label=label, result={"created": result.created, "updated": result.updated})
