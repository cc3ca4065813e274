"""Running one job or scheduled task: the worker's half of the job service (jobs.services starts
jobs, jobs.schedule enqueues the scheduled tasks that are due).

The worker's task (jobs.tasks.run_job) calls `execute`, which claims the queued Job, runs its
kind's function with a `progress(done, total, stage)` callback that writes to the Job row (so the
owner's browser can follow it), and records how it ended. A job that raises JobFailed ends with that
reason; any other error ends with a general one (the details go to the log, never to the page) and
can be retried.

Each run of a job holds a claim: the Job row moved from queued to running, with `attempts` counting
the runs. Only the run holding the latest claim may record progress or an ending, so a job restarted
after it got stuck (jobs.services.recover_stuck) never finishes twice, even if its first run was
only slow.
"""

import logging
import time
from dataclasses import dataclass
from datetime import date

from django.db.models import F
from django.utils import timezone

from jobs import heartbeat, registry
from jobs.db import is_locked, retrying
from jobs.models import FINISHED, Job, ScheduledRun, Status

logger = logging.getLogger("opensend.jobs")
schedule_logger = logging.getLogger("opensend.jobs.schedule")

GENERAL_FAILURE = (
    "Something went wrong and the job stopped before it finished. Nothing was changed. Try again; "
    "if it fails again, tell the service desk the job reference {ref}."
)
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
        ended = finish_failed(this_run, str(failure), result=failure.result, can_retry=failure.can_retry)
        return Status.FAILED if ended else "superseded"
    except Exception:
        logger.exception("Job %s (%s) failed", job.public_id, job.kind)
        finish_failed(this_run, GENERAL_FAILURE.format(ref=str(job.public_id)[:8]))
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


def finish_failed(this_run, reason: str, *, result=None, can_retry=True) -> int:
    """End the run under this claim (`this_run`, a queryset of its one Job row) as failed with
    `reason`; 0 when the claim was taken over meanwhile."""
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


def run_scheduled(name: str, period: str) -> str:
    """Run the scheduled task for its period (a day) and keep its one-line summary on its claim."""
    summary = str(registry.SCHEDULE[name].run(date.fromisoformat(period)))[:300]
    ScheduledRun.objects.filter(name=name, period=period).update(finished_at=timezone.now(), outcome=summary)
    schedule_logger.info("%s %s: %s", name, period, summary)
    return summary
