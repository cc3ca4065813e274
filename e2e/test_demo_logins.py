"""Every role's demo login works in the browser (the issue's "done when"), on a small demo area."""

import json

import pytest
from django.core.management import call_command

from conftest import PERSONA_ROLES
from e2e.pages import heading, sign_in, sign_out

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("transactional_db")]


def test_every_demo_login_reaches_its_home_page(page, live_server, settings, tmp_path):
    settings.DEBUG = True  # seed_demo makes public passwords, so it runs only in development
    logins_file = tmp_path / "logins.json"
    call_command("seed_demo", scale=0.02, seed=42, logins_file=str(logins_file), verbosity=0)
    settings.DEBUG = False
    logins = json.loads(logins_file.read_text())
    # one login for every role (and a second parent, whose child's draft plan is out for comments)
    assert list(dict.fromkeys(login["role"] for login in logins)) == list(PERSONA_ROLES)
    for login in logins:
        sign_in(page, live_server, login["username"], login["password"], login["totp_secret"])
        assert heading(page).inner_text().startswith("Hello"), login["username"]
        assert page.url == f"{live_server.url}/home/", login["username"]
        sign_out(page)
