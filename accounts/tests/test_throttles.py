"""Client addresses (core.client_ip) and the throttles that use them (core.throttle), issue 20 item 1."""

import re

import pytest
from django.test import RequestFactory, TestCase
from django.urls import reverse

from accounts.models import User
from audit.models import Action, AuditEvent
from conftest import CheckingClient, check_page
from people.models import ChildRelationship
from people.tests.factories import ParentCarerFactory

pytestmark = pytest.mark.django_db

SIGN_IN = reverse("accounts:login")
TRY_AGAIN = re.compile(r"Too many attempts\. Try again at \d{1,2}(:\d\d)?(am|pm)\b")


def behind_nginx(address):
    """A client as the app sees it behind the documented nginx on a unix socket."""
    return CheckingClient(REMOTE_ADDR="", HTTP_X_FORWARDED_FOR=address)


def test_behind_the_proxy_only_the_address_nginx_added_is_believed(settings):
    from core.client_ip import client_ip

    settings.PROXY_COUNT = 1
    factory = RequestFactory()

    def resolve(**meta):
        request = factory.get("/")
        request.META.update({"REMOTE_ADDR": "", **meta})
        return client_ip(request)

    assert resolve(HTTP_X_FORWARDED_FOR="203.0.113.7") == "203.0.113.7"
    assert resolve(HTTP_X_FORWARDED_FOR="192.0.2.1, 203.0.113.7") == "203.0.113.7"  # forged left part
    assert resolve(HTTP_X_FORWARDED_FOR="10.0.0.5", HTTP_X_REAL_IP="8.8.8.8") == "10.0.0.5"
    settings.PROXY_COUNT = 2  # a load balancer in front of nginx: the second address from the right
    assert resolve(HTTP_X_FORWARDED_FOR="192.0.2.1, 203.0.113.7, 10.0.0.2") == "203.0.113.7"
    settings.PROXY_COUNT = 0  # no proxy: the header is the client's own invention
    assert resolve(REMOTE_ADDR="198.51.100.4", HTTP_X_FORWARDED_FOR="192.0.2.1") == "198.51.100.4"


def test_the_audit_log_records_the_client_behind_the_proxy(settings, area):
    settings.PROXY_COUNT = 1
    behind_nginx("203.0.113.7").post(SIGN_IN, {"username": "caseworker", "password": "wrong-password-1"})
    event = AuditEvent.objects.get(action=Action.SIGN_IN_FAILED)
    assert event.ip_address == "203.0.113.7"


def test_one_address_trying_many_usernames_meets_a_ceiling_but_others_do_not(settings, area):
    settings.PROXY_COUNT = 1
    staff = area.users["parent"]
    staff.set_password("the-right-passphrase-1")
    staff.save()
    office = behind_nginx("203.0.113.7")
    for _ in range(40):  # many people signing in from one office address are not limited
        office.post(SIGN_IN, {"username": staff.username, "password": "the-right-passphrase-1"})
        office.post(reverse("accounts:logout"))
    sprayer = behind_nginx("203.0.113.7")
    for n in range(30):
        response = sprayer.post(SIGN_IN, {"username": f"someone{n}", "password": "wrong-password-1"})
        assert response.status_code == 200, n
    refused = sprayer.post(SIGN_IN, {"username": "someone-else", "password": "wrong-password-1"})
    assert refused.status_code == 429
    assert TRY_AGAIN.search(check_page(refused).get_text())
    elsewhere = behind_nginx("198.51.100.20").post(SIGN_IN, {"username": "x", "password": "wrong-password-1"})
    assert elsewhere.status_code == 200


def test_password_reset_emails_to_one_address_are_limited(settings, area, mailoutbox):
    settings.PROXY_COUNT = 1
    url = reverse("accounts:password_reset")
    email = area.users["parent"].email
    for n in range(3):
        response = behind_nginx(f"198.51.100.{n + 1}").post(url, {"email": email})
        assert response.status_code == 302
    refused = behind_nginx("198.51.100.9").post(url, {"email": email.upper()})
    assert refused.status_code == 429 and TRY_AGAIN.search(check_page(refused).get_text())
    assert len(mailoutbox) == 3


def test_account_creation_is_throttled_per_address(settings, db, mailoutbox):
    settings.PROXY_COUNT = 1
    url = reverse("portal:create_account")
    client = behind_nginx("203.0.113.7")
    for n in range(10):
        form = {"first_name": "A", "last_name": "B", "email": f"p{n}@example.org",
                "password1": "a-long-passphrase-42", "password2": "a-long-passphrase-42"}
        with TestCase.captureOnCommitCallbacks(execute=True):
            assert client.post(url, form).status_code == 302, n
    form["email"] = "another@example.org"
    refused = client.post(url, form)
    assert refused.status_code == 429 and TRY_AGAIN.search(check_page(refused).get_text())
    assert len(mailoutbox) == 10
    assert not User.objects.filter(email__startswith="p").exists()  # nothing made before verification


def test_invitations_to_one_address_are_limited(settings, area, login, mailoutbox):
    dad = ParentCarerFactory(first_name="Tom", last_name="Walsh", email="tom.walsh@example.org")
    ChildRelationship.objects.create(child=area.other_child, parent_carer=dad, relationship="father")
    url = reverse("portal:invite", args=[area.other_child.public_id])
    client = login("caseworker")
    invitee = f"parent:{dad.public_id}"
    statuses = []
    for n in range(6):
        form = {"invitee": invitee, "email": "someone@example.org", "form_token": f"tok-{n}"}
        statuses.append(client.post(url, form).status_code)
    assert statuses == [302] * 5 + [429]
