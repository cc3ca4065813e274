"""Starting, retrying and restarting jobs (see README, "Background jobs"); running one is the
worker's half, jobs.running.

A page calls `start(kind, owner, ...)`, which saves a Job and enqueues the django-tasks task that
runs it (jobs.tasks.run_job), and sends its visitor to the job's page (`job_url(job)`). The worker
runs it (jobs.running.execute): see there for progress, endings and the run's claim. The worker's
housekeeping restarts or fails jobs left "in progress" by a worker that stopped (`recover_stuck`)
and deletes old ones (`prune`).

The apps' job kinds import JobFailed and Outcome from here, and their tests run a queued job with
`execute` as the worker would: those names are the running half's, kept here as the jobs app's one
public face.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from jobs import heartbeat, registry
from jobs.models import FINISHED, Job, ScheduledRun, Status
from jobs.running import JobFailed, Outcome, Progress, execute, finish_failed
from jobs.tasks import run_job

__all__ = [
    "UNFINISHED",
    "JobFailed",
    "Outcome",
    "Progress",
    "execute",
    "job_url",
    "latest",
    "next_url",
    "prune",
    "recover_stuck",
    "retry",
    "start",
    "start_once",
]

UNFINISHED = (Status.QUEUED, Status.RUNNING)

logger = logging.getLogger("opensend.jobs")

STOPPED = (
    "The job stopped before it finished: the background worker was stopped, or the job ran longer "
    "than {minutes} minutes. Try again; if it stops again, tell the service desk the job reference {ref}."
)


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
            if finish_failed(this_run, reason):
                logger.warning("Job %s (%s) stuck in progress: failed", job.public_id, job.kind)
                _task_stopped(job, now)
                counts["failed"] += 1
    return counts


def _task_stopped(job: Job, now) -> None:
    """Its queue row, left "running" by the worker that stopped, is marked failed for the operators."""
    if not job.task_id:
        return
    try:
        DBTaskResult.objects.filter(id=job.task_id, status="RUNNING").update(
            status="FAILED", finished_at=now, traceback="Stopped: past the job kind's time limit"
        )
    except Exception:  # noqa: BLE001 - a task id from another backend (not a UUID): nothing to mark
        logger.debug("No queue row for task %s", job.task_id)


def prune(now=None) -> dict:
    """Delete finished jobs, their finished queue rows and old scheduled-run claims."""
    cutoff = (now or timezone.now()) - timedelta(days=getattr(settings, "JOB_KEEP_DAYS", 30))
    jobs, _ = Job.objects.filter(status__in=FINISHED, finished_at__lt=cutoff).delete()
    tasks, _ = DBTaskResult.objects.finished().filter(finished_at__lt=cutoff).delete()
    ScheduledRun.objects.filter(claimed_at__lt=cutoff - timedelta(days=60)).delete()
    return {"jobs": jobs, "tasks": tasks}
