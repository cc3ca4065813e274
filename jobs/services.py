"""Starting, running and retrying jobs (see README, "Background jobs").

A page calls `start(kind, owner, ...)`, which saves a Job and enqueues the django-tasks task that
runs it, and sends its visitor to the job's page (`job_url(job)`). The worker runs the kind's
function with a `progress(done, total, stage)` callback that writes to the Job row, so the owner's
browser can follow it. A job that raises JobFailed ends with that reason; any other error ends with
a general one (the details go to the log, never to the page) and can be retried.

Each run of a job holds a claim: the Job row moved from queued to running, with `attempts` counting
the runs. Only the run holding the latest claim may record progress or an ending, so a job restarted
after it got stuck (recover_stuck) never finishes twice, even if its first run was only slow.
"""

import logging
import time
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from jobs import heartbeat, registry
from jobs.db import is_locked, retrying
from jobs.models import FINISHED, Job, ScheduledRun, Status

UNFINISHED = (Status.QUEUED, Status.RUNNING)

logger = logging.getLogger("opensend.jobs")

GENERAL_FAILURE = (
    "Something went wrong and the job stopped before it finished. Nothing was changed. Try again; "
    "if it fails again, tell the service desk the job reference {ref}."
)
STOPPED = (
    "The job stopped before it finished: the background worker was stopped, or the job ran longer "
    "than {minutes} minutes. Try again; if it stops again, tell the service desk the job reference {ref}."
)
NO_WORKER = "The background worker is not running. Tell your administrator."
BEHIND_OTHERS = "Other jobs are running first. This one will start when a worker is free."
# A job waiting this long for a worker is worth a word on its page.
WORKER_WAIT = timedelta(minutes=1)
# Write progress at most this often (seconds); the browser polls about once a second.
PROGRESS_EVERY = 0.3


class Superseded(Exception):
    """This run's claim on the job was taken over (it was restarted after it got stuck): stop."""


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
        queued_at=timezone.now(),
    )
    _enqueue(job)
    job.refresh_from_db()
    return job


def start_once(kind: str, owner, *, params: dict, title=None, extra: dict | None = None) -> Job:
    """The owner's job of this kind with these params still waiting or running (a second click, or
    a refresh, starts nothing more), else a new one. `extra` params (the client's address, say) go
    into a new job but are not compared."""
    unfinished = Job.objects.filter(
        kind=kind,
        owner=owner,
        status__in=UNFINISHED,
        **{f"params__{key}": value for key, value in params.items()},
    )
    if found := unfinished.defer("input_data", "result_file").first():
        return found
    return start(kind, owner, params={**params, **(extra or {})}, title=title)


def _enqueue(job: Job) -> None:
    # Function-level: jobs.tasks is the queue's entry point and runs this module's execute.
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
        queued_at=timezone.now(),
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
        # Only this run's claim may write (see the module's docstring).
        this_run = Job.objects.filter(pk=self.job.pk, attempts=self.job.attempts).exclude(status__in=FINISHED)
        try:
            written = retrying(lambda: this_run.update(**changes), attempts=3)
        except Exception as error:
            # Progress is only news: a busy SQLite file ("database is locked") must not stop the job.
            if not is_locked(error):
                raise
            self.written_at = 0.0
            return
        if not written:
            raise Superseded(str(self.job.public_id))


def execute(public_id: str) -> str:
    """Run one queued job (the worker's task). Returns its final status."""
    claimed = retrying(
        lambda: Job.objects.filter(public_id=public_id, status=Status.QUEUED).update(
            status=Status.RUNNING,
            started_at=timezone.now(),
            heartbeat_at=timezone.now(),
            attempts=F("attempts") + 1,
            stage="Starting",
        )
    )
    if not claimed:  # already run, or being run by another worker
        return "skipped"
    job = retrying(lambda: Job.objects.get(public_id=public_id))
    this_run = Job.objects.filter(pk=job.pk, status=Status.RUNNING, attempts=job.attempts)
    try:
        with heartbeat.beating(this_run):
            outcome = registry.get(job.kind).run(job, Progress(job)) or Outcome()
    except Superseded:
        logger.warning("Job %s (%s) was restarted elsewhere; this run stops", job.public_id, job.kind)
        return "superseded"
    except JobFailed as failure:
        ended = _finish_failed(this_run, str(failure), result=failure.result, can_retry=failure.can_retry)
        return Status.FAILED if ended else "superseded"
    except Exception:
        logger.exception("Job %s (%s) failed", job.public_id, job.kind)
        _finish_failed(this_run, GENERAL_FAILURE.format(ref=str(job.public_id)[:8]))
        raise  # so the task is recorded as failed too, with its traceback, for the operators
    ended = retrying(
        lambda: this_run.update(
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
    )
    return Status.SUCCEEDED if ended else "superseded"


def _finish_failed(this_run, reason: str, *, result=None, can_retry=True) -> int:
    return retrying(
        lambda: this_run.update(
            status=Status.FAILED,
            stage="Stopped",
            error=reason,
            result=result,
            can_retry=can_retry,
            finished_at=timezone.now(),
        )
    )


def recover_stuck(now=None) -> dict:
    """Jobs still "in progress" whose worker has gone (its heartbeat older than
    JOB_HEARTBEAT_STALE_SECONDS: killed, or its machine stopped) or past their kind's time limit
    (hung): queued again while they have had fewer runs than the kind allows, otherwise failed with a
    reason. Each change is a compare-and-set on the run's claim, so two workers doing this at once
    act once."""
    now = now or timezone.now()
    counts = {"requeued": 0, "failed": 0}
    stale = now - timedelta(seconds=settings.JOB_HEARTBEAT_STALE_SECONDS)
    running = Job.objects.filter(status=Status.RUNNING).only(
        "pk", "public_id", "kind", "attempts", "started_at", "heartbeat_at", "task_id"
    )
    for job in running:
        limit = registry.time_limit(job.kind)
        worker_gone = (
            job.heartbeat_at is not None and job.heartbeat_at < stale and job.pk not in heartbeat.RUNNING_HERE
        )
        if not worker_gone and job.started_at and job.started_at > now - limit:
            continue
        this_run = Job.objects.filter(pk=job.pk, status=Status.RUNNING, attempts=job.attempts)
        if job.attempts < registry.max_attempts(job.kind):
            if this_run.update(status=Status.QUEUED, stage="Waiting to start again", queued_at=now):
                logger.warning("Job %s (%s) stuck in progress: queued again", job.public_id, job.kind)
                _task_stopped(job, now)
                _enqueue(job)
                counts["requeued"] += 1
        else:
            reason = STOPPED.format(minutes=int(limit.total_seconds() // 60), ref=str(job.public_id)[:8])
            if _finish_failed(this_run, reason):
                logger.warning("Job %s (%s) stuck in progress: failed", job.public_id, job.kind)
                _task_stopped(job, now)
                counts["failed"] += 1
    return counts


def _task_stopped(job: Job, now) -> None:
    """Its queue row, left "running" by the worker that stopped, is marked failed for the operators."""
    from django_tasks_db.models import DBTaskResult

    if not job.task_id:
        return
    try:
        DBTaskResult.objects.filter(id=job.task_id, status="RUNNING").update(
            status="FAILED", finished_at=now, traceback="Stopped: past the job kind's time limit"
        )
    except Exception:  # noqa: BLE001 - a task id from another backend (not a UUID): nothing to mark
        logger.debug("No queue row for task %s", job.task_id)


def waiting_notice(job: Job, now=None) -> str:
    """For a job no worker has picked up within WORKER_WAIT: why not, in plain words. If other jobs
    are running within their time limits a worker is alive and busy; otherwise none is running."""
    now = now or timezone.now()
    if job.status != Status.QUEUED or (job.queued_at or job.created_at) > now - WORKER_WAIT:
        return ""
    running = Job.objects.filter(status=Status.RUNNING).exclude(pk=job.pk).values_list("kind", "started_at")
    if any(started and started > now - registry.time_limit(kind) for kind, started in running):
        return BEHIND_OTHERS
    return NO_WORKER


def prune(now=None) -> dict:
    """Delete finished jobs, their finished queue rows and old scheduled-run claims."""
    from datetime import timedelta

    from django.conf import settings
    from django_tasks_db.models import DBTaskResult

    cutoff = (now or timezone.now()) - timedelta(days=getattr(settings, "JOB_KEEP_DAYS", 30))
    jobs, _ = Job.objects.filter(status__in=FINISHED, finished_at__lt=cutoff).delete()
    tasks, _ = DBTaskResult.objects.finished().filter(finished_at__lt=cutoff).delete()
    ScheduledRun.objects.filter(claimed_at__lt=cutoff - timedelta(days=60)).delete()
    return {"jobs": jobs, "tasks": tasks}
