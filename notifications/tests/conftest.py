import pytest

from notifications import client
from notifications.tests.fakes import FakeNotify


@pytest.fixture
def fake_notify(monkeypatch):
    """Send through a fake GOV.UK Notify instead of the email backend."""
    fake = FakeNotify()
    monkeypatch.setattr(client, "get_notifier", lambda: fake)
    return fake
