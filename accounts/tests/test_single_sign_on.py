"""Single sign-on against the real test provider (scripts/test-oidc-provider.mjs), driven without
a browser: the provider's side is followed with `requests` (real redirects, a real login form),
OpenSEND's with Django's test client; the code exchange and the ID token check are real."""

import time
from urllib.parse import urlparse

import pytest
import requests
from django.test import Client

from accounts.models import ExternalIdentity, User
from accounts.roles import Role
from accounts.sso.session import SSO_SESSION
from accounts.tests.oidc_provider import running_provider
from audit.models import Action, AuditEvent
from people.tests.factories import UserFactory

ACCOUNTS = {
    "chloe": {"claims": {"email": "chloe@brookfield.gov.uk", "email_verified": True}, "amr": ["pwd", "otp"]},
    "paul": {"claims": {"email": "paul@brookfield.gov.uk", "email_verified": True}, "amr": ["pwd"]},
    "unverified": {"claims": {"email": "paul@brookfield.gov.uk", "email_verified": False}, "amr": ["mfa"]},
    "leaver": {"claims": {"email": "lee@brookfield.gov.uk", "email_verified": True}, "amr": ["pwd"]},
    "stranger": {"claims": {"email": "who@elsewhere.example", "email_verified": True}, "amr": ["mfa"]},
}


@pytest.fixture(scope="module")
def provider(tmp_path_factory):
    with running_provider(tmp_path_factory.mktemp("oidc"), "http://testserver", ACCOUNTS) as running:
        yield running


@pytest.fixture
def sso(settings, provider, client):
    settings.OPENSEND_OIDC_PROVIDERS = provider.providers_setting()
    return provider


def sign_in_through(client, login, name="council"):
    """Start at OpenSEND, sign in at the provider as `login`, and come back: the response of the
    callback."""
    start = client.get(f"/accounts/sso/{name}/")
    assert start.status_code == 302
    assert "code_challenge=" in start.url and "nonce=" in start.url
    browser = requests.Session()
    response = browser.get(start.url, allow_redirects=False, timeout=10)
    callback = None
    for _ in range(10):
        location = response.headers.get("location", "")
        if urlparse(location).hostname == "testserver":
            callback = location
            break
        if location:
            response = browser.get(requests.compat.urljoin(response.url, location), allow_redirects=False,
                                   timeout=10)
        else:  # the provider's sign-in form
            assert "Sign in to the test provider" in response.text
            response = browser.post(response.url, data={"login": login}, allow_redirects=False, timeout=10)
    assert callback, "the provider never sent the browser back"
    path = urlparse(callback)
    return client.get(f"{path.path}?{path.query}")


def test_mfa_at_the_provider_stands_for_the_security_code(db, client, sso):
    user = UserFactory(username="chloe", role=Role.CASEWORKER, email="chloe@brookfield.gov.uk")
    response = sign_in_through(client, "chloe")
    assert response.status_code == 302
    assert client.session[SSO_SESSION]["mfa"] is True
    home = client.get("/home/")
    assert home.status_code == 200  # no security code asked
    assert ExternalIdentity.objects.get(provider="council").user == user
    user.refresh_from_db()
    assert user.last_sign_in_method == "sso:council"
    assert AuditEvent.objects.filter(action=Action.SIGN_IN, actor=user).exists()


def test_without_mfa_at_the_provider_the_security_code_is_still_asked(db, client, sso):
    UserFactory(username="paul", role=Role.CASEWORKER, email="paul@brookfield.gov.uk")
    sign_in_through(client, "paul")
    assert client.session[SSO_SESSION]["mfa"] is False
    assert client.get("/home/").url.startswith("/accounts/two-factor/")


def test_an_unverified_email_or_unknown_identity_gets_no_account(db, client, sso):
    UserFactory(username="paul", role=Role.CASEWORKER, email="paul@brookfield.gov.uk")
    before = User.objects.count()
    for login in ("unverified", "stranger"):
        response = sign_in_through(client, login)
        assert response.status_code == 403
        assert "Ask your administrator" in response.content.decode()
    assert User.objects.count() == before
    assert not ExternalIdentity.objects.exists()
    assert AuditEvent.objects.filter(action=Action.SIGN_IN_FAILED,
                                     summary="Single sign-on refused: unknown").count() == 2


def test_a_family_account_is_never_matched_by_a_staff_provider(db, client, sso):
    UserFactory(username="paul", role=Role.PARENT, email="paul@brookfield.gov.uk")
    assert sign_in_through(client, "paul").status_code == 403
    assert "_auth_user_id" not in client.session


def test_a_state_is_used_once(db, client, sso):
    UserFactory(username="chloe", role=Role.CASEWORKER, email="chloe@brookfield.gov.uk")
    start = client.get("/accounts/sso/council/")
    state = dict(p.split("=", 1) for p in urlparse(start.url).query.split("&"))["state"]
    response = client.get(f"/accounts/sso-callback/?code=made-up&state={state}")
    assert response.status_code == 400  # the code is refused at the provider's token endpoint
    replay = client.get(f"/accounts/sso-callback/?code=made-up&state={state}")
    assert replay.status_code == 400
    assert "We could not sign you in" in replay.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_closed_account_cannot_sign_in_and_its_open_session_ends(db, client, sso):
    user = UserFactory(username="chloe", role=Role.CASEWORKER, email="chloe@brookfield.gov.uk")
    sign_in_through(client, "chloe")
    assert client.get("/home/").status_code == 200
    User.objects.filter(pk=user.pk).update(is_active=False)
    assert client.get("/home/").url.startswith("/accounts/sign-in/")  # the open session ends
    response = sign_in_through(client, "chloe")
    assert response.status_code == 403
    assert "Your account is closed" in response.content.decode()


def test_a_leaver_disabled_at_the_provider_is_signed_out_at_the_next_renewal(db, client, sso, settings):
    UserFactory(username="lee", role=Role.CASEWORKER, email="lee@brookfield.gov.uk")
    settings.OPENSEND_OIDC_PROVIDERS = sso.providers_setting()
    sign_in_through(client, "leaver")
    session = client.session
    assert session[SSO_SESSION]["refresh_token"]
    session[SSO_SESSION]["recheck_at"] = time.time() - 1
    session.save()
    client.get("/home/")  # renewed at the provider: still signed in
    assert "_auth_user_id" in client.session
    sso.disable("leaver")
    session = client.session
    session[SSO_SESSION]["recheck_at"] = time.time() - 1
    session.save()
    response = client.get("/home/")
    assert response.status_code == 401
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(action=Action.SIGN_OUT,
                                     summary__contains="did not renew").exists()


def test_one_login_for_a_family_with_no_invitation_makes_an_account_with_no_child(db, client, sso):
    """The families' client authenticates with a private key (private_key_jwt, as One Login asks);
    the verified email makes a parent's account (once they say they are a parent), linked to no
    child until a caseworker agrees."""
    response = sign_in_through(client, "stranger", name="onelogin")
    assert response.url == "/portal/create-account/who-are-you/"
    assert client.post(response.url, {"who": "parent"}).url == "/portal/link-a-child/"
    user = ExternalIdentity.objects.get(provider="onelogin").user
    assert user.role == Role.PARENT and user.email == "who@elsewhere.example"
    assert not user.has_usable_password()
    from people.models import ChildRelationship

    assert not ChildRelationship.objects.filter(parent_carer__user=user).exists()
    # The next sign-in finds the same account by its One Login subject.
    client.logout()
    sign_in_through(client, "stranger", name="onelogin")
    assert User.objects.filter(email="who@elsewhere.example").count() == 1


def test_the_administrator_sees_each_sign_in_method_and_the_providers(db, client, sso):
    UserFactory(username="chloe", role=Role.CASEWORKER, email="chloe@brookfield.gov.uk",
                first_name="Chloe", last_name="Adams")
    sign_in_through(client, "chloe")
    admin = Client()
    admin.force_login(UserFactory(role=Role.ADMINISTRATOR))
    session = admin.session
    session[SSO_SESSION] = {"provider": "council", "mfa": True, "refresh_token": "",
                            "recheck_at": time.time() + 600}
    session.save()
    page = admin.get("/accounts/sign-in-methods/").content.decode()
    assert "Brookfield Council" in page and "GOV.UK One Login" in page
    assert "Private key (private_key_jwt)" in page
    row = page[page.index("Chloe Adams"):][:600]
    assert "Brookfield Council" in row
