"""Settings for the test suite: production settings, served over plain HTTP on localhost."""

import os

os.environ.setdefault("SECRET_KEY", "tests-only-not-a-secret-" + "x" * 40)
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("SECURE_COOKIES", "0")
os.environ.setdefault("CONN_MAX_AGE", "0")  # the test client's requests share the test's connection
os.environ.setdefault("LOG_FORMAT", "plain")  # readable failures; core/tests/test_logs.py checks JSON
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
# Every test client comes from one address: the API's per-address throttle would otherwise trip across
# tests (api/tests/test_throttles.py sets low rates to test it).
os.environ.setdefault("API_RATE_PER_ADDRESS", "100000/minute")

from opensend.settings import *  # noqa: E402,F403

STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
# Serve static files straight from the finders (no collectstatic needed before the tests).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405
# Jobs run at once, in the request, unless a test starts a real worker (e2e/test_background_jobs.py).
# (TASKS_BACKEND names another: the browser tests' worker process reads the database queue.)
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"),
        "QUEUES": ["default"],
    }
}
