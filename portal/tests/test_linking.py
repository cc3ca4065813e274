"""Linking accounts to children: only the area verifies a link, by invitation or by approving a
request; invitations are single use, expire, and are stored only as a hash."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.test import RequestFactory, TestCase
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from audit.models import Action, AuditEvent
from casework.tests.factories import case_at
from conftest import CheckingClient
from core.tests.list_export_helpers import csv_lines, export_job, exported
from notifications.models import Notification
from people.models import ChildRelationship, ParentCarer
from people.tests.factories import ChildFactory, ParentCarerFactory
from portal import linking
from portal.models import Invitation, LinkRequest, LinkRequestStatus

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-family-password-42"


@pytest.fixture
def dad(area):
    """A father on the other child's record, without an account yet."""
    dad = ParentCarerFactory(first_name="Tom", last_name="Walsh", email="tom.walsh@example.org")
    ChildRelationship.objects.create(child=area.other_child, parent_carer=dad, relationship="father")
    return dad


def _invite(client, child, data, capture):
    page = client.page(reverse("portal:invite", args=[child.public_id]))
    token = page.find("input", attrs={"name": "form_token"})["value"]
    with capture(execute=True):
        return client.post(reverse("portal:invite", args=[child.public_id]), {**data, "form_token": token})


def _link_in(message):
    return re.search(r"http://\S+(/portal/join/[^/\s]+/)", message.body).group(1)


def _join(client, link, **overrides):
    client.get(link)
    data = {"first_name": "Tom", "last_name": "Walsh", "password1": PASSWORD, "password2": PASSWORD}
    return client.post(reverse("portal:join"), {**data, **overrides})


def test_a_caseworker_invites_a_parent_who_joins_and_sees_the_child(
    area, login, dad, django_capture_on_commit_callbacks
):
    caseworker = login("caseworker")
    response = _invite(
        caseworker,
        area.other_child,
        {"invitee": f"parent:{dad.public_id}", "email": dad.email},
        django_capture_on_commit_callbacks,
    )
    assert response.status_code == 302
    (email,) = mail.outbox
    assert email.to == [dad.email]
    # No child is named in the email: not in the subject, not in the body.
    for text in (email.subject, email.body):
        assert "Jacob" not in text and "Walsh" not in text
    link = _link_in(email)
    # Only a hash of the token is kept, and the log holds the address without the token.
    token = link.rstrip("/").rsplit("/", 1)[1]
    invitation = Invitation.objects.get()
    assert invitation.token_hash != token and token not in invitation.token_hash
    logged = Notification.objects.get(message_type="portal_invitation")
    assert token not in logged.body and logged.link == reverse("portal:join")
    assert AuditEvent.objects.filter(action=Action.CREATE, child=area.other_child, object_type="invitation")

    family = CheckingClient()
    assert family.get(link)["Location"] == reverse("portal:join")
    family.page(reverse("portal:join"))
    response = family.post(
        reverse("portal:join"),
        {"first_name": "Tom", "last_name": "Walsh", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response["Location"] == reverse("portal:home")
    user = User.objects.get(username=dad.email)
    dad.refresh_from_db()
    assert (user.role, dad.user) == (Role.PARENT, user)
    assert ChildRelationship.objects.get(child=area.other_child, parent_carer=dad).verified
    accepted = AuditEvent.objects.filter(child=area.other_child, summary__startswith="Accepted").get()
    assert accepted.actor == user
    assert "Jacob Walsh" in family.page(reverse("portal:home")).get_text()
    case = case_at(area.other_child, "received")
    family.page(reverse("portal:case_detail", args=[case.public_id]))


def test_an_invitation_works_once(area, login, dad, django_capture_on_commit_callbacks):
    _invite(
        login("caseworker"),
        area.other_child,
        {"invitee": f"parent:{dad.public_id}", "email": dad.email},
        django_capture_on_commit_callbacks,
    )
    link = _link_in(mail.outbox[0])
    assert _join(CheckingClient(), link).status_code == 302
    again = CheckingClient()
    again.get(link)
    soup = again.page(reverse("portal:join"))
    assert soup.h1.get_text(strip=True) == "This invitation link does not work"
    assert User.objects.filter(username=dad.email).count() == 1


def test_an_expired_invitation_does_not_work(area, login, dad, django_capture_on_commit_callbacks):
    _invite(
        login("caseworker"),
        area.other_child,
        {"invitee": f"parent:{dad.public_id}", "email": dad.email},
        django_capture_on_commit_callbacks,
    )
    Invitation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    client = CheckingClient()
    response = _join(client, _link_in(mail.outbox[0]))
    assert response.status_code == 200 and b"This invitation link does not work" in response.content
    assert not User.objects.filter(username=dad.email).exists()


def test_a_new_invitation_withdraws_the_earlier_one(area, login, dad, django_capture_on_commit_callbacks):
    caseworker = login("caseworker")
    data = {"invitee": f"parent:{dad.public_id}", "email": dad.email}
    _invite(caseworker, area.other_child, data, django_capture_on_commit_callbacks)
    _invite(caseworker, area.other_child, data, django_capture_on_commit_callbacks)
    first, second = (_link_in(m) for m in mail.outbox)
    assert linking.find_invitation(first.rstrip("/").rsplit("/", 1)[1]) is None
    assert linking.find_invitation(second.rstrip("/").rsplit("/", 1)[1]) is not None


def test_a_weak_or_mismatched_password_is_refused_and_nothing_is_made(
    area, login, dad, django_capture_on_commit_callbacks
):
    _invite(
        login("caseworker"),
        area.other_child,
        {"invitee": f"parent:{dad.public_id}", "email": dad.email},
        django_capture_on_commit_callbacks,
    )
    client = CheckingClient()
    link = _link_in(mail.outbox[0])
    response = _join(client, link, password1="short", password2="short")
    assert response.status_code == 200
    assert b"govuk-error-summary" in response.content
    response = _join(client, link, password2="something-else-entirely-9")
    assert b"The passwords do not match" in response.content
    # An empty form sent is an error too, not the blank form again.
    empty = client.post(reverse("portal:join"), {})
    assert empty.status_code == 200 and b"govuk-error-summary" in empty.content
    empty = CheckingClient().post(reverse("portal:create_account"), {})
    assert empty.status_code == 200 and b"govuk-error-summary" in empty.content
    assert not User.objects.filter(username=dad.email).exists()
    assert Invitation.objects.get().accepted_at is None


def test_a_young_person_can_be_invited_to_hold_their_own_account(
    area, login, django_capture_on_commit_callbacks
):
    teen = ChildFactory(
        legal_first_name="Priya", legal_last_name="Shah", date_of_birth=area.young_person_child.date_of_birth
    )
    _invite(
        login("caseworker"),
        teen,
        {"invitee": "young_person", "email": "priya@example.org"},
        django_capture_on_commit_callbacks,
    )
    client = CheckingClient()
    _join(client, _link_in(mail.outbox[0]), first_name="Priya", last_name="Shah")
    teen.refresh_from_db()
    assert teen.own_account.role == Role.YOUNG_PERSON
    assert "Priya Shah" in client.page(reverse("portal:home")).get_text()


def test_the_invite_form_says_what_is_wrong(area, login, dad):
    client = login("caseworker")
    response = client.post(
        reverse("portal:invite", args=[area.other_child.public_id]), {"email": "not an email"}
    )
    assert response.status_code == 200
    assert b"Select who to invite" in response.content
    assert b"Enter an email address in the right format" in response.content
    assert not Invitation.objects.exists()


def _register(client, email="kate@example.org"):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(
            reverse("portal:create_account"),
            {
                "first_name": "Kate",
                "last_name": "Walsh",
                "email": email,
                "password1": PASSWORD,
                "password2": PASSWORD,
            },
        )


def _verify_link_in(message):
    return re.search(r"http://\S+(/portal/verify-email/[^/\s]+/)", message.body).group(1)


def _make_account(client):
    """Register, then follow the emailed verification link: the account exists only then."""
    assert _register(client)["Location"] == reverse("portal:check_email")
    message = mail.outbox.pop()
    assert client.get(_verify_link_in(message))["Location"] == reverse("portal:verify_email")
    return client.post(reverse("portal:verify_email"))


def _ask(client, area, **overrides):
    page = client.page(reverse("portal:link_request"))
    token = page.find("input", attrs={"name": "form_token"})["value"]
    born = area.other_child.date_of_birth
    data = {
        "form_token": token,
        "first_name": "jacob",
        "last_name": "Walsh",
        "date_of_birth_day": born.day,
        "date_of_birth_month": born.month,
        "date_of_birth_year": born.year,
        "relationship": "mother",
        "note": "He goes to Beckside Academy",
    }
    return client.post(reverse("portal:link_request"), {**data, **overrides}), data


def test_a_parent_asks_for_a_link_and_a_caseworker_approves_it(
    area, login, django_capture_on_commit_callbacks
):
    family = CheckingClient()
    assert family.page(reverse("portal:create_account")).h1.get_text(strip=True) == "Make an account"
    assert _make_account(family)["Location"] == reverse("portal:link_request")
    response, data = _ask(family, area)
    assert response["Location"] == reverse("portal:home")
    # A second submit of the same form asks once.
    family.post(reverse("portal:link_request"), data)
    link_request = LinkRequest.objects.get()
    case = case_at(area.other_child, "received")
    # Until a caseworker approves, the account sees nothing of the child.
    assert family.get(reverse("portal:case_detail", args=[case.public_id])).status_code == 404
    assert "we are checking" in family.page(reverse("portal:home")).get_text().lower()

    caseworker = login("caseworker")
    listed = caseworker.page(reverse("portal:link_request_list"))
    assert listed.find("a", href=reverse("portal:link_request_decide", args=[link_request.public_id]))
    url = reverse("portal:link_request_decide", args=[link_request.public_id])
    caseworker.page(url)
    with django_capture_on_commit_callbacks(execute=True):
        response = caseworker.post(url, {"decision": "approve", "child": str(area.other_child.public_id)})
    assert response.status_code == 302
    link_request.refresh_from_db()
    assert (link_request.status, link_request.child) == (LinkRequestStatus.APPROVED, area.other_child)
    family.page(reverse("portal:case_detail", args=[case.public_id]))
    (email,) = mail.outbox
    assert "Jacob" not in email.subject + email.body
    assert AuditEvent.objects.filter(action=Action.UPDATE, object_type="linkrequest", child=area.other_child)


def test_approving_a_parent_whose_record_is_on_file_keeps_one_record_of_them(
    area, login, django_capture_on_commit_callbacks
):
    # Staff recorded Kate (no account) with the address she then made her account with.
    on_file = ParentCarerFactory(first_name="Kate", last_name="Walsh", email="KATE@example.org",
                                 phone="07700 900123")
    ChildRelationship.objects.create(child=area.other_child, parent_carer=on_file, relationship="mother")
    _family, _request, url, caseworker = _asked_and_opened(area, login)
    said = caseworker.page(url).find(attrs={"data-testid": "carers-on-record"}).get_text(" ", strip=True)
    assert "the same email address as the person asking" in said
    with django_capture_on_commit_callbacks(execute=True):
        caseworker.post(url, {"decision": "approve", "child": str(area.other_child.public_id)})

    links = ChildRelationship.objects.filter(child=area.other_child).select_related("parent_carer__user")
    assert [(link.parent_carer.user.email, link.relationship, link.parent_carer.phone) for link in links] == [
        ("kate@example.org", "mother", "07700 900123")
    ]
    assert not ParentCarer.objects.filter(pk=on_file.pk).exists()


def test_two_records_on_file_with_the_address_are_left_for_the_caseworker(area, login):
    # Which of two is the asker cannot be told from the address, so neither is merged or pointed at.
    for first_name in ("Kate", "Katie"):
        on_file = ParentCarerFactory(first_name=first_name, last_name="Walsh", email="kate@example.org")
        ChildRelationship.objects.create(child=area.other_child, parent_carer=on_file, relationship="mother")
    _family, _request, url, caseworker = _asked_and_opened(area, login)
    said = caseworker.page(url).find(attrs={"data-testid": "carers-on-record"}).get_text(" ", strip=True)
    assert "the same email address" not in said
    caseworker.post(url, {"decision": "approve", "child": str(area.other_child.public_id)})
    assert ChildRelationship.objects.filter(child=area.other_child).count() == 3


def _asked_and_opened(area, login):
    """A family makes an account and asks for a link; a caseworker is signed in to decide it."""
    family = CheckingClient()
    _make_account(family)
    _ask(family, area)
    link_request = LinkRequest.objects.get()
    url = reverse("portal:link_request_decide", args=[link_request.public_id])
    return family, link_request, url, login("caseworker")


def test_a_rejection_needs_a_reason_and_opens_nothing(area, login, django_capture_on_commit_callbacks):
    family, link_request, url, caseworker = _asked_and_opened(area, login)
    response = caseworker.post(url, {"decision": "reject"})
    assert b"Say why, so the family knows what to do next" in response.content
    with django_capture_on_commit_callbacks(execute=True):
        caseworker.post(url, {"decision": "reject", "reason": "We could not confirm who you are"})
    link_request.refresh_from_db()
    assert link_request.status == LinkRequestStatus.REJECTED
    assert not ChildRelationship.objects.filter(child=area.other_child).exists()
    assert "An update on your family portal request" in mail.outbox[0].subject
    # The message says "sign in to read why": the reason is on the family's home page.
    assert (
        "We could not confirm who you are"
        in family.page(reverse("portal:home")).find(id="link-requests").get_text()
    )
    # A decided request cannot be decided again.
    request = RequestFactory().post(url)
    request.user = area.users["manager"]
    with pytest.raises(linking.LinkError):
        linking.approve(request, link_request, area.other_child)
    assert not ChildRelationship.objects.filter(child=area.other_child).exists()


def test_a_request_that_matches_no_child_cannot_be_approved(area, login):
    family = CheckingClient()
    _make_account(family)
    _ask(family, area, first_name="Nobody")
    link_request = LinkRequest.objects.get()
    caseworker = login("caseworker")
    url = reverse("portal:link_request_decide", args=[link_request.public_id])
    assert caseworker.page(url).find(id="no-match")
    response = caseworker.post(url, {"decision": "approve"})
    assert b"No child on our records matches" in response.content
    link_request.refresh_from_db()
    assert link_request.status == LinkRequestStatus.WAITING


def test_only_caseworkers_decide_requests(area, login):
    family = CheckingClient()
    _make_account(family)
    _ask(family, area)
    link_request = LinkRequest.objects.get()
    url = reverse("portal:link_request_decide", args=[link_request.public_id])
    for persona in ("parent", "senco", "panel"):
        response = login(persona).post(url, {"decision": "approve", "child": str(area.other_child.public_id)})
        assert response.status_code == 403
    assert (
        family.post(url, {"decision": "approve", "child": str(area.other_child.public_id)}).status_code == 403
    )
    link_request.refresh_from_db()
    assert link_request.status == LinkRequestStatus.WAITING


def test_an_email_that_already_has_an_account_cannot_make_another_and_the_page_does_not_say(area):
    _make_account(CheckingClient())
    unknown = _register(CheckingClient(), email="nobody@example.org")
    known = _register(CheckingClient())
    # The same answer either way; only the address's owner is told, by email.
    assert known["Location"] == unknown["Location"] == reverse("portal:check_email")
    assert User.objects.filter(username="kate@example.org").count() == 1
    to_owner = [m for m in mail.outbox if m.to == ["kate@example.org"]]
    assert "already have an account" in to_owner[-1].subject


def test_the_request_list_filters_by_status_and_exports(area, login):
    family = CheckingClient()
    _make_account(family)
    _ask(family, area)
    LinkRequest.objects.create(
        requested_by=area.users["parent"],
        child_first_name="Old",
        child_last_name="Request",
        child_date_of_birth=area.other_child.date_of_birth,
        relationship="father",
        status=LinkRequestStatus.REJECTED,
        decided_at=timezone.now(),
    )
    client = login("manager")
    waiting = client.page(reverse("portal:link_request_list")).find(id="link-requests").get_text()
    assert "jacob Walsh" in waiting and "Old Request" not in waiting
    refused = client.page(reverse("portal:link_request_list") + "?status=rejected").find(id="link-requests")
    assert "Old Request" in refused.get_text() and "jacob" not in refused.get_text()
    # The export runs on the job queue (issue 22): the status chosen applies; the file is the owner's.
    job = export_job(client, reverse("portal:link_request_list") + "?status=waiting&format=csv")
    lines = csv_lines(client.get(reverse("jobs:download", args=[job.public_id])))
    assert lines[0].startswith("Asked on,Who asked") and len(lines) == 2 and "kate@example.org" in lines[1]
    assert AuditEvent.objects.filter(action=Action.EXPORT, actor=area.users["manager"]).exists()
    rejected = reverse("portal:link_request_list") + "?status=rejected&format=csv"
    rejected = csv_lines(exported(client, rejected))
    assert len(rejected) == 2 and "Old" in rejected[1]
    assert login("caseworker").get(reverse("jobs:download", args=[job.public_id])).status_code == 404
    bad = client.page(reverse("portal:link_request_list") + "?status=nonsense")
    assert bad.select_one(".govuk-error-summary a[href='#status']") and not bad.find(id="link-requests")
    assert client.page(reverse("portal:link_request_list")).select_one("select#status option[selected]")[
        "value"
    ] == "waiting"
