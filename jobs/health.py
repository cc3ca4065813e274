"""django-health-check checks of the job queue (used by core/health.py).

- JobQueue (readiness): the queue the web process writes jobs to answers.
- JobWorkers (/health/worker/, for monitoring the workers): no job has waited to start longer than
  JOB_QUEUE_MAX_WAIT_MINUTES, which would mean no worker is taking jobs.
"""

import dataclasses
from datetime import timedelta

from django.conf import settings
from django.db import DatabaseError
from django.utils import timezone
from django_tasks import task_backends
from django_tasks_db.models import DBTaskResult
from health_check.base import HealthCheck
from health_check.exceptions import ServiceUnavailable


def _ready_tasks():
    return DBTaskResult.objects.ready()


@dataclasses.dataclass
class JobQueue(HealthCheck):
    def run(self):
        if not type(task_backends["default"]).__name__.endswith(("DatabaseBackend", "ImmediateBackend")):
            raise ServiceUnavailable("The job queue backend is not one OpenSEND runs with")
        try:
            _ready_tasks().exists()
        except DatabaseError as error:
            raise ServiceUnavailable("The job queue cannot be read") from error


@dataclasses.dataclass
class JobWorkers(HealthCheck):
    def run(self):
        wait = timedelta(minutes=getattr(settings, "JOB_QUEUE_MAX_WAIT_MINUTES", 15))
        try:
            stuck = _ready_tasks().filter(enqueued_at__lt=timezone.now() - wait).count()
        except DatabaseError as error:
            raise ServiceUnavailable("The job queue cannot be read") from error
        if stuck:
            raise ServiceUnavailable(
                f"{stuck} job(s) waiting over {wait.seconds // 60} minutes: is a worker running?"
            )
