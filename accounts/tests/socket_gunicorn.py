"""gunicorn on a unix socket, as deploy/DEPLOYMENT.md runs it behind nginx, and raw HTTP to it.

nginx speaks plain HTTP/1.1 over the socket and adds `X-Forwarded-For: <client address>` (after any
X-Forwarded-For the client sent); `SocketClient` does the same, one client address per instance.
The app reads the test database: the PostgreSQL test database itself, or on SQLite a file copy of
the in-memory test database (so the test must commit its data: use `transactional_db`).
"""

import http.client
import os
import re
import socket
import sqlite3
import subprocess
import sys
import time
from contextlib import contextmanager
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

from django.db import connection

from core.tests.live_gunicorn import database_url as postgres_url

ROOT = Path(__file__).resolve().parents[2]


class _UnixConnection(http.client.HTTPConnection):
    def __init__(self, path):
        super().__init__("localhost", timeout=60)
        self.socket_path = path

    def connect(self):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(60)
        self.sock.connect(self.socket_path)


def request(path, method, url, headers=None, body=None):
    conn = _UnixConnection(str(path))
    try:
        conn.request(method, url, body=body, headers={"Host": "localhost", **(headers or {})})
        response = conn.getresponse()
        return response.status, response.getheaders(), response.read().decode()
    finally:
        conn.close()


class SocketClient:
    """One browser at one address, talking to the app through what nginx would send."""

    def __init__(self, socket_path, address, forged_forwarded_for=""):
        self.socket_path = socket_path
        # nginx's $proxy_add_x_forwarded_for: whatever the client sent, then its real address.
        self.forwarded_for = f"{forged_forwarded_for}, {address}" if forged_forwarded_for else address
        self.cookies = {}

    def _send(self, method, url, form=None):
        headers = {"X-Forwarded-For": self.forwarded_for}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        status, response_headers, text = request(self.socket_path, method, url, headers, body)
        for name, value in response_headers:
            if name.lower() == "set-cookie":
                for key, morsel in SimpleCookie(value).items():
                    self.cookies[key] = morsel.value
        return status, dict(response_headers), text

    def get(self, url):
        return self._send("GET", url)

    def post_form(self, url, form):
        """Open the form's page first, for the CSRF cookie and token, then send it."""
        _status, _headers, page = self.get(url)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        return self._send("POST", url, {"csrfmiddlewaretoken": token, **form})


def _sqlite_copy(folder) -> str:
    """Copy the (in-memory) SQLite test database to a file the server can open."""
    connection.ensure_connection()
    path = Path(folder) / "app.sqlite3"
    target = sqlite3.connect(path)
    with target:
        connection.connection.backup(target)
    target.close()
    return str(path)


@contextmanager
def gunicorn_on_socket(folder, *, proxy_count=1, workers=2):
    """Serve the app on `folder`/web.sock; yields (socket path, sqlite file or None)."""
    folder = Path(folder)
    sqlite_file = _sqlite_copy(folder) if connection.vendor == "sqlite" else None
    socket_path = folder / "web.sock"
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "opensend.test_settings",
        "DATABASE_URL": f"sqlite:///{sqlite_file}" if sqlite_file else postgres_url(),
        "PROXY_COUNT": str(proxy_count),
        "CONN_MAX_AGE": "0",
        "MEDIA_ROOT": str(folder / "documents"),
        "AXES_ENABLED": "1",
        "EMAIL_URL": "dummymail://",
    }
    command = [
        sys.executable, "-m", "gunicorn", "opensend.wsgi", "--bind", f"unix:{socket_path}",
        "--workers", str(workers), "--log-level", "warning",
    ]  # fmt: skip
    server = subprocess.Popen(command, cwd=ROOT, env=env)  # noqa: S603 - our own fixed command
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                if request(socket_path, "GET", "/accessibility/")[0] == 200:
                    break
            except OSError:
                pass
            assert server.poll() is None, "gunicorn did not start"
            assert time.monotonic() < deadline, "gunicorn did not answer within 90 s"
            time.sleep(0.3)
        yield socket_path, sqlite_file
    finally:
        server.terminate()
        server.wait(timeout=30)
