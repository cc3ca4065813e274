"""The account services the administrators' pages call (accounts.services, people.memberships):
each writes its audit entry, and the account's version refuses an edit made on an older page."""

import pytest
from django.test import RequestFactory
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import services
from accounts.models import User
from audit.models import AuditEvent
from core.concurrency import StaleEditError
from people import memberships
from people.access import children_visible_to
from people.models import SchoolMembership

pytestmark = pytest.mark.django_db


def as_user(user):
    request = RequestFactory().post("/accounts/users/")
    request.user = user
    return request


def audited(account) -> list[str]:
    return list(
        AuditEvent.objects.filter(object_type="user", object_id=str(account.pk))
        .order_by("pk")
        .values_list("summary", flat=True)
    )


def test_closing_an_account_while_its_details_are_open_makes_that_edit_stale(area):
    """What the SHA-256 stamp of the fields did, the version does: a details form opened before the
    account was closed cannot save over it (and cannot reopen it)."""
    admin, account = area.users["administrator"], area.users["caseworker"]
    opened_on = User.objects.get(pk=account.pk).version
    services.set_active(as_user(admin), User.objects.get(pk=account.pk), False)
    stale = User.objects.get(pk=account.pk)
    stale.job_title = "Team lead"
    with pytest.raises(StaleEditError):
        services.save_details(as_user(admin), stale, opened_on)
    stored = User.objects.get(pk=account.pk)
    assert (stored.is_active, stored.job_title, stored.version) == (False, account.job_title, opened_on + 1)
    assert audited(account) == ["Closed account"]


def test_closing_and_reopening_are_audited_and_nobody_closes_their_own(area):
    admin, account = area.users["administrator"], area.users["caseworker"]
    services.set_active(as_user(admin), account, False)
    services.set_active(as_user(admin), account, True)
    assert audited(account) == ["Closed account", "Reopened account"]
    with pytest.raises(services.AccountRefused):
        services.set_active(as_user(admin), admin, False)
    assert User.objects.get(pk=admin.pk).is_active


def test_resetting_two_factor_forgets_the_authenticator_and_is_audited(area):
    admin, account = area.users["administrator"], area.users["caseworker"]
    TOTPDevice.objects.create(user=account, name="phone", confirmed=True)
    services.reset_two_factor(as_user(admin), account)
    assert not TOTPDevice.objects.filter(user=account).exists()
    assert audited(account) == ["Reset two-factor sign-in"]


def test_a_temporary_password_is_audited(area):
    admin, account = area.users["administrator"], area.users["caseworker"]
    services.set_temporary_password(as_user(admin), account, "a long enough temporary words")
    account.refresh_from_db()
    assert account.must_change_password and account.check_password("a long enough temporary words")
    assert audited(account) == ["Set a temporary password"]


def test_moving_a_senco_to_another_school_is_audited_on_the_account_and_both_schools(area):
    admin, senco = area.users["administrator"], area.users["senco"]
    assert memberships.set_account_school(as_user(admin), senco, area.other_school)
    assert list(children_visible_to(senco)) == [area.other_child]
    assert audited(senco) == [f"No longer a SENCo of {area.school}", f"Made a SENCo of {area.other_school}"]
    for school in (area.school, area.other_school):
        assert AuditEvent.objects.filter(object_type="setting", object_id=str(school.public_id)).exists()
    assert not memberships.set_account_school(as_user(admin), senco, area.other_school)  # nothing new


def test_a_school_adds_removes_and_chooses_its_administrator_through_the_service(area):
    admin, senco = area.users["administrator"], area.users["senco"]
    SchoolMembership.objects.filter(user=senco).delete()
    request = as_user(admin)
    membership = memberships.add_senco(request, area.other_school, senco)
    memberships.set_administrator(request, membership, True)
    memberships.remove(request, membership)
    membership.refresh_from_db()
    assert (membership.is_active, membership.is_school_admin) == (False, False)
    summaries = AuditEvent.objects.filter(object_type="setting", object_id=str(area.other_school.public_id))
    assert list(summaries.order_by("pk").values_list("summary", flat=True)) == [
        "Added a SENCo to a school's staff",
        "Changed a school's administrator",
        "Removed a person from a school's staff",
    ]
    with pytest.raises(memberships.MembershipRefused):
        memberships.set_administrator(request, membership, True)  # no longer on the staff
    with pytest.raises(memberships.MembershipRefused):
        memberships.add_senco(request, area.other_school, area.users["caseworker"])  # not a SENCo
