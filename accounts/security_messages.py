"""Emails about a person's own account: verifying a family's email address, resetting a password,
and telling someone their password, two-factor sign-in or role was changed (so a change they did
not make is noticed). Sent through notifications.delivery (email or GOV.UK Notify) like every other
message. A link carrying a token is in the email only: the Notification log keeps the page
without it, so the log cannot be used to take over an account."""

from django.conf import settings
from django.urls import reverse

from notifications import delivery
from notifications.client import Recipient
from notifications.messages import RenderedMessage
from notifications.models import Channel

VERIFY_EMAIL = "account_verify_email"
ALREADY_REGISTERED = "account_already_registered"
PASSWORD_RESET = "account_password_reset"  # noqa: S105 - a message kind, not a password
SECURITY_CHANGE = "account_security_change"

CHANGES = {
    "password": "The password for your account was changed.",
    "password_set_by_administrator": "An administrator set a new temporary password for your account. "
    "You will be asked to choose your own when you next sign in.",
    "two_factor": "Two-factor sign-in for your account was reset by an administrator. You will set up "
    "your authenticator app again when you next sign in.",
    "role": "Your role in the service was changed to: {role}.",
}


def _send(email, kind, message, link, *, logged_link=None, user=None):
    recipient = Recipient(email, Channel.EMAIL, email=email)
    status, error = delivery.deliver(recipient, kind, message, link)
    return delivery.log(user, Channel.EMAIL, kind, message, logged_link or link, status, error)


def send_verification(pending, token: str):
    area = settings.AREA_NAME
    message = RenderedMessage(
        f"Confirm your email address for the {area} SEND family portal",
        (
            "Someone, we hope you, asked to make an account on our family portal with this email address.",
            "Follow the link to confirm it is yours and finish making your account. The link works once "
            "and stops working after 24 hours.",
            "If this was not you, you can ignore this email: no account will be made.",
        ),
        "Confirm your email address",
    )
    link = reverse("portal:verify_email_link", args=[token])
    return _send(pending.email, VERIFY_EMAIL, message, link, logged_link=reverse("portal:verify_email"))


def send_already_registered(email: str):
    """Asked to register an address that has an account: tell its owner, not the person asking."""
    message = RenderedMessage(
        f"You already have an account on the {settings.AREA_NAME} SEND family portal",
        (
            "Someone, we hope you, asked to make an account on our family portal with this email address. "
            "There is already an account for it, so we have not made another.",
            "Sign in with your email address. If you have forgotten your password, you can reset it.",
            "If this was not you, you can ignore this email.",
        ),
        "Reset your password",
    )
    return _send(email, ALREADY_REGISTERED, message, reverse("accounts:password_reset"))


def send_password_reset(user, link: str):
    message = RenderedMessage(
        f"Reset your password for {settings.AREA_NAME} SEND",
        (
            "Someone, we hope you, asked to reset the password for your account.",
            "Follow the link to choose a new password. The link works once and stops working after "
            "2 hours.",
            "If this was not you, you can ignore this email: your password has not changed.",
        ),
        "Choose a new password",
    )
    return _send(user.email, PASSWORD_RESET, message, link, logged_link=reverse("accounts:password_reset"),
                 user=user)


def send_security_change(user, change: str, **details):
    """Tell `user` that `change` (a key of CHANGES) happened to their account."""
    if not user.email:
        return None
    message = RenderedMessage(
        f"A change to your {settings.AREA_NAME} SEND account",
        (
            CHANGES[change].format(**details),
            "If you did not expect this, contact the SEND team's system administrator at once.",
        ),
        "Sign in",
    )
    return _send(user.email, SECURITY_CHANGE, message, reverse("accounts:login"), user=user)
