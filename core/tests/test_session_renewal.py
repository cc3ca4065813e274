"""A session ends after 30 minutes without a request, but is written at most once a minute while
in use (it was written on every page: one UPDATE on every signed-in request)."""

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core import middleware

pytestmark = pytest.mark.django_db


def session_writes(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return [q["sql"] for q in captured if "django_session" in q["sql"] and not q["sql"].startswith("SELECT")]


def expiry(client):
    return Session.objects.get(session_key=client.cookies["sessionid"].value).expire_date


def test_pages_within_a_minute_write_the_session_once_and_a_later_page_pushes_its_end_back(
    area, login, monkeypatch
):
    client = login("caseworker")
    url = reverse("core:home")
    now = [1_800_000_000]
    monkeypatch.setattr(middleware.time, "time", lambda: now[0])
    assert session_writes(client, url)  # first page: marks the session renewed
    first_end = expiry(client)
    now[0] += 30
    assert session_writes(client, url) == []
    assert session_writes(client, reverse("casework:case_list")) == []
    assert expiry(client) == first_end
    now[0] += 31  # a minute after it was last renewed
    assert session_writes(client, url)
    assert expiry(client) > first_end


def test_a_signed_out_page_creates_no_session(client):
    before = Session.objects.count()
    assert client.get(reverse("core:accessibility")).status_code == 200
    assert client.get(reverse("directory:search") + "?q=autism").status_code == 200
    assert Session.objects.count() == before


def test_a_family_members_pages_renew_the_session_every_time_their_countdown_starts(area, login, monkeypatch):
    """A parent's page starts the timeout warning's 30 minutes from its own load: their session
    must end no sooner, so each of their pages renews it."""
    client = login("parent")
    now = [1_800_000_000]
    monkeypatch.setattr(middleware.time, "time", lambda: now[0])
    url = reverse("portal:home")
    assert session_writes(client, url)
    now[0] += 5
    assert session_writes(client, url)
