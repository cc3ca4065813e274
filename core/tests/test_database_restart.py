"""Faults: PostgreSQL restarts while families send assessment requests and messages through the real
app (gunicorn, persistent connections with health checks). Every submission either succeeds or gets
the "try again" page; sending again after that page never sends twice, and nothing is lost.

PostgreSQL only (marker `postgres`; `make test-sqlite` deselects it): it restarts the throwaway
cluster that scripts/with-postgres.sh started and exported."""

import os
import re
import subprocess
import threading
import time
import uuid

import pytest
import requests
from django.conf import settings
from django.db import connection
from django.test import Client

from accounts.roles import Role
from casework.models import AssessmentCase
from messaging.models import Message
from people.models import ChildRelationship
from people.tests.factories import ChildFactory, ParentCarerFactory, UserFactory
from portal.tests.url_matrix_requests import answered_draft

from .live_gunicorn import gunicorn

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
FAMILIES = 6
FIELD = re.compile(r'name="(csrfmiddlewaretoken|form_token)" value="([^"]*)"')


def restart_postgres():
    ctl, data, log = (os.environ[f"OPENSEND_PG_{name}"] for name in ("CTL", "DATA", "LOG"))
    command = [ctl, "-D", data, "-l", log, "-m", "fast", "-w", "restart"]
    if os.environ.get("OPENSEND_PG_OWNER"):
        command = ["su", os.environ["OPENSEND_PG_OWNER"], "-s", "/bin/sh", "-c", " ".join(command)]
    subprocess.run(command, check=True, capture_output=True, timeout=60)  # noqa: S603 - fixed command


class Family(threading.Thread):
    """One family: sends its assessment request when the restart begins, and messages meanwhile."""

    def __init__(self, base, user, child, draft, restarting, stop):
        super().__init__()
        self.base, self.child, self.draft = base, child, draft
        self.restarting, self.stop = restarting, stop
        client = Client()
        client.force_login(user)
        self.http = requests.Session()
        cookie = settings.SESSION_COOKIE_NAME
        self.http.cookies.set(cookie, client.cookies[cookie].value)
        self.sent_messages, self.request_sent = [], False
        self.answers, self.problems = [], []

    def answer(self, method, url, data=None):
        """The response, sending again (as the page asks) for as long as the service says "try again"."""
        for _ in range(200):
            response = self.http.request(
                method, self.base + url, data=data, allow_redirects=False, timeout=30
            )
            self.answers.append(response.status_code)
            if response.status_code != 503:
                return response
            if "try again" not in response.text:
                self.problems.append(f"503 without 'try again' for {url}")
            time.sleep(0.05)
        raise AssertionError(f"{url} still unavailable after 200 tries")

    def submit(self, url, fields):
        page = self.answer("GET", url)
        if page.status_code != 200:
            self.problems.append(f"GET {url}: {page.status_code} {page.headers.get('Location')}")
        form = dict(FIELD.findall(page.text))
        response = self.answer("POST", url, form | fields)
        if response.status_code != 302:
            title = re.search(r"<title>(.*?)</title>", response.text, re.S)
            self.problems.append(f"POST {url}: {response.status_code} {title and title[1].strip()}")
        return response.status_code == 302

    def run(self):
        try:
            thread = f"/messages/child/{self.child.public_id}/"
            check = f"/portal/request-an-assessment/{self.draft.public_id}/check/"
            while not self.stop.is_set():
                if self.restarting.is_set() and not self.request_sent:
                    self.request_sent = self.submit(check, {"declaration": "on"})
                body = f"Message {len(self.sent_messages) + 1} {uuid.uuid4()}"
                if self.submit(thread, {"body": body}):
                    self.sent_messages.append(body)
            if not self.request_sent:  # a slow machine: the restart was over before its turn came
                self.request_sent = self.submit(check, {"declaration": "on"})
        except Exception as error:  # noqa: BLE001 - reported as the test's failure below
            self.problems.append(repr(error))


def make_family(number):
    user = UserFactory(username=f"family{number}", role=Role.PARENT)
    child = ChildFactory()
    ChildRelationship.objects.create(
        child=child, parent_carer=ParentCarerFactory(user=user), relationship="mother"
    )
    return user, child, answered_draft(user, child)


def test_a_restart_loses_and_doubles_nothing(tmp_path):
    families = [make_family(n) for n in range(FAMILIES)]
    restarting, stop = threading.Event(), threading.Event()
    with gunicorn(tmp_path / "documents") as base:
        threads = [Family(base, *family, restarting, stop) for family in families]
        for thread in threads:
            thread.start()
        time.sleep(2)
        restarting.set()
        restart_postgres()
        time.sleep(2)
        stop.set()
        for thread in threads:
            thread.join(timeout=120)
    connection.close()  # this process's connection went with the restart too

    assert [t.problems for t in threads] == [[]] * FAMILIES
    answers = [code for t in threads for code in t.answers]
    assert 503 in answers, "the restart never reached a request: nothing was tested"
    assert set(answers) <= {200, 302, 503}
    for thread in threads:
        assert thread.request_sent
        assert AssessmentCase.objects.filter(child=thread.child).count() == 1
        stored = Message.objects.filter(conversation__child=thread.child, from_family=True)
        assert sorted(stored.values_list("body", flat=True)) == sorted(thread.sent_messages)
