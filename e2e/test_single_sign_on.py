"""Single sign-on in the browser, through a real OpenID Connect provider on the loopback address
(scripts/test-oidc-provider.mjs: npm's oidc-provider): real redirects, a real code exchange with
PKCE, ID tokens signed with the provider's published keys. axe-core runs on every page, the
provider's own pages included.

1. A caseworker whose provider reports MFA signs in (no security code asked), works, signs out
   (of the provider too), and the old session cookie no longer opens anything.
2. A caseworker whose account an administrator closed cannot sign in; an unknown identity is
   told to ask their administrator; a caseworker disabled at the provider while signed in is
   signed out at the next renewal.
3. A parent signs in with the One Login-style client (private_key_jwt) from an invitation and
   sees only the child the invitation was for.
4. A parent with a local account (password) uses an invitation sent to that account's address
   through One Login: their existing account gets the One Login identity and the child.
5. A young person with no invitation signs up through One Login as themselves: they are asked
   whether they are a parent or carer or a young person (an error when they choose nothing), and
   their own account is made with the answer.
"""

import secrets
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from accounts.models import ExternalIdentity, User
from accounts.roles import Role
from accounts.tests.oidc_provider import running_provider
from audit.models import Action, AuditEvent
from e2e.casework_pages import with_authenticator
from e2e.pages import PASSWORD, error_messages, follow, heading, open_nav, sign_in, visit
from people.models import ChildRelationship
from people.tests.factories import ChildFactory, ParentCarerFactory, SettingFactory, UserFactory
from portal.models import Invitation, InvitationFor, hash_token

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("transactional_db")]

ACCOUNTS = {
    "chloe": {"claims": {"email": "chloe.adams@brookfield.gov.uk", "email_verified": True},
              "amr": ["pwd", "otp"]},
    "leaver": {"claims": {"email": "lee.vere@brookfield.gov.uk", "email_verified": True},
               "amr": ["pwd", "mfa"]},
    "stranger": {"claims": {"email": "someone@elsewhere.example", "email_verified": True},
                 "amr": ["pwd", "mfa"]},
    "sara": {"claims": {"email": "sara.one-login@example.org", "email_verified": True}, "amr": ["pwd"]},
    "tom": {"claims": {"email": "tom.walsh@example.org", "email_verified": True}, "amr": ["pwd"]},
    "jade": {"claims": {"email": "jade.young@example.org", "email_verified": True}, "amr": ["pwd"]},
}


@pytest.fixture
def provider(live_server, tmp_path, settings):
    with running_provider(tmp_path, live_server.url, ACCOUNTS) as running:
        settings.OPENSEND_OIDC_PROVIDERS = running.providers_setting()
        yield running


def _through_provider(page: Page, button: str, login: str) -> None:
    follow(page, page.get_by_role("button", name=button).or_(page.get_by_role("link", name=button)))
    expect(heading(page)).to_have_text("Sign in to the test provider")
    page.get_by_label("Username").fill(login)
    follow(page, page.get_by_role("button", name="Continue"))


def test_a_caseworker_signs_in_with_the_councils_provider_works_and_signs_out(
    new_page, live_server, provider
):
    UserFactory(username="chloe", first_name="Chloe", last_name="Adams", role=Role.CASEWORKER,
                email="chloe.adams@brookfield.gov.uk")
    page = new_page()
    visit(page, live_server, "/accounts/sign-in/")
    _through_provider(page, "Continue with Brookfield Council", "chloe")
    # The provider reported MFA (amr otp): no security code is asked here.
    expect(heading(page)).to_have_text("Hello, Chloe")
    assert "two-factor" not in page.url
    visit(page, live_server, "/cases/")
    assert ExternalIdentity.objects.filter(provider="council", user__username="chloe").exists()
    assert AuditEvent.objects.filter(action=Action.SIGN_IN, actor__username="chloe",
                                     summary="Signed in through Brookfield Council").exists()
    old_cookies = page.context.cookies()

    follow(page, page.get_by_role("button", name="Sign out"))
    expect(heading(page)).to_have_text("Do you want to sign out of the test provider?")
    follow(page, page.get_by_role("button", name="Yes, sign me out"))
    expect(heading(page)).to_have_text("Sign in")

    # The old session cookie, put back in another browser, opens nothing.
    again = new_page()
    again.context.add_cookies(old_cookies)
    visit(again, live_server, "/cases/")
    expect(heading(again)).to_have_text("Sign in")

    # The administrator sees how Chloe last signed in, and the providers set up.
    admin = new_page()
    secret = with_authenticator(UserFactory(username="ada", first_name="Ada", role=Role.ADMINISTRATOR))
    sign_in(admin, live_server, "ada", PASSWORD, secret)
    visit(admin, live_server, "/accounts/users/")
    follow(admin, admin.get_by_role("link", name="Sign-in methods and identity providers"))
    expect(heading(admin)).to_have_text("Sign-in methods")
    expect(admin.get_by_role("row", name="Chloe Adams")).to_contain_text("Brookfield Council")
    expect(admin.locator("main")).to_contain_text("Private key (private_key_jwt)")


def test_closed_unknown_and_disabled_at_the_provider_cannot_stay(new_page, live_server, provider, settings):
    UserFactory(username="lee", first_name="Lee", role=Role.CASEWORKER, email="lee.vere@brookfield.gov.uk",
                is_active=False)
    closed = new_page()
    visit(closed, live_server, "/accounts/sign-in/")
    _through_provider(closed, "Continue with Brookfield Council", "leaver")
    expect(heading(closed)).to_have_text("Your account is closed")

    stranger = new_page()
    visit(stranger, live_server, "/accounts/sign-in/")
    _through_provider(stranger, "Continue with Brookfield Council", "stranger")
    expect(heading(stranger)).to_have_text("Ask your administrator for an account")
    assert AuditEvent.objects.filter(action=Action.SIGN_IN_FAILED,
                                     summary="Single sign-on refused: unknown").exists()
    assert not ExternalIdentity.objects.exists()

    # Reopened, signed in; then disabled at the provider: the next renewal signs them out.
    settings.OPENSEND_OIDC_RECHECK_SECONDS = 0
    User.objects.filter(username="lee").update(is_active=True)
    working = new_page()
    visit(working, live_server, "/accounts/sign-in/")
    _through_provider(working, "Continue with Brookfield Council", "leaver")
    expect(heading(working)).to_have_text("Hello, Lee")
    visit(working, live_server, "/cases/")  # renewed at the provider: still signed in
    provider.disable("leaver")
    visit(working, live_server, "/cases/", status=401)
    expect(heading(working)).to_have_text("Sign in again")
    visit(working, live_server, "/cases/")
    expect(heading(working)).to_have_text("Sign in")


def test_a_parent_joins_with_one_login_and_sees_only_the_invited_child(new_page, live_server, provider):
    setting = SettingFactory()
    amira = ChildFactory(setting=setting, legal_first_name="Amira", legal_last_name="Hussain")
    ChildFactory(setting=setting, legal_first_name="Zainab", legal_last_name="Hussain")
    parent = ParentCarerFactory(first_name="Sara", last_name="Hussain", email="sara.hussain@example.org")
    ChildRelationship.objects.create(child=amira, parent_carer=parent, relationship="mother", verified=False)
    inviter = UserFactory(role=Role.CASEWORKER)
    token = secrets.token_urlsafe(32)
    Invitation.objects.create(
        child=amira, parent_carer=parent, invited=InvitationFor.PARENT, email="sara.hussain@example.org",
        token_hash=hash_token(token), expires_at=timezone.now() + timedelta(days=14), created_by=inviter,
    )

    page = new_page()
    visit(page, live_server, f"/portal/join/{token}/")
    expect(heading(page)).to_have_text("Make your account")
    _through_provider(page, "Continue with GOV.UK One Login", "sara")
    expect(heading(page)).to_have_text("Hello, sara.hussain@example.org")
    open_nav(page, "Your children")
    expect(heading(page)).to_have_text("Your children")
    expect(page.locator("main")).to_contain_text("Amira")
    expect(page.locator("main")).not_to_contain_text("Zainab")
    identity = ExternalIdentity.objects.get(provider="onelogin")
    assert identity.user.role == Role.PARENT
    assert Invitation.objects.get().accepted_by == identity.user


def test_a_young_person_signs_up_with_one_login_as_themselves(new_page, live_server, provider):
    page = new_page()
    visit(page, live_server, "/accounts/sign-in/")
    _through_provider(page, "Continue with GOV.UK One Login", "jade")
    expect(heading(page)).to_have_text("Make your account")
    assert page.url.endswith("/portal/create-account/who-are-you/")  # nothing personal in the address
    assert not User.objects.filter(email="jade.young@example.org").exists()

    follow(page, page.get_by_role("button", name="Make my account"))
    assert error_messages(page) == [
        "Select if you are a parent or carer, or a young person asking for yourself"
    ]
    assert not User.objects.filter(email="jade.young@example.org").exists()

    page.get_by_role("group", name="Are you a parent or carer, or a young person asking for yourself?") \
        .get_by_label("A young person aged 16 to 25, asking for myself").check()
    follow(page, page.get_by_role("button", name="Make my account"))
    expect(heading(page)).to_have_text("Ask to see your own records")
    expect(page.get_by_label("Your first name")).to_be_visible()
    jade = User.objects.get(email="jade.young@example.org")
    assert jade.role == Role.YOUNG_PERSON
    assert ExternalIdentity.objects.get(provider="onelogin").user == jade


def test_a_parent_with_a_local_account_uses_an_invitation_through_one_login(new_page, live_server, provider):
    tom = UserFactory(username="tom.walsh@example.org", email="tom.walsh@example.org", first_name="Tom",
                      role=Role.PARENT, email_verified_at=timezone.now())
    ParentCarerFactory(first_name="Tom", last_name="Walsh", email=tom.email, user=tom)
    setting = SettingFactory()
    jacob = ChildFactory(setting=setting, legal_first_name="Jacob", legal_last_name="Walsh")
    token = secrets.token_urlsafe(32)
    Invitation.objects.create(
        child=jacob, invited=InvitationFor.PARENT, email=tom.email, token_hash=hash_token(token),
        expires_at=timezone.now() + timedelta(days=14), created_by=UserFactory(role=Role.CASEWORKER),
    )
    page = new_page()
    visit(page, live_server, f"/portal/join/{token}/")
    _through_provider(page, "Continue with GOV.UK One Login", "tom")
    expect(heading(page)).to_have_text("Hello, Tom")
    open_nav(page, "Your children")
    expect(page.locator("main")).to_contain_text("Jacob")
    assert User.objects.filter(email__iexact="tom.walsh@example.org").count() == 1
    assert ExternalIdentity.objects.get(provider="onelogin").user == tom
    assert Invitation.objects.get().accepted_by == tom
