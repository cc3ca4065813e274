"""A session begun through single sign-on: the provider's MFA stands for TOTP, and staff are
re-checked with the provider every OPENSEND_OIDC_RECHECK_SECONDS, so a leaver disabled there is
signed out here even while their OpenSEND session is still open."""

import time

import requests
from django.conf import settings
from django.contrib.auth import logout
from django.core.exceptions import ImproperlyConfigured
from django.shortcuts import render
from django.urls import reverse

from accounts.sso import providers
from accounts.sso.backend import SsoBackend
from audit.models import Action
from audit.services import record

SSO_SESSION = "sso"
RETRY_SECONDS = 60  # the provider could not be reached: try again a minute later


def recheck_seconds() -> int:
    return settings.OPENSEND_OIDC_RECHECK_SECONDS


class SingleSignOnSession:
    """After django-otp's middleware: marks a session whose provider reported MFA as verified,
    and ends a staff session the provider no longer renews."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        sso = request.session.get(SSO_SESSION) if user is not None and user.is_authenticated else None
        if sso:
            if time.time() >= sso["recheck_at"] and not renew(request, sso):
                record(request, Action.SIGN_OUT, user=user, provider=sso["provider"],
                       summary="Signed out: the identity provider did not renew the sign-in")
                logout(request)
                return render(request, "accounts/sso_refused.html", {
                    "heading": "Sign in again",
                    "advice": "Your organisation's sign-in service did not renew your sign-in, so "
                              "you have been signed out. If you still work here, sign in again.",
                    "sign_in_link": reverse("accounts:login"),
                }, status=401)
            if sso["mfa"]:
                user.is_verified = lambda: True  # the provider asked for more than a password
        response = self.get_response(request)
        if sso and sso.get("sign_out_origin"):
            # The sign-out button's form ends at the provider's sign-out page: the
            # Content-Security-Policy's form-action must allow that one origin.
            response._csp_update = {"form-action": [sso["sign_out_origin"]]}
        return response


def renew(request, sso: dict) -> bool:
    """Ask the provider for fresh tokens with the refresh token: False when it refuses."""

    provider = providers.get(sso["provider"])
    if provider is None:
        return False
    if not provider.for_staff:
        return True  # families' sessions end by the session limit only
    if not sso.get("refresh_token"):
        return False  # nothing to renew with: sign in again through the provider
    try:
        sso_backend = SsoBackend().configure(provider)
        tokens = sso_backend.get_token({
            "grant_type": "refresh_token",
            "refresh_token": sso["refresh_token"],
            "client_id": provider.client_id,
            "client_secret": provider.client_secret,
        })
    except requests.HTTPError as error:
        if error.response is not None and error.response.status_code in (400, 401, 403):
            return False
        return _retry_later(request, sso)
    except (requests.RequestException, ValueError, ImproperlyConfigured):
        return _retry_later(request, sso)
    sso["refresh_token"] = tokens.get("refresh_token") or sso["refresh_token"]
    sso["recheck_at"] = time.time() + recheck_seconds()
    request.session.modified = True
    return True


def _retry_later(request, sso) -> bool:
    sso["recheck_at"] = time.time() + RETRY_SECONDS
    request.session.modified = True
    return True
