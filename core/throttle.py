"""Throttles: how often one client address, and one account, may try something a stranger could
abuse. The one home for the limits; every door (sign-in, account creation, password reset,
invitations, open-link surveys, Local Offer feedback) asks `attempt` before it acts.

Counters are django-ratelimit's fixed windows in Django's cache (settings.CACHES), keyed by a
hash of the action, the client address (core.client_ip, the resolver the audit log and
django-axes use) or the account, so no address or email is stored in the clear. "Account" is
what the attempt is aimed at: an email address, a survey link, a browser session. A per-account
limit never stops anyone signing in: it only slows emails to that address or answers to that link.
"""

from contextlib import suppress
from dataclasses import dataclass
from datetime import timedelta

from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import date_format
from django_ratelimit.core import get_usage

from core.client_ip import client_ip

# action -> {"client": rate, "account": rate}; rates in django-ratelimit's "count/period" form.
LIMITS = {
    # Axes locks one username from one address after 5 failures; this is the ceiling of failures
    # for one address trying many usernames. It counts only failures (a council office's staff
    # share one address at 9am), and slows that address, never the named person elsewhere.
    "sign_in": {"client": "30/15m"},
    "create_account": {"client": "10/h", "account": "3/h"},
    "password_reset": {"client": "10/h", "account": "3/h"},
    "invitation": {"client": "60/h", "account": "5/h"},
    "survey_answer": {"client": "20/h", "account": "600/h"},
    "feedback": {"client": "20/10m", "account": "5/10m"},
}


@dataclass
class TooManyAttempts(Exception):
    """Over a limit: the person may try again at `until`."""

    until: object

    def __str__(self):
        return f"Too many attempts. Try again at {try_again_at(self.until)}"


def try_again_at(until) -> str:
    """GOV.UK style, "2:05pm", like every other time on the site (opensend/formats)."""
    return date_format(timezone.localtime(until), "TIME_FORMAT")


def _usage(request, action, kind, value, count):
    return get_usage(
        request,
        group=f"{action}:{kind}",
        key=lambda _group, _request: value,
        rate=LIMITS[action][kind],
        increment=count,
    )


def attempt(request, action: str, account: str = "", *, count: bool = True) -> None:
    """Count one attempt at `action` from this client (and at `account` when given); raise
    TooManyAttempts, saying when to come back, if either is over its limit. With count=False,
    only check (the caller counts failures later with `failed`)."""
    checks = [("client", client_ip(request) or "unknown")]
    if account and "account" in LIMITS[action]:
        checks.append(("account", str(account).strip().lower()))
    waits = []
    for kind, value in checks:
        usage = _usage(request, action, kind, value, count)
        over = usage and (usage["should_limit"] if count else usage["count"] >= usage["limit"])
        if over:
            waits.append(max(usage["time_left"], 60))
    if waits:
        raise TooManyAttempts(timezone.now() + timedelta(seconds=max(waits)))


def failed(request, action: str, account: str = "") -> None:
    """Count a failed attempt checked earlier with count=False."""
    # The next attempt is refused; this one has already been answered.
    with suppress(TooManyAttempts):
        attempt(request, action, account)


def too_many_attempts(request, error: TooManyAttempts):
    """The GOV.UK page for a throttled attempt: 429, and when to try again."""
    return render(
        request,
        "core/too_many_attempts.html",
        {"try_again_at": try_again_at(error.until)},
        status=429,
    )
