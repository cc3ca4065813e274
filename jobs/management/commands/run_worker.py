"""`manage.py run_worker`: the django-tasks-db worker (db_worker, same options), plus a housekeeping
thread that once a minute restarts or fails jobs stuck "in progress" (jobs.services.recover_stuck)
and claims and enqueues the scheduled tasks that are due (jobs.schedule). Run one or more of these
beside the web servers; they share the queue in the database.

The worker rides out a locked SQLite file or a dropped database connection (it waits, with a
growing pause, and carries on) instead of exiting. `--supervise` runs the worker as a child process
and starts it again whenever it exits (as `make run` does); in production systemd does that."""

import logging
import os
import signal
import subprocess  # nosec B404 - runs this same command again, never anything from input
import sys
import threading
import time

from django.db import InterfaceError, OperationalError, close_old_connections, connection
from django_tasks_db.management.commands import db_worker

from jobs import db, schedule, services

logger = logging.getLogger("opensend.jobs.worker")
# Pauses (seconds) before starting a worker again, and after a database error in the worker loop.
RESTART_PAUSE = 2.0
MAX_LOOP_PAUSE = 30.0


def housekeeping_once(worker_id: str, *, with_schedule: bool) -> None:
    try:
        counts = services.recover_stuck()
        if any(counts.values()):
            logger.warning("Stuck jobs: %(requeued)s queued again, %(failed)s failed", counts)
        if with_schedule:
            started = schedule.enqueue_due(worker=worker_id)
            if started:
                logger.info("Enqueued scheduled tasks: %s", ", ".join(started))
    except Exception:
        logger.exception("Housekeeping failed; trying again shortly")
    finally:
        if not connection.in_atomic_block:  # (a test's transaction is left alone)
            connection.close()


def _housekeeping_loop(worker_id: str, every: float, with_schedule: bool, stop: threading.Event) -> None:
    while not stop.is_set():
        housekeeping_once(worker_id, with_schedule=with_schedule)
        stop.wait(every)


class SturdyWorker(db_worker.Worker):
    """db_worker's loop, started again after a locked database or a lost connection: a pause that
    grows while the errors keep coming (reset after a quiet minute), then back to claiming tasks."""

    sleep = staticmethod(time.sleep)

    def run(self) -> None:
        failures, last_failure = 0, 0.0
        while True:
            try:
                return super().run()
            except (OperationalError, InterfaceError) as error:
                if not self.running or not db.is_transient(error):
                    raise
                if time.monotonic() - last_failure > 60:
                    failures = 0
                failures, last_failure = failures + 1, time.monotonic()
                pause = min(MAX_LOOP_PAUSE, 0.5 * 2 ** (failures - 1))
                logger.warning("Worker: database busy or disconnected; carrying on in %.1f s", pause)
                connection.close()  # a fresh connection, out of any half-begun transaction
                self.startup_delay = False
                self.sleep(pause)
                close_old_connections()

    def run_task(self, db_task_result) -> None:
        # Recording a task's ending is retried like any other write (db_worker tries three times).
        original_successful, original_failed = db_task_result.set_successful, db_task_result.set_failed
        db_task_result.set_successful = lambda value: db.retrying(lambda: original_successful(value))
        db_task_result.set_failed = lambda exc: db.retrying(lambda: original_failed(exc))
        super().run_task(db_task_result)


def supervise_worker(argv: list[str], *, spawn=subprocess.Popen, sleep=time.sleep, should_stop=None) -> int:
    """Run `argv` (the worker) and start it again each time it exits, until told to stop."""
    stopping = threading.Event()
    child = None

    def stop(signum, frame):
        stopping.set()
        if child is not None and child.poll() is None:
            child.send_signal(signum)

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
    while not stopping.is_set() and not (should_stop and should_stop()):
        child = spawn(argv)
        code = child.wait()
        if stopping.is_set():
            return code
        logger.warning("The worker exited (code %s); starting it again in %.0f s", code, RESTART_PAUSE)
        sleep(RESTART_PAUSE)
    return 0


class Command(db_worker.Command):
    help = "Run background jobs and scheduled tasks (django-tasks-db worker with housekeeping)."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--no-schedule", action="store_true", help="Run jobs only, no scheduled tasks")
        parser.add_argument("--schedule-every", type=float, default=60.0, help="Seconds between checks")
        parser.add_argument("--supervise", action="store_true", help="Start the worker again if it exits")
        parser.set_defaults(reload=False)

    def handle(self, *args, no_schedule=False, schedule_every=60.0, supervise=False, **options):
        if supervise:
            self.configure_logging(options["verbosity"])
            argv = [
                sys.executable,
                os.path.abspath(sys.argv[0]),
                *[a for a in sys.argv[1:] if a != "--supervise"],
            ]
            sys.exit(supervise_worker(argv))
        if options["batch"]:  # run what there is, then stop: housekeeping once, first, in this thread
            housekeeping_once(options["worker_id"], with_schedule=not no_schedule)
            return self.run_worker(**options)
        stop = threading.Event()
        threading.Thread(
            target=_housekeeping_loop,
            args=(options["worker_id"], schedule_every, not no_schedule, stop),
            name="opensend-housekeeping",
            daemon=True,
        ).start()
        self.run_worker(**options)

    def run_worker(
        self,
        *,
        verbosity,
        queue_name,
        interval,
        batch,
        backend_name,
        startup_delay,
        reload,
        max_tasks,
        worker_id,
        exclude_queues,
        **options,
    ):
        """db_worker.Command.handle, with the SturdyWorker (reload is not offered: use --supervise)."""
        self.configure_logging(verbosity)
        queue_names = queue_name.split(",")
        excluded = exclude_queues.split(",") if exclude_queues else []
        if excluded and "*" not in queue_names:
            raise db_worker.CommandError("--exclude-queues can only be used with --queue-name=*")
        worker = SturdyWorker(
            queue_names=queue_names,
            interval=interval,
            batch=batch,
            backend_name=backend_name,
            startup_delay=startup_delay,
            max_tasks=max_tasks,
            worker_id=worker_id,
            excluded_queue_names=excluded,
        )
        worker.configure_signals()
        worker.run()
