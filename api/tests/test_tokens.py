from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from api.models import ApiToken, hash_key
from api.tests.helpers import client_with_key, messages

pytestmark = pytest.mark.django_db


def issue(username, name="Health EPR", *options):
    out = StringIO()
    options = options or ("--owner", "A. Khan, ICB EPR lead", "--scope", "read_cases")
    call_command("create_api_token", username, name, *options, stdout=out, stderr=StringIO())
    return out.getvalue().strip()


def child_url(area):
    return reverse("api:child_detail", args=[area.own_child.public_id])


def test_it_prints_the_key_once_and_stores_only_its_hash(area):
    key = issue("caseworker")
    token = ApiToken.objects.get()
    assert token.key_hash == hash_key(key)
    assert key.startswith(token.prefix) and len(key) > 40
    assert not ApiToken.objects.filter(key_hash=key).exists()
    assert token.user == area.users["caseworker"] and token.name == "Health EPR"
    assert token.owner == "A. Khan, ICB EPR lead" and token.scopes == ["read_cases"]
    assert timedelta(days=89) < token.expires_at - timezone.now() <= timedelta(days=90)


def test_it_issues_several_scopes_for_a_chosen_number_of_days(area):
    both = ("--scope", "read_cases", "--scope", "write_events")
    issue("health", "EPR", "--owner", "B. Ode", *both, "--days", "7")
    token = ApiToken.objects.get()
    assert token.scopes == ["read_cases", "write_events"]
    assert timedelta(days=6) < token.expires_at - timezone.now() <= timedelta(days=7)


@pytest.mark.parametrize(
    "options,message",
    [
        (("--scope", "read_cases"), "--owner"),
        (("--owner", "A. Khan"), "--scope"),
        (("--owner", "A. Khan", "--scope", "everything"), "invalid choice"),
        (("--owner", "A. Khan", "--scope", "read_cases", "--days", "400"), "between 1 and 365"),
    ],
)
def test_a_token_needs_an_owner_a_scope_and_a_sane_expiry(area, options, message):
    with pytest.raises(CommandError, match=message):
        issue("caseworker", "EPR", *options)
    assert not ApiToken.objects.exists()


@pytest.mark.parametrize("persona", ["parent", "young_person"])
def test_families_are_never_issued_tokens(area, persona):
    with pytest.raises(CommandError, match="family account"):
        issue(persona)
    assert not ApiToken.objects.exists()


def test_an_expired_token_is_401(area):
    client = client_with_key(issue("caseworker"))
    assert client.get(child_url(area)).status_code == 200
    ApiToken.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    response = client.get(child_url(area))
    assert response.status_code == 401
    assert "expired" in messages(response)[0]


def test_a_token_reads_as_its_user_and_records_when_it_was_used(area):
    response = client_with_key(issue("caseworker")).get(child_url(area))
    assert response.status_code == 200
    assert response.json()["public_id"] == str(area.own_child.public_id)
    assert response["Cache-Control"] == "no-store"  # a child's record: no copies in caches
    assert ApiToken.objects.get().last_used_at is not None


@pytest.mark.parametrize(
    "header",
    [None, "Token not-a-real-key", "Token", "Token two parts", "Bearer osk_x"],
)
def test_no_token_or_a_bad_one_is_401_with_the_error_shape(area, header):
    client = APIClient()
    if header:
        client.credentials(HTTP_AUTHORIZATION=header)
    response = client.get(child_url(area))
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    errors = response.json()["errors"]
    assert len(errors) == 1 and errors[0]["field"] is None and errors[0]["message"]


def test_a_revoked_token_is_401(area):
    key = issue("caseworker")
    client = client_with_key(key)
    assert client.get(child_url(area)).status_code == 200
    out = StringIO()
    call_command("revoke_api_token", key[:12], stdout=out)
    response = client.get(child_url(area))
    assert response.status_code == 401
    assert "revoked" in messages(response)[0]


def test_a_disabled_users_token_is_401(area):
    client = client_with_key(issue("caseworker"))
    area.users["caseworker"].is_active = False
    area.users["caseworker"].save()
    assert client.get(child_url(area)).status_code == 401


def test_tokens_are_only_issued_to_active_users(area):
    with pytest.raises(CommandError, match="No active user"):
        issue("nobody")


def test_a_signed_in_session_is_not_accepted(area, login):
    """The API takes tokens only: a page's session (here a caseworker's, 2FA done) gets 401."""
    response = login("caseworker").get(child_url(area))
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
