"""The identity providers an area has set up, read from OPENSEND_OIDC_PROVIDERS (a JSON list).

Each entry (deploy/DEPLOYMENT.md, "Single sign-on"):
    name          short slug, used in audit entries and the sign-in method ("council", "onelogin")
    label         what the sign-in button says ("Brookfield Council staff account")
    for           "staff" (matched to staff accounts only) or "family" (parents and young people)
    issuer        the provider's issuer; its endpoints and keys come from
                  <issuer>/.well-known/openid-configuration (or discovery_url when that differs)
    client_id     this service's client id at the provider
    client_secret a shared secret (client_secret_post), or
    private_key_file  a PEM RSA private key for private_key_jwt (GOV.UK One Login)
    private_key_id    the key's "kid" registered with the provider (optional)
    scopes        default "openid email profile offline_access" (staff) / "openid email" (family)
    mfa_amr       `amr` values that mean the person used more than a password (default
                  ["mfa", "otp", "hwk", "swk", "fido", "sms", "rsa"]); TOTP is not asked again
    mfa_acr       `acr` values that mean the same (default none)
    email_is_verified  true only for a provider whose directory owns every address it asserts (a
                  single-tenant Entra ID): its `email` counts as verified without `email_verified`
    sign_algo     the ID tokens' signing algorithm (default RS256; One Login: ES256)
    extra_params  more authorisation request parameters (One Login's "vtr", "ui_locales")
"""

import json
from dataclasses import dataclass, field
from functools import cached_property

import requests
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured

DEFAULT_MFA_AMR = ["mfa", "otp", "hwk", "swk", "fido", "sms", "rsa"]
DISCOVERY_SECONDS = 3600
STAFF, FAMILY = "staff", "family"


@dataclass(frozen=True)
class Provider:
    name: str
    label: str
    issuer: str
    client_id: str
    audience: str = STAFF  # "for" in the settings
    client_secret: str = ""
    private_key_file: str = ""
    private_key_id: str = ""
    scopes: str = ""
    mfa_amr: tuple = tuple(DEFAULT_MFA_AMR)
    mfa_acr: tuple = ()
    email_is_verified: bool = False
    extra_params: dict = field(default_factory=dict)
    sign_algo: str = "RS256"
    discovery_url: str = ""

    @property
    def for_staff(self) -> bool:
        return self.audience == STAFF

    @property
    def scope(self) -> str:
        return self.scopes or ("openid email profile offline_access" if self.for_staff else "openid email")

    @cached_property
    def private_key(self) -> str:
        with open(self.private_key_file, encoding="ascii") as key:
            return key.read()

    def metadata(self) -> dict:
        """The provider's discovery document (endpoints, keys' address), cached for an hour."""
        key = f"oidc-discovery:{self.issuer}"
        found = cache.get(key)
        if found is None:
            address = self.discovery_url or self.issuer.rstrip("/") + "/.well-known/openid-configuration"
            response = requests.get(address, timeout=10)
            response.raise_for_status()
            found = response.json()
            if found.get("issuer") != self.issuer:
                raise ImproperlyConfigured(f"The provider {self.name} says its issuer is not {self.issuer}")
            cache.set(key, found, DISCOVERY_SECONDS)
        return found

    def reports_mfa(self, claims: dict) -> bool:
        amr = claims.get("amr") or []
        if isinstance(amr, str):
            amr = [amr]
        return bool(set(amr) & set(self.mfa_amr)) or (claims.get("acr") in self.mfa_acr)


def _parse(entry: dict) -> Provider:
    missing = [key for key in ("name", "issuer", "client_id") if not entry.get(key)]
    if missing:
        raise ImproperlyConfigured(f"OPENSEND_OIDC_PROVIDERS: an entry lacks {', '.join(missing)}")
    if not entry.get("client_secret") and not entry.get("private_key_file"):
        raise ImproperlyConfigured(f"OPENSEND_OIDC_PROVIDERS: {entry['name']} needs a client_secret or "
                                   "a private_key_file")
    audience = entry.get("for", STAFF)
    if audience not in (STAFF, FAMILY):
        raise ImproperlyConfigured(f"OPENSEND_OIDC_PROVIDERS: {entry['name']}: 'for' is staff or family")
    return Provider(
        name=entry["name"],
        label=entry.get("label") or entry["name"],
        issuer=entry["issuer"],
        client_id=entry["client_id"],
        audience=audience,
        client_secret=entry.get("client_secret", ""),
        private_key_file=entry.get("private_key_file", ""),
        private_key_id=entry.get("private_key_id", ""),
        scopes=entry.get("scopes", ""),
        mfa_amr=tuple(entry.get("mfa_amr", DEFAULT_MFA_AMR)),
        mfa_acr=tuple(entry.get("mfa_acr", ())),
        email_is_verified=bool(entry.get("email_is_verified", False)),
        extra_params=dict(entry.get("extra_params", {})),
        sign_algo=entry.get("sign_algo", "RS256"),
        discovery_url=entry.get("discovery_url", ""),
    )


def configured() -> list[Provider]:
    raw = settings.OPENSEND_OIDC_PROVIDERS
    entries = json.loads(raw) if isinstance(raw, str) else raw
    return [_parse(entry) for entry in entries or []]


def get(name: str) -> Provider | None:
    return next((provider for provider in configured() if provider.name == name), None)


def for_staff() -> list[Provider]:
    return [provider for provider in configured() if provider.for_staff]


def for_families() -> list[Provider]:
    return [provider for provider in configured() if not provider.for_staff]
