"""Recoverable sign-in, four eyes on raised roles, and a person told of changes to their account
(issue 20, items 3 and 5), and the CSRF failure page."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from accounts.models import RoleChangeRequest, User
from audit.models import AuditEvent
from conftest import CheckingClient, _signed_in_client, check_page

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a-brand-new-passphrase-77"
RESET = reverse("accounts:password_reset")


def reset_link(message):
    return re.search(r"http://\S+(/accounts/password-reset/[^/\s]+/[^/\s]+/)", message.body).group(1)


def choose_password(client, link):
    set_password_url = client.get(link)["Location"]  # Django swaps the token for the session
    assert "/set-password/" in set_password_url
    return client.post(set_password_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})


def test_a_forgotten_password_is_reset_by_an_emailed_single_use_link(area, mailoutbox):
    parent = area.users["parent"]
    client = CheckingClient()
    assert client.page(reverse("accounts:login")).find("a", href=RESET)
    known = client.post(RESET, {"email": parent.email})
    unknown = CheckingClient().post(RESET, {"email": "nobody@example.org"})
    assert known["Location"] == unknown["Location"] == reverse("accounts:password_reset_sent")
    (message,) = mailoutbox  # only the real account gets an email
    link = reset_link(message)
    mailoutbox.clear()
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = choose_password(client, link)
    assert response["Location"] == reverse("accounts:password_reset_complete")
    parent.refresh_from_db()
    assert parent.check_password(NEW_PASSWORD)
    assert [m.to for m in mailoutbox] == [[parent.email]]  # told their password changed
    assert "password for your account was changed" in mailoutbox[0].body
    assert AuditEvent.objects.filter(object_id=str(parent.pk), summary__contains="Reset their password")
    # Used once, it no longer works.
    again = CheckingClient()
    assert "This link does not work" in again.page(link).get_text()


def test_a_reset_link_expires(area, mailoutbox):
    CheckingClient().post(RESET, {"email": area.users["parent"].email})
    client = CheckingClient()
    with time_machine.travel(timezone.now() + timedelta(hours=3)):
        response = client.get(reset_link(mailoutbox[0]))
        assert "This link does not work" in check_page(response).get_text()


def test_a_password_set_by_an_administrator_must_be_changed_at_first_sign_in(area, login, mailoutbox):
    target = area.users["parent"]
    admin = login("administrator")
    url = reverse("accounts:user_set_password", args=[target.pk])
    admin.page(url)
    with TestCase.captureOnCommitCallbacks(execute=True):
        assert admin.post(url, {"password": "temporary-passphrase-1"}).status_code == 302
    target.refresh_from_db()
    assert target.must_change_password
    assert "temporary password" in mailoutbox[-1].body
    assert AuditEvent.objects.filter(object_id=str(target.pk), summary="Set a temporary password")

    person = CheckingClient()
    temporary = {"username": target.username, "password": "temporary-passphrase-1"}
    person.post(reverse("accounts:login"), temporary)
    assert person.get(reverse("portal:home"))["Location"] == reverse("accounts:password_change")
    page = person.page(reverse("accounts:password_change"))
    assert page.select_one("[data-testid=must-change]")
    response = person.post(reverse("accounts:password_change"), {
        "old_password": "temporary-passphrase-1",
        "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD,
    })  # fmt: skip
    assert response.status_code == 302
    target.refresh_from_db()
    assert not target.must_change_password
    assert person.get(reverse("portal:home")).status_code == 200


def test_an_account_an_administrator_makes_must_change_its_password(area, login):
    from accounts.tests.test_user_admin import NEW_USER, new_user

    login("administrator").post(NEW_USER, new_user())
    assert User.objects.get(username="k.ahmed").must_change_password


def test_no_one_changes_their_own_role(area, login):
    admin = area.users["administrator"]
    client = login("administrator")
    url = reverse("accounts:user_edit", args=[admin.pk])
    page = client.page(url)
    form = {"first_name": admin.first_name, "last_name": admin.last_name,
            "email": admin.email or "a@example.org",
            "job_title": "", "role": "manager", "professional_type": "",
            "version": page.select_one("input[name=version]")["value"]}  # fmt: skip
    client.post(url, form)
    admin.refresh_from_db()
    assert admin.role == "administrator"
    assert not RoleChangeRequest.objects.exists()


def _second_administrator():
    return User.objects.create_user(username="second.admin", email="second@example.org", role="administrator")


def test_raising_someone_to_manager_needs_a_second_administrator(area, login, mailoutbox):
    target = area.users["caseworker"]
    first = login("administrator")
    url = reverse("accounts:user_edit", args=[target.pk])
    seen = first.page(url).select_one("input[name=version]")["value"]
    form = {"first_name": target.first_name, "last_name": target.last_name, "email": target.email,
            "job_title": "Lead", "role": "manager", "professional_type": "", "version": seen}  # fmt: skip
    assert first.post(url, form).status_code == 302
    target.refresh_from_db()
    assert (target.role, target.job_title) == ("caseworker", "Lead")  # details saved, role waits
    change = RoleChangeRequest.objects.get()

    decide = reverse("accounts:role_change_decide", args=[change.pk])
    first.post(decide, {"decision": "approve"})  # the asker cannot approve their own request
    target.refresh_from_db()
    assert target.role == "caseworker"

    second = _signed_in_client(_second_administrator())
    listed = second.page(reverse("accounts:role_change_list"))
    assert listed.select("[data-testid=role-change]")
    with TestCase.captureOnCommitCallbacks(execute=True):
        second.post(decide, {"decision": "approve"})
    target.refresh_from_db()
    assert target.role == "manager"
    summaries = set(AuditEvent.objects.filter(object_id=str(target.pk)).values_list("summary", flat=True))
    assert "Asked for a role change to manager" in summaries
    assert any("approved by a second administrator" in s for s in summaries)
    assert "Your role in the service was changed to: SEND team manager" in mailoutbox[-1].body


def test_resetting_someones_two_factor_is_audited_and_they_are_told(area, login, mailoutbox):
    target = area.users["manager"]
    with TestCase.captureOnCommitCallbacks(execute=True):
        login("administrator").post(reverse("accounts:user_reset_two_factor", args=[target.pk]))
    assert AuditEvent.objects.filter(object_id=str(target.pk), summary="Reset two-factor sign-in")
    assert mailoutbox[-1].to == [target.email] and "Two-factor sign-in" in mailoutbox[-1].body


def test_a_form_without_its_csrf_token_gets_a_govuk_page_with_a_way_back(area):
    client = CheckingClient(enforce_csrf_checks=True)
    response = client.post(reverse("accounts:login"), {"username": "x", "password": "y"})
    assert response.status_code == 403
    soup = check_page(response)
    assert soup.h1.get_text(strip=True) == "Your form could not be sent"
    assert soup.select_one("[data-testid=csrf-way-back]")["href"] == reverse("accounts:login")
