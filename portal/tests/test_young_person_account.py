"""A young person (16 or over) registers as themselves, asks for their own record, and once a
caseworker approves it reads about their own plan in the first person (CoP 8.13)."""

from datetime import date

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
    record = ChildFactory(legal_first_name="Mia", legal_last_name="Shah", date_of_birth=date(2007, 4, 3))
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


def _young_persons_request(area, child):
    return LinkRequest.objects.create(
        requested_by=area.users["young_person"],
        child_first_name=child.legal_first_name,
        child_last_name=child.legal_last_name,
        child_date_of_birth=child.date_of_birth,
        relationship="other",
    )


def test_a_young_persons_link_to_a_child_of_compulsory_school_age_is_refused_with_a_clear_error(area, login):
    # Born 1 September 2010: in year 11 until the last Friday of June 2027, so not yet a young person.
    pupil = ChildFactory(legal_first_name="Noor", legal_last_name="Ali", date_of_birth=date(2010, 9, 1))
    link_request = _young_persons_request(area, pupil)
    url = reverse("portal:link_request_decide", args=[link_request.public_id])
    page = login("caseworker").post(url, {"decision": "approve", "child": str(pupil.public_id)})
    assert page.status_code == 200
    html = page.content.decode()
    assert "govuk-error-summary" in html
    assert "Noor Ali is still of compulsory school age (until 25 June 2027)" in html
    link_request.refresh_from_db()
    pupil.refresh_from_db()
    assert link_request.status == LinkRequestStatus.WAITING and pupil.own_account is None


def test_the_service_refuses_it_too_whatever_the_door(area, rf):
    from portal import linking

    pupil = ChildFactory(date_of_birth=date(2012, 2, 2))
    request = rf.post("/")
    request.user = area.users["caseworker"]
    with pytest.raises(linking.LinkError, match="compulsory school age"):
        linking.approve(request, _young_persons_request(area, pupil), pupil)
    assert Child.objects.get(pk=pupil.pk).own_account is None
