"""GOV.UK One Login for families, through the real test provider (as test_single_sign_on.py):
a new family says whether they are a parent or carer or a young person before their account is
made, and an existing account is linked (and an invitation used) only when the verified email is
the account's own confirmed address and the invitation's."""

import secrets
import time
from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import ExternalIdentity, User
from accounts.roles import Role
from accounts.sso.session import SSO_SESSION
from accounts.tests.oidc_provider import running_provider
from accounts.tests.test_single_sign_on import sign_in_through
from audit.models import Action, AuditEvent
from people.models import ChildRelationship, ParentCarer
from people.tests.factories import ChildFactory, ParentCarerFactory, UserFactory
from portal.models import Invitation, InvitationFor, hash_token
from portal.one_login import NEW_ACCOUNT_SESSION

ACCOUNTS = {
    "maya": {"claims": {"email": "maya.new@example.org", "email_verified": True}, "amr": ["pwd"]},
    "tom": {"claims": {"email": "tom.walsh@example.org", "email_verified": True}, "amr": ["pwd"]},
}
WHO = "/portal/create-account/who-are-you/"


@pytest.fixture(scope="module")
def provider(tmp_path_factory):
    with running_provider(tmp_path_factory.mktemp("oidc"), "http://testserver", ACCOUNTS) as running:
        yield running


@pytest.fixture
def one_login(settings, provider):
    settings.OPENSEND_OIDC_PROVIDERS = provider.providers_setting()
    return provider


def _invitation(client, child, email, invited=InvitationFor.PARENT, parent_carer=None):
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        child=child, parent_carer=parent_carer, invited=invited, email=email, token_hash=hash_token(token),
        expires_at=timezone.now() + timedelta(days=14), created_by=UserFactory(role=Role.CASEWORKER),
    )
    client.get(f"/portal/join/{token}/")  # the browser now holds the invitation (in its session)
    return invitation


def _local_account(email="tom.walsh@example.org", role=Role.PARENT, verified=True):
    user = UserFactory(username=email, email=email, role=role,
                       email_verified_at=timezone.now() if verified else None)
    if role == Role.PARENT:
        ParentCarerFactory(first_name=user.first_name, last_name=user.last_name, email=email, user=user)
    return user


# --- a new family: parent or carer, or a young person? ----------------------------------------


def test_a_young_person_signs_up_as_themselves(db, client, one_login):
    response = sign_in_through(client, "maya", name="onelogin")
    assert response.status_code == 302 and response.url == WHO
    assert "maya" not in response.url and "@" not in response.url  # nothing personal in the address
    assert not User.objects.filter(email="maya.new@example.org").exists()  # not before the answer
    assert client.session[NEW_ACCOUNT_SESSION]["email"] == "maya.new@example.org"

    page = client.get(WHO).content.decode()
    assert "Are you a parent or carer, or a young person asking for yourself?" in page
    assert "maya.new@example.org" in page
    response = client.post(WHO, {"who": "young_person"})
    assert response.url == "/portal/link-a-child/"

    user = User.objects.get(email="maya.new@example.org")
    assert user.role == Role.YOUNG_PERSON
    assert user.email_verified_at is not None and not user.has_usable_password()
    assert not ParentCarer.objects.filter(user=user).exists()  # a young person is not a carer
    identity = ExternalIdentity.objects.get(provider="onelogin")
    assert identity.user == user and identity.last_used_at is not None
    assert int(client.session["_auth_user_id"]) == user.pk
    assert client.session[SSO_SESSION]["provider"] == "onelogin"
    assert NEW_ACCOUNT_SESSION not in client.session
    user.refresh_from_db()
    assert user.last_sign_in_method == "sso:onelogin"
    assert AuditEvent.objects.filter(action=Action.SIGN_IN, actor=user,
                                     summary="Signed in through GOV.UK One Login").exists()
    # The young person's own questions follow.
    assert "Your date of birth" in client.get("/portal/link-a-child/").content.decode()

    # Answered twice (a double click): still one account.
    assert client.post(WHO, {"who": "young_person"}).status_code == 302
    assert User.objects.filter(email="maya.new@example.org").count() == 1
    # Next time the One Login subject finds the account at once: no question.
    client.logout()
    assert sign_in_through(client, "maya", name="onelogin").url != WHO


def test_no_answer_is_an_error_and_makes_nothing(db, client, one_login):
    sign_in_through(client, "maya", name="onelogin")
    response = client.post(WHO, {})
    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in page
    assert "Select if you are a parent or carer, or a young person asking for yourself" in page
    assert client.post(WHO, {"who": "someone-else"}).status_code == 200
    assert not User.objects.filter(email="maya.new@example.org").exists()
    assert not ExternalIdentity.objects.exists()
    assert "_auth_user_id" not in client.session


def test_the_question_needs_a_fresh_one_login_sign_in(db, client, one_login):
    page = client.get(WHO)
    assert "Sign in again" in page.content.decode()
    assert client.post(WHO, {"who": "parent"}).status_code == 200
    sign_in_through(client, "maya", name="onelogin")
    session = client.session
    session[NEW_ACCOUNT_SESSION]["until"] = time.time() - 1
    session.save()
    assert "Sign in again" in client.post(WHO, {"who": "parent"}).content.decode()
    assert not User.objects.filter(email="maya.new@example.org").exists()


# --- an existing family account -----------------------------------------------------------


def test_an_existing_account_uses_an_invitation_sent_to_its_own_address(db, client, one_login):
    tom = _local_account()
    child = ChildFactory()
    on_record = ParentCarerFactory(first_name="Tom", last_name="Walsh", email="tom.walsh@example.org")
    ChildRelationship.objects.create(child=child, parent_carer=on_record, relationship="father")
    invitation = _invitation(client, child, "Tom.Walsh@example.org", parent_carer=on_record)

    response = sign_in_through(client, "tom", name="onelogin")
    assert response.status_code == 302 and response.url != WHO
    assert User.objects.filter(email__iexact="tom.walsh@example.org").count() == 1
    assert ExternalIdentity.objects.get(provider="onelogin").user == tom
    invitation.refresh_from_db()
    assert invitation.accepted_by == tom
    link = ChildRelationship.objects.get(child=child, parent_carer__user=tom)
    assert link.verified and link.relationship == "father"
    # One record of Tom on the child, not the one on file beside his account's own.
    assert ChildRelationship.objects.filter(child=child).count() == 1
    assert not ParentCarer.objects.filter(pk=on_record.pk).exists()
    assert int(client.session["_auth_user_id"]) == tom.pk


@pytest.mark.parametrize("case", ["invited elsewhere", "unconfirmed address", "young person's invitation"])
def test_an_existing_account_is_not_linked_otherwise_and_is_told_plainly(db, client, one_login, case):
    _local_account(verified=case != "unconfirmed address")
    child = ChildFactory()
    invitation = _invitation(
        client, child, "tom.w@another.example" if case == "invited elsewhere" else "tom.walsh@example.org",
        invited=InvitationFor.YOUNG_PERSON if case == "young person's invitation" else InvitationFor.PARENT,
    )
    response = sign_in_through(client, "tom", name="onelogin")
    page = response.content.decode()
    assert response.status_code == 400
    assert "We could not finish signing you in" in page
    expected = {
        "invited elsewhere": "This invitation was sent to a different email address",
        "unconfirmed address": "the address has not been confirmed",
        "young person's invitation": "This invitation is for a different kind of account",
    }[case]
    assert expected in page
    assert not ExternalIdentity.objects.exists()
    assert "_auth_user_id" not in client.session
    invitation.refresh_from_db()
    assert invitation.is_usable  # still there for the right person
    assert not ChildRelationship.objects.filter(child=child).exists()
    assert "tom.w@another.example" not in page  # the page repeats no address
    assert AuditEvent.objects.filter(action=Action.SIGN_IN_FAILED,
                                     summary="Single sign-on refused: family").exists()


def test_an_existing_account_without_an_invitation_is_linked_only_if_its_address_is_confirmed(
    db, client, one_login
):
    tom = _local_account(verified=False)
    assert sign_in_through(client, "tom", name="onelogin").status_code == 400
    assert not ExternalIdentity.objects.exists()
    User.objects.filter(pk=tom.pk).update(email_verified_at=timezone.now())
    assert sign_in_through(client, "tom", name="onelogin").status_code == 302
    assert ExternalIdentity.objects.get(provider="onelogin").user == tom


def test_an_invitation_to_an_address_that_already_has_an_account_is_not_taken_over(db, client, one_login):
    """Maya's One Login address has no account, but the invitation's address has one: her One Login
    is not linked to someone else's account, and she is told to sign in instead."""
    _local_account()
    invitation = _invitation(client, ChildFactory(), "tom.walsh@example.org")
    response = sign_in_through(client, "maya", name="onelogin")
    assert response.status_code == 400
    assert "There is already an account for this email address. Sign in instead." in response.content.decode()
    assert not ExternalIdentity.objects.exists()
    assert not User.objects.filter(email="maya.new@example.org").exists()
    invitation.refresh_from_db()
    assert invitation.is_usable


def test_an_account_already_connected_to_another_one_login_is_not_connected_again(db, client, one_login):
    tom = _local_account()
    ExternalIdentity.objects.create(user=tom, provider="onelogin", subject="an-earlier-subject")
    response = sign_in_through(client, "tom", name="onelogin")
    assert response.status_code == 400
    assert "already connected to a different GOV.UK One Login" in response.content.decode()
    assert list(ExternalIdentity.objects.values_list("subject", flat=True)) == ["an-earlier-subject"]
    assert "_auth_user_id" not in client.session
