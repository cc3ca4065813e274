"""Sign-in throttling and the audit log's addresses in the documented deployment: gunicorn on a
unix socket behind nginx, which passes the client's address in X-Forwarded-For (issue 20, item 1).

Before django-ipware and core.client_ip, every client behind the socket had no address: wrong
passwords never locked, and the audit log's IP column was empty."""

import sqlite3
import tempfile

import pytest

from accounts.models import User
from accounts.roles import Role
from accounts.tests.socket_gunicorn import SocketClient, gunicorn_on_socket
from audit.models import Action, AuditEvent

# serialized_rollback: its flush must not re-create content types under the next such test.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SIGN_IN = "/accounts/sign-in/"
PASSWORD = "a-long-passphrase-42"
ATTACKER = "203.0.113.7"
OWNER = "198.51.100.20"


def _audit_addresses(sqlite_file, action):
    if sqlite_file is None:  # PostgreSQL: the server wrote to the test database itself
        return list(AuditEvent.objects.filter(action=action).values_list("ip_address", flat=True))
    with sqlite3.connect(sqlite_file) as db:
        rows = db.execute("SELECT ip_address FROM audit_auditevent WHERE action = ?", [action])
        return [row[0] for row in rows]


def test_wrong_passwords_lock_the_client_not_the_person_and_the_audit_log_has_the_address(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]  # what the server reads
    User.objects.create_user(username="parent@example.com", password=PASSWORD, role=Role.PARENT)
    wrong = {"username": "parent@example.com", "password": "not-the-password"}
    right = {"username": "parent@example.com", "password": PASSWORD}

    with tempfile.TemporaryDirectory(dir="/tmp") as folder, gunicorn_on_socket(folder) as (sock, sqlite_file):
        attacker = SocketClient(sock, ATTACKER)
        for attempt in range(1, 6):
            status, _headers, page = attacker.post_form(SIGN_IN, wrong)
            if attempt < 5:
                assert status == 200 and "Enter a correct username and password" in page
        assert status == 429, "the fifth wrong password locks this client out of this account"

        # The attacker's address is locked for this account, even with the right password...
        status, _headers, page = attacker.post_form(SIGN_IN, right)
        assert status == 429
        assert "Too many attempts. Try again at" in page
        # ...and forging an X-Forwarded-For in front of nginx's does not make a new client.
        forged = SocketClient(sock, ATTACKER, forged_forwarded_for="192.0.2.99")
        assert forged.post_form(SIGN_IN, right)[0] == 429

        # The named person, from their own address, is not locked out by the stranger.
        status, headers, _page = SocketClient(sock, OWNER).post_form(SIGN_IN, right)
        assert status == 302, "the account's owner must still be able to sign in"

        failed = _audit_addresses(sqlite_file, Action.SIGN_IN_FAILED)
        assert len(failed) >= 5 and set(failed) == {ATTACKER}
        assert _audit_addresses(sqlite_file, Action.SIGN_IN) == [OWNER]
