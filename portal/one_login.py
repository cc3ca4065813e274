"""GOV.UK One Login for families: finding or making the family account for a verified identity.

Registered with the sign-in backend (accounts/sso/backend.py `family_accounts`): the portal owns
linking families to children, so the account side of single sign-on knows nothing of it.

An account is linked to a child only through the area's existing checks (portal/linking.py): an
invitation the browser is holding (emailed to the family by a caseworker), or a link request a
caseworker approves. Names are never matched, to find a child or an account.

- An existing family account is linked when its own confirmed email address is the one One Login
  verified; if the browser holds an invitation, it must have been sent to that same address.
- With an invitation and no account, the invited person's account is made.
- With neither, the person first says whether they are a parent or carer or a young person
  (portal:one_login_who_are_you); the verified claims wait in the server-side session until then.
"""

import time
from types import SimpleNamespace

from django.contrib.auth import login
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.roles import FAMILY_ROLES
from accounts.sso import providers
from accounts.sso.backend import AskWhoTheyAre, SignInRefused, family_accounts, link
from accounts.sso.views import begin_session
from portal import linking

# The verified claims of a new family, kept in the session (never in an address) while they
# answer one question; a quarter of an hour is plenty for one radio button.
NEW_ACCOUNT_SESSION = "sso_new_family_account"
NEW_ACCOUNT_SECONDS = 15 * 60


def refusal(advice: str) -> SignInRefused:
    return SignInRefused("family", heading=_("We could not finish signing you in"), advice=advice)


@family_accounts
def account_for(request, provider, claims, verified_email) -> User:
    """The family account for a One Login identity no account is linked to yet."""
    if not verified_email:
        raise SignInRefused("unknown")  # One Login always verifies the address; another may not
    invitation = linking.find_invitation(request.session.get(linking.SESSION_KEY))
    accounts = list(User.objects.filter(email__iexact=verified_email, role__in=FAMILY_ROLES)[:2])
    if len(accounts) > 1:
        raise refusal(_("There is more than one account with this email address. Contact the SEND team."))
    existing = accounts[0] if accounts else None
    if existing is None and invitation is None:
        _keep_for_question(request, provider, claims, verified_email)
        raise AskWhoTheyAre
    try:
        with transaction.atomic():
            if existing is not None:
                user = _existing_account(request, provider, existing, invitation)
            else:
                user = linking.accept_invitation(
                    request, invitation, first_name=claims.get("given_name", ""),
                    last_name=claims.get("family_name", ""), password=None,
                )
            link(user, provider, claims["sub"])
    except linking.LinkError as error:
        raise refusal(str(error)) from error
    request.session.pop(linking.SESSION_KEY, None)
    return user


def _existing_account(request, provider, user, invitation) -> User:
    if not user.is_active:
        raise SignInRefused("disabled")  # a closed account is not linked
    if user.email_verified_at is None:
        raise refusal(_(
            "There is an account with this email address, but the address has not been confirmed, "
            "so we cannot connect it to %(provider)s. Sign in with your password instead."
        ) % {"provider": provider.label})
    if user.external_identities.filter(provider=provider.name).exists():
        raise refusal(_(
            "Your account is already connected to a different %(provider)s. Sign in with that one."
        ) % {"provider": provider.label})
    if invitation is not None:
        if invitation.email.lower() != user.email.lower():
            raise refusal(_(
                "This invitation was sent to a different email address from the one you use for "
                "%(provider)s. Sign in to your account as usual, or ask the person who invited you to "
                "send the invitation to the email address you use for %(provider)s."
            ) % {"provider": provider.label})
        linking.accept_invitation_for_account(request, invitation, user)
    return user


def _keep_for_question(request, provider, claims, email) -> None:
    request.session[NEW_ACCOUNT_SESSION] = {
        "provider": provider.name,
        "subject": claims["sub"],
        "email": email,
        "first_name": claims.get("given_name", ""),
        "last_name": claims.get("family_name", ""),
        "until": time.time() + NEW_ACCOUNT_SECONDS,
    }


def waiting_new_account(request) -> dict | None:
    """The verified claims waiting for the parent-or-young-person answer, or None (none, or too old)."""
    waiting = request.session.get(NEW_ACCOUNT_SESSION)
    if not waiting or waiting["until"] < time.time() or providers.get(waiting["provider"]) is None:
        return None
    return waiting


def provider_label(waiting: dict) -> str:
    return providers.get(waiting["provider"]).label


def make_waiting_account(request, role) -> User:
    """Make the account with the role chosen, link the One Login identity, and sign the person in."""
    waiting = waiting_new_account(request)
    if waiting is None:
        raise linking.LinkError(_("Your sign-in has timed out. Start again."))
    provider = providers.get(waiting["provider"])
    try:
        with transaction.atomic():
            user = linking.make_family_account(
                request, email=waiting["email"], first_name=waiting["first_name"],
                last_name=waiting["last_name"], role=role,
            )
            link(user, provider, waiting["subject"]).external_identities.update(last_used_at=timezone.now())
    except IntegrityError as error:  # this identity was linked meanwhile (another tab)
        message = _("There is already an account for this email address. Sign in instead.")
        raise linking.LinkError(message) from error
    request.session.pop(NEW_ACCOUNT_SESSION, None)
    request.sso_result = SimpleNamespace(
        provider=provider, claims={"sub": waiting["subject"]}, refresh_token=""
    )
    login(request, user, backend="accounts.sso.backend.SsoBackend")
    begin_session(request)
    return user
