"""Security settings: headers on every response, production checks, migrations in step."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def test_pages_carry_csp_and_security_headers(client):
    response = client.get("/accounts/sign-in/")
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "script-src 'self' 'nonce-" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_the_inline_script_carries_the_csp_nonce(client):
    response = client.get("/accounts/sign-in/")
    nonce = response["Content-Security-Policy"].split("'nonce-")[1].split("'")[0]
    assert f'<script nonce="{nonce}">' in response.content.decode()


def test_signed_in_pages_are_not_cached(area, login):
    assert login("parent").get("/home/")["Cache-Control"] == "no-store"


def test_forms_need_a_csrf_token(area):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/sign-in/", {"username": "parent", "password": "x"})
    assert response.status_code == 403


def test_production_settings_pass_the_deployment_checklist():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "opensend.settings",
        "DEBUG": "0",
        "SECRET_KEY": "p" * 30 + "roduction-like-secret-value-with-enough-entropy-0123456789",
        "ALLOWED_HOSTS": "send.example.gov.uk",
        "SECURE_SSL_REDIRECT": "1",
        "SECURE_COOKIES": "1",
        "SITE_URL": "https://send.example.gov.uk",
    }
    env.pop("DATABASE_URL", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set only for the browser tests
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "opensend.settings", "DEBUG": "0"}
    env.pop("SECRET_KEY", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


def test_models_and_migrations_are_in_step():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)
