"""Background work of the plans app: rendering a version's PDF or Word file (plans/rendering.py), and
judging the live plans' quality checks, stored for the quality page (plans/stored_checks.py): on
the job queue when many are out of date, and every night."""

from datetime import time, timedelta

from django.urls import reverse

from clock import dates
from jobs.registry import job_kind
from jobs.schedule import scheduled_task
from jobs.services import Outcome
from plans import stored_checks
from plans.models import PlanVersion
from plans.rendering import FORMAT_NAMES, RENDER_JOB, render_and_keep

CHECK_QUALITY_JOB = "plans.check_quality"


@job_kind(
    RENDER_JOB, title="Prepare the EHC plan to download", time_limit=timedelta(minutes=10), max_attempts=3
)
def render_document(job, progress):
    fmt = job.params["format"]
    version = PlanVersion.objects.select_related(
        "plan__child__setting", "named_setting", "based_on", "case"
    ).get(plan__public_id=job.params["plan"], number=job.params["number"])
    progress(0, 1, f"Writing the plan as {FORMAT_NAMES[fmt]}")
    render_and_keep(version.plan, version, fmt)
    url_name = "plans:version_pdf" if fmt == "pdf" else "plans:version_docx"
    return Outcome(
        # The download goes through the plan's own link, which checks again who may read it.
        url=reverse(url_name, args=[job.params["plan"], version.number]),
        label=f"Download the plan ({'PDF' if fmt == 'pdf' else 'Word'})",
    )


@job_kind(CHECK_QUALITY_JOB, title="Check the quality of every live plan", time_limit=timedelta(minutes=20))
def check_quality(job, progress):
    today = dates.today()
    count = stored_checks.check_and_store(stored_checks.stale(today), today, progress=progress)
    return Outcome(
        url=reverse("plans:quality"), label="See the plan quality figures", result={"checked": count}
    )


@scheduled_task("plans.check_quality", after=time(5, 0))
def check_quality_nightly(day):
    return f"{stored_checks.check_and_store(stored_checks.stale(day), day)} plans checked"
