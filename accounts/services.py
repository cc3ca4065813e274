"""The only code that changes an account on the administrators' pages: its details (with a
SENCo's school, through people.memberships), closing or reopening it, resetting two-factor
sign-in, a temporary password. Each function checks, writes and
audits; an edit made on a page opened before someone else's is refused (StaleEditError, through
the account's version, core.models.Versioned)."""

from django.db import transaction
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import security_messages
from audit.models import Action
from audit.services import record
from people import memberships


class AccountRefused(Exception):
    """The change is not allowed; the message says why in plain English."""


def _not_yourself(request, account, what):
    if account == request.user:
        raise AccountRefused(f"You cannot {what} your own account")


@transaction.atomic
def create_account(request, form):
    """A new account from the administrators' form (already valid), with its school if a SENCo."""
    account = form.save()
    record(request, Action.CREATE, obj=account, summary=f"Created account ({account.role})")
    memberships.set_account_school(request, account, form.cleaned_data.get("school"))
    return account


@transaction.atomic
def save_details(request, account, expected_version, school=None) -> None:
    """Save the details already set on `account` (the validated form's values) and the school
    of a SENCo; refused (StaleEditError) if the account changed since the page was opened."""
    account.save_edit(expected_version)
    record(request, Action.UPDATE, obj=account, summary="Changed account details")
    memberships.set_account_school(request, account, school)


@transaction.atomic
def set_active(request, account, active: bool, expected_version=None) -> None:
    """Close an account (its holder can no longer sign in) or reopen it. Nobody closes their own."""
    _not_yourself(request, account, "close or reopen")
    account.is_active = active
    account.save_edit(expected_version, update_fields=["is_active"])
    record(request, Action.UPDATE, obj=account, summary="Reopened account" if active else "Closed account")


@transaction.atomic
def reset_two_factor(request, account) -> None:
    """Forget the account's authenticator: they set up a new one at their next sign-in, and are told."""
    TOTPDevice.objects.filter(user=account).delete()
    record(request, Action.UPDATE, obj=account, summary="Reset two-factor sign-in")
    transaction.on_commit(lambda: security_messages.send_security_change(account, "two_factor"))


@transaction.atomic
def set_temporary_password(request, account, password) -> None:
    """An administrator sets a temporary password (for someone who cannot use the emailed reset,
    already checked by the form): audited, the person emailed, and they must choose their own at
    their next sign-in."""
    _not_yourself(request, account, "set a temporary password for")
    account.set_password(password)
    account.must_change_password = True
    account.save(update_fields=["password", "must_change_password"])
    record(request, Action.UPDATE, obj=account, summary="Set a temporary password")
    transaction.on_commit(
        lambda: security_messages.send_security_change(account, "password_set_by_administrator")
    )


@transaction.atomic
def confirm_two_factor(request, device) -> None:
    """The signed-in person typed a right code from their new authenticator: it is theirs from
    now on, this session counts as verified, and it is audited."""
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    otp_login(request, device)
    record(request, Action.TWO_FACTOR_SET_UP, obj=request.user, summary="Set up an authenticator")
