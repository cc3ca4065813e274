"""`manage.py run_worker`: the django-tasks-db worker (db_worker, same options), plus a scheduler
thread that once a minute claims and enqueues the scheduled tasks that are due (jobs.schedule).
Run one or more of these beside the web servers; they share the queue in the database."""

import logging
import threading

from django.db import connection
from django_tasks_db.management.commands import db_worker

from jobs import schedule

logger = logging.getLogger("opensend.jobs.schedule")


def _schedule_loop(worker_id: str, every: float, stop: threading.Event) -> None:
    while not stop.is_set():
        try:
            started = schedule.enqueue_due(worker=worker_id)
            if started:
                logger.info("Enqueued scheduled tasks: %s", ", ".join(started))
        except Exception:
            logger.exception("Could not enqueue the scheduled tasks; trying again shortly")
        finally:
            connection.close()
        stop.wait(every)


class Command(db_worker.Command):
    help = "Run background jobs and scheduled tasks (django-tasks-db worker with a scheduler)."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--no-schedule", action="store_true", help="Run jobs only, no scheduled tasks")
        parser.add_argument("--schedule-every", type=float, default=60.0, help="Seconds between checks")
        parser.set_defaults(reload=False)

    def handle(self, *args, no_schedule=False, schedule_every=60.0, **options):
        if not no_schedule:
            stop = threading.Event()
            thread = threading.Thread(
                target=_schedule_loop,
                args=(options["worker_id"], schedule_every, stop),
                name="opensend-scheduler",
                daemon=True,
            )
            thread.start()
        super().handle(*args, **options)
