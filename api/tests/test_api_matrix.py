"""Every URL of the case API x every role x every method: each token gets what that role's pages
give and nothing more. Tokens carry every scope here (scopes are tested below); families cannot
hold one, and a signed-in browser session is refused like no credentials at all.

A new API URL must be added to EXPECTED, or `test_every_api_url_is_in_the_matrix` fails."""

import pytest
from django.urls import get_resolver, reverse
from rest_framework.test import APIClient

from api.models import ApiToken, NotForFamilies, Scope
from api.tests.helpers import client_with_key
from api.tests.url_matrix import _case, _child
from conftest import PERSONA_ROLES, _signed_in_client
from core.tests.test_permission_matrix import _names

pytestmark = pytest.mark.django_db

FAMILIES = {"parent", "young_person"}
STAFF = sorted(set(PERSONA_ROLES) - FAMILIES)
CASE = {"caseworker", "manager", "panel"}
WRITERS = {"caseworker", "manager"}
METHODS = ("get", "post", "put", "patch", "delete")


def _status(allowed, refused, status_if_allowed=200):
    return lambda persona: status_if_allowed if persona in allowed else refused


ALWAYS_405 = _status(set(), 405)

# url name -> (arguments, {method: persona -> status}); a method not listed answers 405 to all.
# An allowed POST here sends an empty body, so "allowed" shows as 400 (nothing is created).
EXPECTED = {
    "api:openapi": (None, {"get": _status(set(STAFF), 200)}),
    "api:child_create": (None, {"post": _status(WRITERS, 403, 400)}),
    "api:child_detail": (_child, {"get": _status(CASE | {"senco"}, 404)}),
    "api:case_list": (None, {"get": _status(CASE, 403), "post": _status(WRITERS, 403, 400)}),
    "api:case_detail": (_case, {"get": _status(CASE, 404)}),
    # Only case staff see the case (others 404, as for a read); of them the panel may not change it.
    "api:case_events": (_case, {"post": lambda p: 400 if p in WRITERS else 403 if p in CASE else 404}),
    "api:case_advice_requests": (
        _case,
        {"post": lambda p: 400 if p in WRITERS else 403 if p in CASE else 404},
    ),
}


def _url(name, area):
    build = EXPECTED[name][0]
    return reverse(name, args=build(area) if build else [])


def test_every_api_url_is_in_the_matrix():
    defined = {n for n in _names(get_resolver().url_patterns) if n.startswith("api:")}
    assert defined == set(EXPECTED)


@pytest.fixture
def tokens(area):
    return {p: client_with_key(ApiToken.issue(area.users[p], "matrix", scopes=list(Scope))[1]) for p in STAFF}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_role_and_method_gets_only_what_the_pages_give(name, area, tokens):
    url = _url(name, area)
    rules = EXPECTED[name][1]
    got, wanted = {}, {}
    for persona in STAFF:
        for method in METHODS:
            wanted[persona, method] = rules.get(method, ALWAYS_405)(persona)
            got[persona, method] = getattr(tokens[persona], method)(url, {}).status_code
    assert got == wanted


@pytest.mark.parametrize("name", sorted(set(EXPECTED) - {"api:openapi"}))
def test_a_browser_session_and_no_token_are_both_401_for_every_method(name, area):
    url = _url(name, area)
    for persona in sorted(PERSONA_ROLES):
        session = _signed_in_client(area.users[persona])  # staff with their second factor done
        for method in METHODS:
            status = getattr(session, method)(url, {}, content_type="application/json").status_code
            assert status == 401, (persona, method, status)
    for method in METHODS:
        assert getattr(APIClient(), method)(url, {}, format="json").status_code == 401, method


@pytest.mark.parametrize("persona", sorted(FAMILIES))
def test_families_cannot_be_issued_a_token(area, persona):
    with pytest.raises(NotForFamilies):
        ApiToken.issue(area.users[persona], "a family's script")
    assert not ApiToken.objects.exists()


def test_a_token_whose_user_became_a_family_account_is_refused(area):
    user = area.users["caseworker"]
    client = client_with_key(ApiToken.issue(user, "old", scopes=[Scope.READ_CASES])[1])
    user.role = "parent"
    user.save()
    assert client.get(reverse("api:case_list")).status_code == 401


@pytest.mark.parametrize(
    "scopes,get_status,post_status",
    [
        ([Scope.READ_CASES], 200, 403),
        ([Scope.WRITE_EVENTS], 403, 400),
        ([Scope.READ_DIRECTORY], 403, 403),
        ([Scope.READ_CASES, Scope.WRITE_EVENTS], 200, 400),
    ],
)
def test_a_token_does_only_what_its_scopes_allow(area, scopes, get_status, post_status):
    client = client_with_key(ApiToken.issue(area.users["manager"], "scoped", scopes=scopes)[1])
    assert client.get(reverse("api:case_list")).status_code == get_status
    assert client.get(reverse("api:case_detail", args=_case(area))).status_code == get_status
    assert client.post(reverse("api:case_list"), {}).status_code == post_status
    assert client.post(reverse("api:case_events", args=_case(area)), {}).status_code == post_status
