"""A young person (16 or over) registers as themselves, asks for their own record, and once a
caseworker approves it reads about their own plan in the first person (CoP 8.13)."""

import pytest
from django.core import mail
from django.test import TestCase
from django.urls import reverse

from accounts.models import User
from accounts.roles import Role
from conftest import CheckingClient
from people.models import Child, ParentCarer
from people.tests.factories import ChildFactory
from portal.models import LinkRequest, LinkRequestStatus
from portal.tests.test_family_verification import verify_link
from portal.tests.test_linking import PASSWORD

pytestmark = pytest.mark.django_db


def test_a_young_person_registers_as_themselves_and_gets_their_own_record(area, login):
    record = ChildFactory(legal_first_name="Mia", legal_last_name="Shah")
    me = CheckingClient()
    form = me.page(reverse("portal:create_account"))
    assert form.find("input", attrs={"name": "who", "value": "young_person"})
    with TestCase.captureOnCommitCallbacks(execute=True):
        made = me.post(
            reverse("portal:create_account"),
            {
                "who": "young_person",
                "first_name": "Mia",
                "last_name": "Shah",
                "email": "mia@example.org",
                "password1": PASSWORD,
                "password2": PASSWORD,
            },
        )
    assert made["Location"] == reverse("portal:check_email")
    assert not User.objects.filter(username="mia@example.org").exists()  # not until verified
    me.get(verify_link(mail.outbox[-1]))
    verified = me.post(reverse("portal:verify_email"))
    assert verified["Location"] == reverse("portal:link_request")
    user = User.objects.get(username="mia@example.org")
    assert user.role == Role.YOUNG_PERSON and not ParentCarer.objects.filter(user=user).exists()
    page = me.page(reverse("portal:link_request"))
    assert page.h1.get_text(strip=True) == "Ask to see your own records"
    assert not page.find("input", attrs={"name": "relationship"})
    token = page.find("input", attrs={"name": "form_token"})["value"]
    born = record.date_of_birth
    me.post(
        reverse("portal:link_request"),
        {
            "form_token": token,
            "first_name": "Mia",
            "last_name": "Shah",
            "date_of_birth_day": born.day,
            "date_of_birth_month": born.month,
            "date_of_birth_year": born.year,
        },
    )
    link_request = LinkRequest.objects.get(requested_by=user)
    caseworker = login("caseworker")
    url = reverse("portal:link_request_decide", args=[link_request.public_id])
    assert caseworker.post(url, {"decision": "approve", "child": str(record.public_id)}).status_code == 302
    link_request.refresh_from_db()
    assert link_request.status == LinkRequestStatus.APPROVED
    assert Child.objects.get(pk=record.pk).own_account == user
    home = me.page(reverse("portal:home"))
    assert home.h1.get_text(strip=True) == "Your plan and records"
    assert "Mia Shah" in home.get_text()


def test_a_parent_still_registers_without_choosing(area):
    parent = CheckingClient()
    with TestCase.captureOnCommitCallbacks(execute=True):
        made = parent.post(
            reverse("portal:create_account"),
            {
                "first_name": "Kate",
                "last_name": "Walsh",
                "email": "kate@example.org",
                "password1": PASSWORD,
                "password2": PASSWORD,
            },
        )
    assert made.status_code == 302
    parent.get(verify_link(mail.outbox[-1]))
    parent.post(reverse("portal:verify_email"))
    assert User.objects.get(username="kate@example.org").role == Role.PARENT
