"""The worker's sign of life on the jobs it is running: a thread beside the job writes the time on
the Job row every JOB_HEARTBEAT_SECONDS. A worker killed mid-job (SIGKILL, the machine stopped)
stops writing, and the next worker's housekeeping finds the job's heartbeat stale and queues it
again or fails it with a reason (jobs.services.recover_stuck), instead of leaving it "in progress"
until its kind's time limit, possibly hours later."""

import logging
import threading
from contextlib import contextmanager

from django.conf import settings
from django.db import connection
from django.utils import timezone

logger = logging.getLogger("opensend.jobs")
# The jobs this process is running now (Job pks). Its own housekeeping never takes them for lost,
# even when a long write (an import's transaction on SQLite) held up their heartbeat.
RUNNING_HERE: set[int] = set()


def _beat(this_run, every: float, stop: threading.Event) -> None:
    try:
        while not stop.wait(every):
            try:
                if not this_run.update(heartbeat_at=timezone.now()):
                    return  # the run has ended or been taken over: nothing more to say
            except Exception:  # noqa: BLE001 - a busy or dropped database: try at the next beat
                logger.warning("Job heartbeat not written; trying again", exc_info=True)
                connection.close()
    finally:
        connection.close()  # this thread's own connection


@contextmanager
def beating(this_run):
    """While the block runs, keep writing `this_run`'s heartbeat (a queryset of the one Job row
    under this run's claim). Inside a transaction (tests with the immediate backend) another
    connection could not see the row, and nothing would be stale anyway: no thread then."""
    every = settings.JOB_HEARTBEAT_SECONDS
    if every <= 0 or connection.in_atomic_block:
        yield
        return
    pks = set(this_run.values_list("pk", flat=True))
    RUNNING_HERE.update(pks)
    stop = threading.Event()
    thread = threading.Thread(
        target=_beat, args=(this_run, every, stop), name="opensend-job-heartbeat", daemon=True
    )
    thread.start()
    try:
        yield
    finally:
        RUNNING_HERE.difference_update(pks)
        stop.set()
        thread.join(timeout=every + 5)
