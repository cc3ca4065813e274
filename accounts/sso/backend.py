"""Signing in through an identity provider: mozilla-django-oidc's backend, told which provider.

The library does the authorisation code exchange (with PKCE), fetches the provider's keys and
checks the ID token's signature and nonce; PyJWT, which it calls, checks the issuer, audience and
expiry we hand it. This module only picks the provider, adds One Login's private-key client
authentication, and matches the identity to an existing account (never making a staff account
or giving a role). A refusal is raised as SignInRefused, which the callback view turns into a
plain page and an audit entry.
"""

import time
import uuid
from types import SimpleNamespace

import jwt
import requests
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured, SuspiciousOperation
from django.utils import timezone
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import import_from_settings

from accounts.models import ExternalIdentity
from accounts.roles import STAFF_ROLES
from accounts.sso import providers

# The session's map of state -> provider name, written when a sign-in starts.
STATE_PROVIDERS = "sso_state_providers"
CLOCK_LEEWAY_SECONDS = 60
# Refusals by PyJWT's exception, named for the audit log (no token contents are kept).
TOKEN_REFUSALS = [
    (jwt.ExpiredSignatureError, "expired"),
    (jwt.ImmatureSignatureError, "not yet valid"),
    (jwt.InvalidAudienceError, "audience"),
    (jwt.InvalidIssuerError, "issuer"),
    (jwt.MissingRequiredClaimError, "missing claim"),
    (jwt.InvalidSignatureError, "signature"),
    (jwt.InvalidTokenError, "invalid token"),
]


class AskWhoTheyAre(Exception):  # noqa: N818 - not an error: the next step of the sign-in
    """No account and no invitation: ask parent-or-young-person before making the account."""


# How a family provider's verified identity finds or makes its account: account_for(request,
# provider, claims, verified_email). The portal registers it (portal/one_login.py), since it owns
# linking families to children; this backend matches staff itself.
FAMILY_ACCOUNTS: list = []


def family_accounts(account_for):
    FAMILY_ACCOUNTS[:] = [account_for]
    return account_for


class SignInRefused(Exception):
    """The sign-in cannot go on. `reason` is a short code for the page and the audit entry:
    state, token, signature, issuer, audience, nonce, expired, unknown, disabled, unavailable..."""

    def __init__(self, reason: str, provider: str = "", *, heading: str = "", advice: str = ""):
        super().__init__(reason)
        self.reason = reason
        self.provider = provider
        self.heading, self.advice = heading, advice  # the page's words, when not REFUSALS[reason]


def library_settings(provider: providers.Provider) -> dict:
    """mozilla-django-oidc's settings for one provider (it was written for one, read from
    settings.py; the views and backend here ask this instead)."""
    return {
        "OIDC_RP_CLIENT_ID": provider.client_id,
        "OIDC_RP_CLIENT_SECRET": provider.client_secret,
        "OIDC_RP_SCOPES": provider.scope,
        "OIDC_RP_SIGN_ALGO": provider.sign_algo,
        "OIDC_USE_PKCE": True,
        "OIDC_USE_NONCE": True,
        "OIDC_CREATE_USER": False,
        "OIDC_AUTH_REQUEST_EXTRA_PARAMS": provider.extra_params,
        "OIDC_AUTHENTICATION_CALLBACK_URL": "accounts:sso_callback",
        "OIDC_TIMEOUT": 10,
    }


class SsoBackend(OIDCAuthenticationBackend):
    def __init__(self, *args, **kwargs):
        # The library reads one provider's settings here; ours are chosen per sign-in (configure).
        self.UserModel = get_user_model()
        self.provider = None

    def get_settings(self, attr, *args):
        if self.provider is not None:
            values = library_settings(self.provider)
            if attr in values:
                return values[attr]
        return import_from_settings(attr, *args)

    def configure(self, provider: providers.Provider) -> "SsoBackend":
        metadata = provider.metadata()
        self.provider = provider
        self.OIDC_OP_TOKEN_ENDPOINT = metadata["token_endpoint"]
        self.OIDC_OP_USER_ENDPOINT = metadata.get("userinfo_endpoint")
        self.OIDC_OP_JWKS_ENDPOINT = metadata["jwks_uri"]
        self.OIDC_RP_CLIENT_ID = provider.client_id
        self.OIDC_RP_CLIENT_SECRET = provider.client_secret
        self.OIDC_RP_SIGN_ALGO = provider.sign_algo
        self.OIDC_RP_IDP_SIGN_KEY = None
        return self

    # --- the sign-in ------------------------------------------------------------------------

    def authenticate(self, request, **kwargs):
        if request is None or "code_verifier" not in kwargs:
            return None  # a password sign-in: not ours
        state = request.GET.get("state", "")
        name = request.session.get(STATE_PROVIDERS, {}).pop(state, None)
        request.session.modified = True
        provider = providers.get(name or "")
        if provider is None:
            raise SignInRefused("state")
        try:
            self.configure(provider)
            user = super().authenticate(request, **kwargs)
        except SignInRefused as refusal:
            refusal.provider = provider.name
            raise
        except SuspiciousOperation as error:
            raise SignInRefused(_reason(error), provider.name) from error
        except (requests.RequestException, ValueError, KeyError, ImproperlyConfigured) as error:
            raise SignInRefused("token", provider.name) from error
        if user is None:
            raise SignInRefused("token", provider.name)
        request.sso_result = SimpleNamespace(
            provider=provider, claims=self.claims, refresh_token=getattr(self, "refresh_token", "") or ""
        )
        return user

    def _verify_jws(self, payload, key):
        """The library checks the signature only; the issuer, audience and expiry are checked
        here by PyJWT too, and each is required."""
        header = jwt.get_unverified_header(payload)
        if header.get("alg") != self.OIDC_RP_SIGN_ALGO:
            raise SuspiciousOperation("signature")
        try:
            return jwt.decode(
                payload,
                key,
                algorithms=[self.OIDC_RP_SIGN_ALGO],
                audience=self.OIDC_RP_CLIENT_ID,
                issuer=self.provider.issuer,
                leeway=CLOCK_LEEWAY_SECONDS,
                options={"require": ["exp", "iat", "iss", "aud", "sub"]},
            )
        except jwt.InvalidTokenError as error:
            reason = next(name for kind, name in TOKEN_REFUSALS if isinstance(error, kind))
            raise SuspiciousOperation(reason) from error

    def verify_token(self, token, **kwargs):
        payload = super().verify_token(token, **kwargs)
        self.id_claims = payload
        return payload

    def get_token(self, payload):
        """Client authentication: the shared secret, or (GOV.UK One Login) a JWT signed with our
        private key (RFC 7523 private_key_jwt), so no secret crosses the network."""
        if self.provider.private_key_file:
            payload.pop("client_secret", None)
            payload["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
            payload["client_assertion"] = self.client_assertion()
        tokens = super().get_token(payload)
        self.refresh_token = tokens.get("refresh_token", "")
        return tokens

    def client_assertion(self) -> str:
        now = int(time.time())
        claims = {
            "iss": self.provider.client_id,
            "sub": self.provider.client_id,
            "aud": self.OIDC_OP_TOKEN_ENDPOINT,
            "jti": uuid.uuid4().hex,
            "iat": now,
            "exp": now + 300,
        }
        headers = {"kid": self.provider.private_key_id} if self.provider.private_key_id else None
        return jwt.encode(claims, self.provider.private_key, algorithm="RS256", headers=headers)

    def store_tokens(self, access_token, id_token):
        pass  # nothing from the provider is kept in the session but the refresh token (callback)

    def get_or_create_user(self, access_token, id_token, payload):
        claims = dict(payload)
        if self.OIDC_OP_USER_ENDPOINT:
            userinfo = self.get_userinfo(access_token, id_token, payload)
            if userinfo.get("sub") != payload.get("sub"):
                raise SignInRefused("token")
            claims = {**userinfo, **payload}
        user = self.match(claims)
        if not user.is_active:
            raise SignInRefused("disabled")
        ExternalIdentity.objects.filter(provider=self.provider.name, subject=claims["sub"]).update(
            last_used_at=timezone.now()
        )
        self.claims = claims
        return user

    def match(self, claims):
        """The OpenSEND account for these claims: the one already linked to this subject, or the
        only staff account with the verified email address (then linked); a family's is found or
        made by the function registered with `family_accounts` (portal/one_login.py)."""
        identity = (
            ExternalIdentity.objects.select_related("user")
            .filter(provider=self.provider.name, subject=claims["sub"])
            .first()
        )
        if identity is not None:
            return identity.user
        email = claims.get("email") if (
            claims.get("email_verified") is True or self.provider.email_is_verified
        ) else None
        if not self.provider.for_staff:
            if not FAMILY_ACCOUNTS:
                raise SignInRefused("unknown")
            return FAMILY_ACCOUNTS[0](self.request, self.provider, claims, email)
        found = self.UserModel.objects.filter(email__iexact=email, role__in=STAFF_ROLES) if email else []
        candidates = list(found[:2])
        if len(candidates) == 1 and not candidates[0].external_identities.filter(
            provider=self.provider.name
        ).exists():
            if not candidates[0].is_active:
                raise SignInRefused("disabled")  # a closed account is not linked
            return link(candidates[0], self.provider, claims["sub"])
        raise SignInRefused("unknown")

    def get_user(self, user_id):
        # An account closed by an administrator ends its open sessions on the next request.
        user = super().get_user(user_id)
        return user if user is not None and user.is_active else None


def link(user, provider, subject) -> object:
    ExternalIdentity.objects.create(user=user, provider=provider.name, subject=subject)
    return user


def _reason(error: SuspiciousOperation) -> str:
    message = str(error)
    if "Nonce" in message:
        return "nonce"
    if "JWKS" in message or "algorithm" in message:
        return "signature"
    known = {name for _kind, name in TOKEN_REFUSALS} | {"signature"}
    return message if message in known else "token"


def not_a_password_attempt(request, credentials) -> bool:
    """django-axes: the OIDC callback's authenticate() call (it passes a PKCE code verifier)."""
    return bool(credentials) and "code_verifier" in credentials
