"""The pages of single sign-on: start (to the provider), callback (back from it), refused."""

import time
from urllib.parse import parse_qs, urlencode, urlparse

import requests
from django.core.exceptions import ImproperlyConfigured, SuspiciousOperation
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.generic import View
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from accounts.sso import backend, providers
from accounts.sso.session import SSO_SESSION, recheck_seconds
from audit.models import Action
from audit.services import record

REFUSALS = {
    # reason: (heading, what the person can do)
    "unknown": ("Ask your administrator for an account",
                "You signed in with your organisation, but there is no account in this service for "
                "you. Ask your administrator to make one with your work email address."),
    "disabled": ("Your account is closed",
                 "Ask your administrator if you still need to use this service."),
    "cancelled": ("You did not finish signing in",
                  "Try again. If it keeps happening, contact your administrator."),
    "unavailable": ("Sign-in is not available at the moment",
                    "We could not reach your organisation's sign-in service. Try again later."),
}
DEFAULT_REFUSAL = ("We could not sign you in",
                   "Something about this sign-in was not right, so we stopped it. Start again from "
                   "the sign-in page. If it keeps happening, contact your administrator.")


def refused(request, reason: str, provider: str = "", heading: str = "", advice: str = ""):
    """A plain page and an audit entry (the reason code and provider only: no token contents)."""
    record(request, Action.SIGN_IN_FAILED, summary=f"Single sign-on refused: {reason}",
           provider=provider, reason=reason)
    if not (heading and advice):
        heading, advice = REFUSALS.get(reason, DEFAULT_REFUSAL)
    return render(request, "accounts/sso_refused.html", {"heading": heading, "advice": advice},
                  status=403 if reason in ("unknown", "disabled") else 400)


class SsoStartView(OIDCAuthenticationRequestView):
    """Send the browser to the provider's authorisation endpoint (code flow, PKCE, state and
    nonce kept in the session by the library)."""

    def __init__(self, **kwargs):
        View.__init__(self, **kwargs)
        self.provider = None

    def get_settings(self, attr, *args):
        values = backend.library_settings(self.provider)
        return values[attr] if attr in values else super().get_settings(attr, *args)

    def get(self, request, name):
        if request.user.is_authenticated:
            return redirect("core:home")
        self.provider = providers.get(name)
        if self.provider is None:
            raise Http404
        try:
            self.OIDC_OP_AUTH_ENDPOINT = self.provider.metadata()["authorization_endpoint"]
        except (requests.RequestException, ValueError, KeyError, ImproperlyConfigured):
            return refused(request, "unavailable", self.provider.name)
        self.OIDC_RP_CLIENT_ID = self.provider.client_id
        response = super().get(request)
        state = parse_qs(urlparse(response.url).query)["state"][0]
        request.session.setdefault(backend.STATE_PROVIDERS, {})[state] = self.provider.name
        request.session.modified = True
        return response


class SsoCallbackView(OIDCAuthenticationCallbackView):
    """Back from the provider: the library checks the state (single use) and calls the backend."""

    def get(self, request):
        self.refusal = None
        try:
            return super().get(request)
        except backend.SignInRefused as refusal:
            return refused(request, refusal.reason, refusal.provider, refusal.heading, refusal.advice)
        except backend.AskWhoTheyAre:  # a new family: parent or young person? (nothing in the address)
            return redirect("portal:one_login_who_are_you")
        except SuspiciousOperation:  # a state this browser never started, or one already used
            return refused(request, "state")

    def login_failure(self):
        reason = "cancelled" if self.request.GET.get("error") else "state"
        return refused(self.request, reason)

    def login_success(self):
        response = super().login_success()
        begin_session(self.request)
        return response


def begin_session(request) -> None:
    """After login(): what the session keeps of a sign-in through a provider (request.sso_result,
    set by the backend or by portal/one_login.py)."""
    result = request.sso_result
    request.session[SSO_SESSION] = {
        "provider": result.provider.name,
        "mfa": result.provider.reports_mfa(result.claims),
        "refresh_token": result.refresh_token,
        "recheck_at": time.time() + recheck_seconds(),
        "sign_out_origin": _origin(_end_session_endpoint(result.provider)),
    }


def _end_session_endpoint(provider) -> str:
    try:
        return provider.metadata().get("end_session_endpoint") or ""
    except (requests.RequestException, ValueError, ImproperlyConfigured):
        return ""


def _origin(address: str) -> str:
    parts = urlparse(address)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


def sign_out_url(request, sso: dict) -> str | None:
    """The provider's end-session address, when it has one, coming back to our sign-in page.
    The client id (not an ID token hint) names us, so no personal data is put in the address."""
    provider = providers.get(sso.get("provider", ""))
    if provider is None:
        return None
    end_session = _end_session_endpoint(provider)
    if not end_session:
        return None
    back = request.build_absolute_uri(reverse("accounts:login"))
    return f"{end_session}?{urlencode({'client_id': provider.client_id, 'post_logout_redirect_uri': back})}"
