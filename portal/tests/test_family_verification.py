"""Family accounts exist only after their email address is verified (issue 20, item 4)."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from accounts.models import PendingFamilyAccount, User
from conftest import CheckingClient, check_page
from people.models import ChildRelationship
from people.tests.factories import ParentCarerFactory
from portal.models import LinkRequest

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-family-password-42"


def register(client, email="sam.walsh@example.org"):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(reverse("portal:create_account"), {
            "first_name": "Sam", "last_name": "Walsh", "email": email,
            "password1": PASSWORD, "password2": PASSWORD,
        })  # fmt: skip


def verify_link(message):
    return re.search(r"http://\S+(/portal/verify-email/[^/\s]+/)", message.body).group(1)


def test_an_unverified_registration_cannot_sign_in_and_verifying_makes_the_account():
    client = CheckingClient()
    response = register(client)
    assert response["Location"] == reverse("portal:check_email")
    assert "Check your email" in client.page(response["Location"]).get_text()
    assert not User.objects.filter(email="sam.walsh@example.org").exists()
    # Nothing to sign in to yet.
    signed = CheckingClient().post(reverse("accounts:login"), {"username": "sam.walsh@example.org",
                                                               "password": PASSWORD})
    assert signed.status_code == 200

    (message,) = mail.outbox
    link = verify_link(message)
    assert PendingFamilyAccount.objects.get().token_hash not in message.body  # only the hash is kept
    assert client.get(link)["Location"] == reverse("portal:verify_email")  # the token leaves the URL
    client.page(reverse("portal:verify_email"))  # a GET (a mail scanner) uses nothing up
    response = client.post(reverse("portal:verify_email"))
    assert response["Location"] == reverse("portal:link_request")
    user = User.objects.get(email="sam.walsh@example.org")
    assert user.email_verified_at is not None and user.check_password(PASSWORD)

    # The link works once.
    again = CheckingClient()
    again.get(link)
    assert "This link does not work" in again.page(reverse("portal:verify_email")).get_text()


def test_a_verification_link_expires():
    register(CheckingClient())
    client = CheckingClient()
    client.get(verify_link(mail.outbox[0]))
    with time_machine.travel(timezone.now() + timedelta(hours=25)):
        assert "This link does not work" in client.page(reverse("portal:verify_email")).get_text()
        client.post(reverse("portal:verify_email"))
    assert not User.objects.filter(email="sam.walsh@example.org").exists()


def test_an_impostors_registration_never_blocks_the_real_parents_invitation(
    area, login, django_capture_on_commit_callbacks
):
    dad = ParentCarerFactory(first_name="Tom", last_name="Walsh", email="tom.walsh@example.org")
    ChildRelationship.objects.create(child=area.other_child, parent_carer=dad, relationship="father")
    register(CheckingClient(), email="tom.walsh@example.org")  # an impostor, who cannot verify it
    mail.outbox.clear()

    caseworker = login("caseworker")
    url = reverse("portal:invite", args=[area.other_child.public_id])
    token = caseworker.page(url).find("input", attrs={"name": "form_token"})["value"]
    with django_capture_on_commit_callbacks(execute=True):
        response = caseworker.post(url, {"invitee": f"parent:{dad.public_id}", "email": dad.email,
                                         "form_token": token})
    assert response.status_code == 302
    join = re.search(r"http://\S+(/portal/join/[^/\s]+/)", mail.outbox[0].body).group(1)
    parent = CheckingClient()
    parent.get(join)
    response = parent.post(reverse("portal:join"), {"first_name": "Tom", "last_name": "Walsh",
                                                    "password1": PASSWORD, "password2": PASSWORD})
    assert response["Location"] == reverse("portal:home")
    assert User.objects.get(email="tom.walsh@example.org").email_verified_at is not None


def test_the_invite_form_does_not_say_whether_an_email_has_an_account(area, login):
    caseworker = login("caseworker")
    dad = ParentCarerFactory(first_name="Tom", last_name="Walsh", email="tom.walsh@example.org")
    ChildRelationship.objects.create(child=area.other_child, parent_carer=dad, relationship="father")
    url = reverse("portal:invite", args=[area.other_child.public_id])
    known = area.users["parent"].email
    token = caseworker.page(url).find("input", attrs={"name": "form_token"})["value"]
    form = {"invitee": f"parent:{dad.public_id}", "email": known, "form_token": token}
    response = caseworker.post(url, form)
    assert response.status_code == 302
    assert "already an account" not in response.content.decode()


def test_the_decision_page_shows_whether_the_email_is_verified_and_the_carers_on_record(area, login):
    dad = ParentCarerFactory(first_name="Tom", last_name="Walsh", email="tom.walsh@example.org")
    ChildRelationship.objects.create(child=area.other_child, parent_carer=dad, relationship="father")
    born = area.other_child.date_of_birth
    asker = User.objects.create_user(username="kate@example.org", email="kate@example.org", role="parent")
    link_request = LinkRequest.objects.create(
        requested_by=asker, child_first_name="Jacob", child_last_name=area.other_child.legal_last_name,
        child_date_of_birth=born, relationship="mother", created_by=asker,
    )  # fmt: skip
    url = reverse("portal:link_request_decide", args=[link_request.public_id])
    caseworker = login("caseworker")
    page = caseworker.page(url)
    assert "Email not verified" in page.select_one("[data-testid=email-verified]").get_text()
    assert "Tom Walsh (father)" in page.select_one("[data-testid=carers-on-record]").get_text()
    asker.email_verified_at = timezone.now()
    asker.save()
    page = check_page(caseworker.get(url))
    assert "Email verified" in page.select_one("[data-testid=email-verified]").get_text()
