"""Scheduled tasks: the nightly KPI snapshot and the daily reminders, run by the worker.

Each worker process (`manage.py run_worker`) checks once a minute which tasks are due today and
enqueues them. Before enqueuing, it claims the task's period (a ScheduledRun row, unique on name
and day) in the same transaction as the enqueue: with two workers, or two machines, the second
claim fails on the unique constraint and that worker does nothing, so each task runs once a day.
The worker then runs it (jobs.running.run_scheduled).

Declare one in the app's jobs.py (jobs.registry keeps them; `scheduled_task` is here too):

    @scheduled_task("casework.send_reminders", after=time(7, 0))
    def send_reminders(day):
        return str(reminders.send_reminders(day))   # a one-line summary, kept on the ScheduledRun
"""

from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from jobs.db import retrying
from jobs.models import ScheduledRun
from jobs.registry import SCHEDULE, ScheduledTask, scheduled_task
from jobs.tasks import run_scheduled

__all__ = ["SCHEDULE", "ScheduledTask", "claim", "due", "enqueue_due", "scheduled_task"]

# SQLite lets one writer in at a time; a worker that finds the other one writing waits and retries
# (jobs.db.retrying; a dropped connection is reopened the same way).
LOCK_RETRIES = 40


def _retrying(work):
    return retrying(work, attempts=LOCK_RETRIES)


def _claim(name: str, period: str, worker: str) -> bool:
    try:
        with transaction.atomic():
            ScheduledRun.objects.create(name=name, period=period, claimed_by=worker[:100])
    except IntegrityError:
        return False
    return True


def claim(name: str, period: str, worker: str = "") -> bool:
    """True for the one caller that claims this task's period; False for everyone after it."""
    return _retrying(lambda: _claim(name, period, worker))


def _claim_and_enqueue(name: str, period: str, worker: str) -> bool:
    with transaction.atomic():
        if not _claim(name, period, worker):
            return False
        run_scheduled.enqueue(name, period)
        return True


def due(now: datetime | None = None) -> list[tuple[str, str]]:
    local = timezone.localtime(now or timezone.now())
    period = local.date().isoformat()
    wanted = [(t.name, period) for t in SCHEDULE.values() if local.time() >= t.after]
    claimed = set(
        ScheduledRun.objects.filter(period=period, name__in=[n for n, _ in wanted]).values_list(
            "name", flat=True
        )
    )
    return [(name, p) for name, p in wanted if name not in claimed]


def enqueue_due(now: datetime | None = None, worker: str = "") -> list[str]:
    """Claim and enqueue every task due now and not yet claimed for today; returns their names."""
    started = []
    for name, period in _retrying(lambda: due(now)):
        if _retrying(lambda n=name, p=period: _claim_and_enqueue(n, p, worker)):
            started.append(name)
    return started
