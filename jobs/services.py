"""Starting, running and retrying jobs (see README, "Background jobs").

A page calls `start(kind, owner, ...)`, which saves a Job and enqueues the django-tasks task that
runs it, and sends its visitor to the job's page (`job_url(job)`). The worker runs the kind's
function with a `progress(done, total, stage)` callback that writes to the Job row, so the owner's
browser can follow it. A job that raises JobFailed ends with that reason; any other error ends with
a general one (the details go to the log, never to the page) and can be retried.
"""

import logging
import time
from dataclasses import dataclass

from django.db import OperationalError, connection
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.utils import is_locked_database_exception

from jobs import registry
from jobs.models import Job, Status

logger = logging.getLogger("opensend.jobs")

GENERAL_FAILURE = (
    "Something went wrong and the job stopped before it finished. Nothing was changed. Try again; "
    "if it fails again, tell the service desk the job reference {ref}."
)
# Write progress at most this often (seconds); the browser polls about once a second.
PROGRESS_EVERY = 0.3


class JobFailed(Exception):
    """End the job with this message for its owner (plain English, no personal data), and
    optionally a result for its page (an import's problems) and whether trying again could help."""

    def __init__(self, message: str, *, result: dict | None = None, can_retry: bool = True):
        super().__init__(message)
        self.result = result
        self.can_retry = can_retry


@dataclass
class Outcome:
    url: str = ""  # where to go next: the built return, the issued report
    label: str = ""  # the link's words
    result: dict | None = None  # kept on the Job for its page (and for the page that reads it)
    file: bytes | None = None  # a file to download from the job page
    file_name: str = ""
    content_type: str = ""


def start(
    kind: str, owner, *, params=None, input_data: bytes | None = None, input_name="", title=None
) -> Job:
    job_kind = registry.get(kind)
    job = Job.objects.create(
        owner=owner,
        kind=kind,
        title=title or job_kind.title,
        params=params or {},
        input_data=input_data,
        input_name=input_name,
        stage="Waiting to start",
    )
    _enqueue(job)
    job.refresh_from_db()
    return job


def _enqueue(job: Job) -> None:
    from jobs.tasks import run_job

    task_result = run_job.enqueue(str(job.public_id))
    Job.objects.filter(pk=job.pk).update(task_id=str(task_result.id)[:64])


def retry(job: Job) -> Job:
    """Start a failed job again, with the same inputs."""
    if job.status != Status.FAILED or not job.can_retry:
        return job
    reset = Job.objects.filter(pk=job.pk, status=Status.FAILED).update(
        status=Status.QUEUED,
        stage="Waiting to start",
        error="",
        result=None,
        done=0,
        total=0,
        finished_at=None,
    )
    if reset:  # a second click on "Try again" finds it queued already, and enqueues nothing
        _enqueue(job)
    job.refresh_from_db()
    return job


def job_url(job: Job) -> str:
    return reverse("jobs:detail", args=[job.public_id])


def next_url(job: Job) -> str:
    """Where to send the person who started `job`: its result when it has already finished
    (jobs run at once with the ImmediateBackend), otherwise its page with the progress bar."""
    if job.status == Status.SUCCEEDED and job.result_url:
        return job.result_url
    return job_url(job)


def latest(kind: str, *, owner=None, status=None, **params) -> Job | None:
    """The newest job of this kind (started by `owner`) whose params include these."""
    found = Job.objects.filter(kind=kind, **{f"params__{k}": v for k, v in params.items()})
    if owner is not None:
        found = found.filter(owner=owner)
    if status is not None:
        found = found.filter(status__in=[status] if isinstance(status, str) else status)
    return found.defer("input_data", "result_file").first()


class Progress:
    """progress(done, total=None, stage=None): how far the job has got, written to its row."""

    def __init__(self, job: Job):
        self.job = job
        self.written_at = 0.0

    def __call__(self, done: int, total: int | None = None, stage: str | None = None) -> None:
        changes = {"done": done}
        if total is not None:
            changes["total"] = total
            self.job.total = total
        if stage is not None:
            changes["stage"] = stage[:200]
        now = time.monotonic()
        # Always write a new stage or the last step; otherwise no more than a few times a second.
        if stage is None and done < self.job.total and now - self.written_at < PROGRESS_EVERY:
            return
        self.written_at = now
        try:
            Job.objects.filter(pk=self.job.pk).update(**changes)
        except OperationalError as error:
            # Progress is only news: a busy SQLite file ("database is locked") must not stop the job.
            if connection.in_atomic_block or not is_locked_database_exception(error):
                raise
            self.written_at = 0.0


def execute(public_id: str) -> str:
    """Run one queued job (the worker's task). Returns its final status."""
    claimed = Job.objects.filter(public_id=public_id, status=Status.QUEUED).update(
        status=Status.RUNNING, started_at=timezone.now(), attempts=F("attempts") + 1, stage="Starting"
    )
    if not claimed:  # already run, or being run by another worker
        return "skipped"
    job = Job.objects.get(public_id=public_id)
    try:
        outcome = registry.get(job.kind).run(job, Progress(job)) or Outcome()
    except JobFailed as failure:
        _finish_failed(job, str(failure), result=failure.result, can_retry=failure.can_retry)
        return Status.FAILED
    except Exception:
        logger.exception("Job %s (%s) failed", job.public_id, job.kind)
        _finish_failed(job, GENERAL_FAILURE.format(ref=str(job.public_id)[:8]))
        raise  # so the task is recorded as failed too, with its traceback, for the operators
    Job.objects.filter(pk=job.pk).update(
        status=Status.SUCCEEDED,
        stage="",  # the status tag says "Finished"
        done=F("total"),
        finished_at=timezone.now(),
        result=outcome.result,
        result_url=outcome.url,
        result_label=outcome.label,
        result_file=outcome.file,
        result_file_name=outcome.file_name,
        result_content_type=outcome.content_type,
        input_data=None,  # an uploaded file is not kept once it has been used
    )
    return Status.SUCCEEDED


def _finish_failed(job: Job, reason: str, *, result=None, can_retry=True) -> None:
    Job.objects.filter(pk=job.pk).update(
        status=Status.FAILED,
        stage="Stopped",
        error=reason,
        result=result,
        can_retry=can_retry,
        finished_at=timezone.now(),
    )


def prune(now=None) -> dict:
    """Delete finished jobs, their finished queue rows and old scheduled-run claims."""
    from datetime import timedelta

    from django.conf import settings
    from django_tasks_db.models import DBTaskResult

    from jobs.models import FINISHED, ScheduledRun

    cutoff = (now or timezone.now()) - timedelta(days=getattr(settings, "JOB_KEEP_DAYS", 30))
    jobs, _ = Job.objects.filter(status__in=FINISHED, finished_at__lt=cutoff).delete()
    tasks, _ = DBTaskResult.objects.finished().filter(finished_at__lt=cutoff).delete()
    ScheduledRun.objects.filter(claimed_at__lt=cutoff - timedelta(days=60)).delete()
    return {"jobs": jobs, "tasks": tasks}
