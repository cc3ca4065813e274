"""Health and readiness endpoints for the load balancer and the process supervisor
(django-health-check). Both are open (no sign-in) and say nothing about anyone's records.

- /health/ is liveness: the web process answers. A supervisor restarts a process that does not.
- /ready/ is readiness: the database answers and uploaded documents can be written and read
  back. A load balancer sends no traffic to a process that is not ready.
"""

from django.urls import path
from health_check.views import HealthCheckView

LIVENESS_CHECKS: tuple = ()
READINESS_CHECKS = ("health_check.checks.Database", "health_check.checks.Storage")

urlpatterns = [
    path("health/", HealthCheckView.as_view(checks=LIVENESS_CHECKS), name="health"),
    path("ready/", HealthCheckView.as_view(checks=READINESS_CHECKS), name="ready"),
]
