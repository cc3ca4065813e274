"""What the worker can run, each declared once in its app's jobs.py: the kinds of job people start,
and the scheduled tasks.

    from jobs.registry import job_kind

    @job_kind("people.import_children", title="Import children's records")
    def import_children(job, progress):
        progress(0, len(rows), "Checking rows")
        ...
        return Outcome(url=..., label="See the children", result={...})

`run(job, progress)` does the work; it may raise jobs.services.JobFailed("plain reason") to end
the job with a reason its owner can act on.

`time_limit` is how long one run of the kind may take. A job still "in progress" after it has
stopped (its worker was killed, say) is found by the worker's housekeeping
(jobs.services.recover_stuck): started again while it has had fewer than `max_attempts` runs, then
failed with a reason. Give a kind a limit well over its longest honest run at the largest area.

A scheduled task runs once a day from a local time (claimed and enqueued by jobs.schedule):

    @scheduled_task("casework.send_reminders", after=time(7, 0))
    def send_reminders(day):
        return str(reminders.send_reminders(day))   # a one-line summary, kept on the ScheduledRun
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, time, timedelta

DEFAULT_TIME_LIMIT = timedelta(minutes=30)
DEFAULT_MAX_ATTEMPTS = 2


@dataclass(frozen=True)
class JobKind:
    name: str
    title: str
    run: Callable
    # Shown on the job page under the progress bar once the job has succeeded (gets `job`).
    result_template: str = ""
    time_limit: timedelta = DEFAULT_TIME_LIMIT
    max_attempts: int = DEFAULT_MAX_ATTEMPTS  # runs, counting the first, before a stuck job fails


KINDS: dict[str, JobKind] = {}


def job_kind(
    name: str,
    *,
    title: str,
    result_template: str = "",
    time_limit: timedelta = DEFAULT_TIME_LIMIT,
    max_attempts: int = DEFAULT_MAX_ATTEMPTS,
):
    def register(run):
        KINDS[name] = JobKind(
            name=name,
            title=title,
            run=run,
            result_template=result_template,
            time_limit=time_limit,
            max_attempts=max_attempts,
        )
        return run

    return register


def get(name: str) -> JobKind:
    try:
        return KINDS[name]
    except KeyError:
        raise LookupError(f"No job kind {name!r}: declare it with @job_kind in the app's jobs.py") from None


def time_limit(name: str) -> timedelta:
    """The kind's limit; a kind no longer declared (its code removed) gets the default."""
    kind = KINDS.get(name)
    return kind.time_limit if kind else DEFAULT_TIME_LIMIT


def max_attempts(name: str) -> int:
    kind = KINDS.get(name)
    return kind.max_attempts if kind else DEFAULT_MAX_ATTEMPTS


@dataclass(frozen=True)
class ScheduledTask:
    name: str
    run: Callable[[date], str]
    after: time  # local time of day from which it is due


SCHEDULE: dict[str, ScheduledTask] = {}


def scheduled_task(name: str, *, after: time):
    def register(run):
        SCHEDULE[name] = ScheduledTask(name=name, run=run, after=after)
        return run

    return register
