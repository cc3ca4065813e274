"""The providers' settings (OPENSEND_OIDC_PROVIDERS) and what counts as MFA reported by one."""

import json

import pytest
from django.core.exceptions import ImproperlyConfigured

from accounts.sso import providers


def _set(settings, *entries):
    settings.OPENSEND_OIDC_PROVIDERS = json.dumps(list(entries))


def test_several_providers_for_staff_and_families(settings):
    _set(settings,
         {"name": "council", "issuer": "https://a", "client_id": "x", "client_secret": "s"},
         {"name": "nhs", "issuer": "https://b", "client_id": "y", "client_secret": "s"},
         {"name": "onelogin", "for": "family", "issuer": "https://c", "client_id": "z",
          "private_key_file": "/k.pem"})
    assert [p.name for p in providers.for_staff()] == ["council", "nhs"]
    assert [p.name for p in providers.for_families()] == ["onelogin"]
    assert providers.get("nhs").issuer == "https://b"
    assert providers.get("missing") is None


@pytest.mark.parametrize("entry", [
    {"name": "council", "issuer": "https://a", "client_id": "x"},  # neither secret nor key
    {"name": "council", "client_id": "x", "client_secret": "s"},  # no issuer
    {"name": "council", "issuer": "https://a", "client_id": "x", "client_secret": "s", "for": "everyone"},
])
def test_an_incomplete_provider_is_a_configuration_error(settings, entry):
    _set(settings, entry)
    with pytest.raises(ImproperlyConfigured):
        providers.configured()


def test_mfa_is_read_from_amr_or_from_the_configured_acr(settings):
    _set(settings, {"name": "council", "issuer": "https://a", "client_id": "x", "client_secret": "s",
                    "mfa_acr": ["urn:council:mfa"]})
    council = providers.get("council")
    assert council.reports_mfa({"amr": ["pwd", "mfa"]})
    assert council.reports_mfa({"amr": "otp"})
    assert council.reports_mfa({"acr": "urn:council:mfa"})
    assert not council.reports_mfa({"amr": ["pwd"]})
    assert not council.reports_mfa({"acr": "urn:council:password"})
    assert not council.reports_mfa({})
