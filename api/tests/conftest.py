import pytest

from api.models import ApiToken, Scope
from api.tests.helpers import client_with_key


@pytest.fixture(autouse=True)
def _fresh_throttles():
    """Throttle counts live in the cache: each test starts with none spent."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def api(area):
    """api("caseworker") -> an API client sending a fresh token of that persona, with every scope."""

    def client_for(persona, scopes=tuple(Scope)):
        _, key = ApiToken.issue(area.users[persona], f"{persona} test system", scopes=scopes)
        return client_with_key(key)

    return client_for
