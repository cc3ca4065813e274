"""One person, one record: when a parent with an account takes up an invitation naming the carer
record a caseworker made for them, the child keeps one record of them (before, both: the same
father listed twice, one of them with no account, letters and meeting invitations split)."""

from datetime import date, timedelta

import pytest
from django.test import RequestFactory
from django.utils import timezone

from accounts.roles import Role
from audit.models import AuditEvent
from people.models import ChildRelationship, ParentCarer
from people.tests.factories import ChildFactory, ParentCarerFactory, UserFactory
from portal import linking
from portal.models import Invitation, InvitationFor, hash_token
from reviews.models import Invitee, InviteeKind
from reviews.tests.factories import review_for

pytestmark = pytest.mark.django_db


def _account_with_record():
    tom = UserFactory(
        username="tom.walsh@example.org",
        email="tom.walsh@example.org",
        role=Role.PARENT,
        first_name="Tom",
        last_name="Walsh",
        email_verified_at=timezone.now(),
    )
    ParentCarerFactory(first_name="Tom", last_name="Walsh", email=tom.email, user=tom, phone="", address="")
    return tom


def _on_file(child, **fields):
    on_file = ParentCarerFactory(
        first_name="Thomas",
        last_name="Walsh",
        email="tom.walsh@example.org",
        phone="07700 900123",
        address="1 Mill Lane",
        postcode="LS1 4AB",
        interpreter_needed=True,
        language="POL",
        **fields,
    )
    ChildRelationship.objects.create(
        child=child, parent_carer=on_file, relationship="father", parental_responsibility=False
    )
    return on_file


def _accept(child, on_file, tom):
    invitation = Invitation.objects.create(
        child=child,
        parent_carer=on_file,
        invited=InvitationFor.PARENT,
        email=tom.email,
        token_hash=hash_token("t" * 40),
        expires_at=timezone.now() + timedelta(days=14),
        created_by=UserFactory(role=Role.CASEWORKER),
    )
    request = RequestFactory().get("/")
    request.user = tom
    linking.accept_invitation_for_account(request, invitation, tom)
    return invitation


def test_the_child_keeps_one_record_of_the_parent_with_what_the_caseworker_recorded():
    tom, child = _account_with_record(), ChildFactory()
    on_file = _on_file(child)
    review = review_for(child)
    invitee = Invitee.objects.create(
        review=review,
        kind=InviteeKind.FAMILY,
        parent_carer=on_file,
        name="Thomas Walsh",
        invited_on=date(2026, 11, 2),
    )

    invitation = _accept(child, on_file, tom)

    links = ChildRelationship.objects.filter(child=child)
    assert [
        (link.parent_carer.user, link.relationship, link.parental_responsibility, link.verified)
        for link in links
    ] == [(tom, "father", False, True)]
    assert not ParentCarer.objects.filter(pk=on_file.pk).exists()
    record = tom.parent_carer
    record.refresh_from_db()
    assert (record.phone, record.address, record.postcode) == ("07700 900123", "1 Mill Lane", "LS1 4AB")
    assert record.interpreter_needed and record.language == "POL"
    invitee.refresh_from_db()
    invitation.refresh_from_db()
    assert invitee.parent_carer == record and invitation.parent_carer == record
    assert AuditEvent.objects.filter(child=child, summary__contains="merged").count() == 1


def test_a_record_linked_to_another_child_stays_for_that_child_only():
    tom, child, sibling = _account_with_record(), ChildFactory(), ChildFactory()
    on_file = _on_file(child)
    ChildRelationship.objects.create(child=sibling, parent_carer=on_file, relationship="father")

    _accept(child, on_file, tom)

    carers = ChildRelationship.objects.values_list("parent_carer", flat=True)
    assert list(carers.filter(child=child)) == [tom.parent_carer.pk]
    # The invitation proved who Tom is for this child, so the sibling's record does not open to him.
    assert list(carers.filter(child=sibling)) == [on_file.pk]
    assert ParentCarer.objects.get(pk=on_file.pk).user is None


def test_the_account_s_own_details_are_not_overwritten():
    tom, child = _account_with_record(), ChildFactory()
    ParentCarer.objects.filter(user=tom).update(phone="07700 900999")
    _accept(child, _on_file(child), tom)
    assert ParentCarer.objects.get(user=tom).phone == "07700 900999"
