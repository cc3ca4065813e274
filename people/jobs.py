"""Background work of the people app: importing children's records (a file of 20,000 rows takes
longer than a page should), with its progress shown to the administrator who started it."""

from dataclasses import asdict
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from audit.models import Action
from audit.services import record
from jobs.registry import job_kind
from jobs.services import JobFailed, Outcome

IMPORT_CHILDREN_JOB = "people.import_children"
PROBLEMS_SHOWN = 500


@job_kind(
    IMPORT_CHILDREN_JOB, title="Import children's records", result_template="people/_import_job_result.html"
)
def import_children(job, progress):
    from people import imports

    upload = SimpleUploadedFile(job.input_name, bytes(job.input_data or b""))
    try:
        result = imports.import_children(upload, user=job.owner, progress=progress)
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
    record(
        None,
        Action.IMPORT,
        user=job.owner,
        summary="Imported children's records",
        created=result.created,
        updated=result.updated,
        filename_suffix=Path(job.input_name).suffix,
    )
    return Outcome(
        url=reverse("people:child_list"),
        label="See the children's records",
        result={"created": result.created, "updated": result.updated},
    )
