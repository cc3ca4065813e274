"""ID tokens that must be refused: a wrong issuer, audience, nonce, signature or expiry. Tokens are
made here with PyJWT and handed to the callback in place of the provider's token response; the
checking is the library's (mozilla-django-oidc, PyJWT underneath) as configured by accounts/sso."""

import json
import time

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from django.core.cache import cache

from accounts.roles import Role
from accounts.sso.backend import SsoBackend
from audit.models import Action, AuditEvent
from people.tests.factories import UserFactory

ISSUER = "https://idp.example.test"
CLIENT_ID = "opensend"
KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
OTHER_KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)


@pytest.fixture
def idp(db, settings, monkeypatch):
    settings.OPENSEND_OIDC_PROVIDERS = json.dumps([{
        "name": "council", "issuer": ISSUER, "client_id": CLIENT_ID, "client_secret": "x" * 40,
    }])
    cache.set(f"oidc-discovery:{ISSUER}", {
        "issuer": ISSUER, "authorization_endpoint": f"{ISSUER}/authorize",
        "token_endpoint": f"{ISSUER}/token",
        "jwks_uri": f"{ISSUER}/keys",
    }, 600)
    public = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(KEY.public_key()))
    monkeypatch.setattr(SsoBackend, "retrieve_matching_jwk", lambda self, token: jwt.PyJWK(public, "RS256"))
    tokens = {}
    monkeypatch.setattr(SsoBackend, "get_token", lambda self, payload: {"id_token": tokens["id"],
                                                                         "access_token": "opaque"})
    yield tokens
    cache.delete(f"oidc-discovery:{ISSUER}")


def _claims(sent_nonce, **changes):
    now = int(time.time())
    claims = {"iss": ISSUER, "aud": CLIENT_ID, "sub": "subject-1", "iat": now, "exp": now + 300,
              "nonce": sent_nonce, "email": "chloe@brookfield.gov.uk", "email_verified": True, "amr": ["mfa"]}
    claims.update(changes)
    return {key: value for key, value in claims.items() if value is not None}


def _callback(client, tokens, key=KEY, algorithm="RS256", **changes):
    start = client.get("/accounts/sso/council/")
    state = start.url.split("state=")[1].split("&")[0]
    nonce = client.session["oidc_states"][state]["nonce"]
    tokens["id"] = jwt.encode(_claims(nonce, **changes), key, algorithm=algorithm,
                              headers={"kid": "k1"})
    return client.get(f"/accounts/sso-callback/?code=abc&state={state}")


@pytest.fixture
def chloe(db):
    return UserFactory(username="chloe", role=Role.CASEWORKER, email="chloe@brookfield.gov.uk")


def test_a_good_token_signs_in(client, idp, chloe):
    response = _callback(client, idp)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(chloe.pk)


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"iss": "https://impostor.example"}, "issuer"),
        ({"aud": "another-service"}, "audience"),
        ({"nonce": "not-the-one-we-sent"}, "nonce"),
        ({"exp": int(time.time()) - 3600, "iat": int(time.time()) - 7200}, "expired"),
        ({"exp": None}, "missing claim"),
    ],
)
def test_a_token_with_a_wrong_claim_is_refused_with_a_plain_page_and_an_audit_entry(
    client, idp, chloe, changes, reason
):
    response = _callback(client, idp, **changes)
    assert response.status_code == 400
    assert "We could not sign you in" in response.content.decode()
    assert "_auth_user_id" not in client.session
    entry = AuditEvent.objects.get(action=Action.SIGN_IN_FAILED)
    assert entry.summary == f"Single sign-on refused: {reason}"
    assert "chloe" not in json.dumps(entry.detail)  # no token contents kept


@pytest.mark.parametrize(("key", "algorithm"), [(OTHER_KEY, "RS256"), ("x" * 40, "HS256")])
def test_a_token_not_signed_by_the_providers_key_is_refused(client, idp, chloe, key, algorithm):
    response = _callback(client, idp, key=key, algorithm=algorithm)
    assert response.status_code == 400
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.get(action=Action.SIGN_IN_FAILED).summary == "Single sign-on refused: signature"


def test_a_used_state_is_refused_the_second_time(client, idp, chloe):
    start = client.get("/accounts/sso/council/")
    state = start.url.split("state=")[1].split("&")[0]
    nonce = client.session["oidc_states"][state]["nonce"]
    idp["id"] = jwt.encode(_claims(nonce), KEY, algorithm="RS256", headers={"kid": "k1"})
    assert client.get(f"/accounts/sso-callback/?code=abc&state={state}").status_code == 302
    client.logout()
    replay = client.get(f"/accounts/sso-callback/?code=abc&state={state}")
    assert replay.status_code == 400
    assert "_auth_user_id" not in client.session
