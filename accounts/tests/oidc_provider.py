"""Start and stop the real test OpenID Connect provider (scripts/test-oidc-provider.mjs, the npm
`oidc-provider` package) on the loopback address, for the single sign-on tests."""

import json
import shutil
import subprocess
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "test-oidc-provider.mjs"
STAFF_SECRET = "staff-client-secret-for-tests-only-0123456789"  # noqa: S105 - the test provider's
STARTUP_SECONDS = 20


@dataclass
class RunningProvider:
    issuer: str
    private_key_file: str

    def disable(self, login: str) -> None:
        """The provider refuses this account from now on (a leaver disabled at the council)."""
        address = f"{self.issuer}/test/disable?account={login}"
        request = urllib.request.Request(address, method="POST")  # noqa: S310 - our loopback provider
        urllib.request.urlopen(request, timeout=5).close()  # noqa: S310 - our loopback provider

    def providers_setting(self) -> str:
        """OPENSEND_OIDC_PROVIDERS for this provider: a staff client and a One Login-style one."""
        return json.dumps([
            {"name": "council", "label": "Brookfield Council", "for": "staff", "issuer": self.issuer,
             "client_id": "opensend-staff", "client_secret": STAFF_SECRET},
            {"name": "onelogin", "label": "GOV.UK One Login", "for": "family", "issuer": self.issuer,
             "client_id": "opensend-families", "private_key_file": self.private_key_file,
             "private_key_id": "families-key"},
        ])


def _family_key(folder: Path):
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    path = folder / "families-key.pem"
    path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                       serialization.NoEncryption()))
    public = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(key.public_key()))
    return str(path), {**public, "kid": "families-key", "use": "sig", "alg": "RS256"}


@contextmanager
def running_provider(folder: Path, base_url: str, accounts: dict):
    """The provider with `accounts` ({login: {"claims": {...}, "amr": [...]}}), and two clients
    whose redirect address is `base_url`'s callback: a staff client with a secret, and a families
    client authenticating with a private key (private_key_jwt, as GOV.UK One Login does)."""
    key_file, public_jwk = _family_key(folder)
    callback = f"{base_url}/accounts/sso-callback/"
    signed_out = f"{base_url}/accounts/sign-in/"
    config = {
        "clients": [
            {"client_id": "opensend-staff", "client_secret": STAFF_SECRET, "redirect_uris": [callback],
             "post_logout_redirect_uris": [signed_out],
             "grant_types": ["authorization_code", "refresh_token"],
             "token_endpoint_auth_method": "client_secret_post"},
            {"client_id": "opensend-families", "redirect_uris": [callback],
             "post_logout_redirect_uris": [signed_out], "grant_types": ["authorization_code"],
             "token_endpoint_auth_method": "private_key_jwt", "jwks": {"keys": [public_jwk]}},
        ],
        "accounts": accounts,
    }
    config_file = folder / "oidc-provider.json"
    config_file.write_text(json.dumps(config))
    process = subprocess.Popen(  # noqa: S603 - our own script, fixed arguments
        [shutil.which("node") or "node", str(SCRIPT), str(config_file)],
        cwd=ROOT, stdout=subprocess.PIPE, text=True,
    )
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        issuer = ""
        while time.monotonic() < deadline and not issuer:
            line = process.stdout.readline()
            if not line and process.poll() is not None:
                raise RuntimeError("the test OpenID provider did not start")
            if line.startswith("READY "):
                issuer = line.split()[1]
        if not issuer:
            raise RuntimeError("the test OpenID provider did not start in time")
        yield RunningProvider(issuer=issuer, private_key_file=key_file)
    finally:
        process.terminate()
        process.wait(timeout=10)
