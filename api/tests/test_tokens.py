from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from rest_framework.test import APIClient

from api.models import ApiToken, hash_key
from api.tests.helpers import client_with_key, messages

pytestmark = pytest.mark.django_db


def issue(username, name="Health EPR"):
    out = StringIO()
    call_command("create_api_token", username, name, stdout=out, stderr=StringIO())
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


def test_a_signed_in_session_must_send_the_csrf_token_to_change_anything(area):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(area.users["parent"])  # a family account: no second factor to stub
    assert client.get(child_url(area)).status_code == 200
    response = client.post(reverse("api:child_create"), {}, format="json")
    assert response.status_code == 403
    assert "CSRF" in messages(response)[0]
