"""Health and readiness endpoints for the load balancer and the process supervisor
(django-health-check). Both are open (no sign-in) and say nothing about anyone's records.

- /health/ is liveness: the web process answers. A supervisor restarts a process that does not.
- /ready/ is readiness: the database answers, uploaded documents can be written and read
  back, and the job queue answers. A load balancer sends no traffic to a process that is not ready.
- /health/worker/ is for monitoring the background workers: it fails when a job has waited too long
  to start (no worker running). Not a readiness check: pages still work without workers.
"""

from django.urls import path
from health_check.views import HealthCheckView

LIVENESS_CHECKS: tuple = ()
READINESS_CHECKS = ("health_check.checks.Database", "health_check.checks.Storage", "jobs.health.JobQueue")
WORKER_CHECKS = ("jobs.health.JobWorkers",)

urlpatterns = [
    path("health/", HealthCheckView.as_view(checks=LIVENESS_CHECKS), name="health"),
    path("ready/", HealthCheckView.as_view(checks=READINESS_CHECKS), name="ready"),
    path("health/worker/", HealthCheckView.as_view(checks=WORKER_CHECKS), name="health_worker"),
]
