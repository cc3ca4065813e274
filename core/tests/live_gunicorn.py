"""A real gunicorn serving the app against the test database, for fault and load-like tests.

It keeps database connections between requests (CONN_MAX_AGE) with health checks, as production
does, so a database restart is met the way it would be in production."""

import os
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import requests
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def database_url() -> str:
    db = connection.settings_dict
    return (
        f"postgres://{quote(db['USER'])}:{quote(db['PASSWORD'])}@{db['HOST']}:{db['PORT']}/{quote(db['NAME'])}"
    )


@contextmanager
def gunicorn(media_root, workers=2, threads=4):
    port = _free_port()
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "opensend.test_settings",
        "DATABASE_URL": database_url(),
        "CONN_MAX_AGE": "60",
        "MEDIA_ROOT": str(media_root),
        "AXES_ENABLED": "0",
        "EMAIL_URL": "dummymail://",
    }
    command = [
        sys.executable, "-m", "gunicorn", "opensend.wsgi", "--bind", f"127.0.0.1:{port}",
        "--workers", str(workers), "--threads", str(threads), "--worker-class", "gthread",
        "--log-level", "warning",
    ]  # fmt: skip
    server = subprocess.Popen(command, cwd=ROOT, env=env)  # noqa: S603 - our own fixed command
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if requests.get(base + "/accessibility/", timeout=30).status_code == 200:
                    break
            except requests.RequestException:
                pass
            assert server.poll() is None, "gunicorn did not start"
            assert time.monotonic() < deadline, "gunicorn did not answer within 60 s"
            time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)
