"""Riding out a busy or dropped database in the worker: SQLite lets one writer in at a time ("database
is locked" when another holds it past the busy timeout) and PostgreSQL connections drop on a restart
or a network blip. Both pass; neither should stop a job or the worker. `retrying(work)` runs `work()`
again after a short, growing pause when that is what went wrong, and re-raises anything else."""

import logging
import time

from django.db import InterfaceError, OperationalError, connection
from django_tasks_db.utils import is_locked_database_exception

logger = logging.getLogger("opensend.jobs")

ATTEMPTS = 8
FIRST_PAUSE = 0.05  # seconds; doubled on each attempt, up to MAX_PAUSE
MAX_PAUSE = 2.0


def is_locked(error: Exception) -> bool:
    return isinstance(error, OperationalError) and is_locked_database_exception(error)


def is_lost_connection(error: Exception) -> bool:
    """An OperationalError or InterfaceError after which the connection no longer answers."""
    if not isinstance(error, OperationalError | InterfaceError) or is_locked(error):
        return False
    try:
        return connection.connection is None or not connection.is_usable()
    except Exception:  # noqa: BLE001 - asking the connection failed too: it is gone
        return True


def is_transient(error: Exception) -> bool:
    return is_locked(error) or is_lost_connection(error)


def recover(error: Exception) -> None:
    """Make the next query start afresh: a lost connection is closed, so Django opens a new one."""
    if is_lost_connection(error):
        connection.close()


def pause(attempt: int) -> float:
    return min(MAX_PAUSE, FIRST_PAUSE * 2**attempt)


def retrying(work, *, attempts: int = ATTEMPTS, sleep=time.sleep):
    """work() again on a locked database or a lost connection, with a growing pause between tries.
    Inside a transaction a retry cannot help (the transaction is broken), so the error goes up to
    the code that opened it."""
    for attempt in range(attempts):
        try:
            return work()
        except (OperationalError, InterfaceError) as error:
            if attempt == attempts - 1 or connection.in_atomic_block or not is_transient(error):
                raise
            logger.warning("Database busy or disconnected (%s); trying again", type(error).__name__)
            recover(error)
            sleep(pause(attempt))
