"""Every URL that changes state, POSTed to by every role: only those who may make the change get past
the door; everyone else is refused (the page's "refused" status, or the sign-in page when signed out)
and nothing is written.

Which URLs change state is read from the views (core/tests/writes.py), not from a list: a new view
that takes a POST fails `test_every_state_changing_url_says_who_may_post` until its app's POSTERS
says who may POST to it. The case API's methods are checked token by token in
api/tests/test_api_matrix.py (a browser session gets 401 there whatever the method).
"""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from api.tests.test_api_matrix import EXPECTED as API_EXPECTED
from core.tests.test_permission_matrix import ALL, MATRIX, POSTERS, _url
from core.tests.writes import WRITE_METHODS, Post, state_changing_urls

pytestmark = pytest.mark.django_db

STATE_CHANGING = state_changing_urls()
# Writes a refused request may still make: its own audit entry, the session, the cache's counters.
NOT_A_CHANGE = ("audit_auditevent", "django_session", "opensend_cache", "otp_totp_totpdevice")
WRITE = re.compile(r"^\s*(INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+[\"`]?(\w+)", re.IGNORECASE)


def _changes(queries):
    found = (WRITE.match(q["sql"]) for q in queries)
    return [m.group(0) for m in found if m and m.group(2) not in NOT_A_CHANGE]


def _post(client, url, data=None):
    with CaptureQueriesContext(connection) as queries:
        response = client.post(url, data or {})
    return response, _changes(queries.captured_queries)


def _spec(name):
    spec = POSTERS[name]
    return spec if isinstance(spec, Post) else Post(spec)


def _refused_status(name, persona):
    # Who may see the page but not change it is refused (403); who may not even see it gets the
    # page's own refusal (often 404: they do not learn the record exists).
    allowed, status = MATRIX[name][1:3]
    if _spec(name).refused is not None:
        return _spec(name).refused
    may_see = isinstance(allowed, set | frozenset) and persona in allowed
    return status if isinstance(status, int) and status != 405 and not may_see else 403


def test_every_state_changing_url_says_who_may_post():
    api = {name for name in STATE_CHANGING if name.startswith("api:")}
    assert STATE_CHANGING - api == set(POSTERS), {
        "takes a POST but is not in any POSTERS": sorted(STATE_CHANGING - api - set(POSTERS)),
        "in POSTERS but its view takes no POST": sorted(set(POSTERS) - STATE_CHANGING),
    }
    for name in api:
        assert set(API_EXPECTED[name][1]) & set(WRITE_METHODS), name


@pytest.mark.parametrize("name", sorted(POSTERS))
def test_only_who_may_post_gets_past_the_door(name, area, login, client):
    build, spec = MATRIX[name][0], _spec(name)
    args = build(area) if build else []
    url, posters, data = reverse(name, args=args), spec.roles, spec.data(args) if spec.data else {}
    clients = {persona: login(persona) for persona in sorted(ALL)}
    if posters == "signed-out":
        # Signing in, joining: a signed-in person is sent on without anything written.
        for persona, signed_in in clients.items():
            response, changes = _post(signed_in, url)
            assert (response.status_code, changes) == (302, []), persona
        return
    if posters != "anyone":
        for persona in sorted(ALL - posters):
            response, changes = _post(clients[persona], url)
            assert (response.status_code, changes) == (_refused_status(name, persona), []), persona
        response, changes = _post(client, url)
        assert response.status_code == 302 and not changes, "signed out"
        assert response["Location"].startswith(reverse("accounts:login")), "signed out"
        posters = sorted(posters)
    else:
        posters = sorted(ALL)
    for persona in posters:
        # An empty form: refused by validation (200 with errors) or a button's redirect, never the door.
        assert _post(clients[persona], url, data)[0].status_code not in (403, 404, 405), persona


TAKES_NO_POST = sorted(name for name in set(MATRIX) - STATE_CHANGING if not name.startswith("api:"))


@pytest.mark.parametrize("name", TAKES_NO_POST)
def test_a_url_that_takes_no_post_changes_nothing_when_posted_to(name, area, login, client):
    # The other half of the derivation: a view read as "takes no POST" serves a POST as a GET, so it
    # writes nothing a GET does not (a download's job, say).
    allowed = MATRIX[name][1]
    caller = login(sorted(allowed)[0]) if isinstance(allowed, set | frozenset) and allowed else client
    url = _url(name, area)
    with CaptureQueriesContext(connection) as queries:
        caller.get(url)
    tables = {change.split()[-1] for change in _changes(queries.captured_queries)}
    assert {change.split()[-1] for change in _post(caller, url)[1]} <= tables

