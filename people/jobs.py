"""Background work of the people app: importing children's records (a file of 20,000 rows takes
longer than a page should) and GIAS's schools and settings (the national file has 50,000 rows), with
their progress shown to the administrator who started them."""

from pathlib import Path

from django.urls import reverse

from audit.models import Action
from audit.services import record
from jobs.imports import run_import
from jobs.registry import job_kind
from jobs.services import Outcome
from people import imports

IMPORT_CHILDREN_JOB = "people.import_children"
IMPORT_SCHOOLS_JOB = "people.import_schools"


@job_kind(
    IMPORT_CHILDREN_JOB, title="Import children's records", result_template="people/_import_job_result.html"
)
def import_children(job, progress):
    result = run_import(
        job,
        lambda upload: imports.import_children(upload, user=job.owner, progress=progress),
        unreadable=imports.UnreadableFile,
    )
    return _imported(
        job, result, "children's records", reverse("people:child_list"), "See the children's records"
    )


@job_kind(
    IMPORT_SCHOOLS_JOB,
    title="Import schools and settings",
    result_template="people/_import_schools_result.html",
)
def import_schools(job, progress):
    progress(0, 1, "Checking each row and saving the schools and settings")
    result = run_import(job, imports.import_gias, unreadable=imports.UnreadableFile)
    return _imported(
        job, result, "schools and settings", reverse("people:setting_list"), "See the schools and settings"
    )


def _imported(job, result, what, url, label):
    """What the import added, audited (a file with problems failed the job in run_import)."""
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
