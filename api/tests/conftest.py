import pytest

from api.models import ApiToken
from api.tests.helpers import client_with_key


@pytest.fixture
def api(area):
    """api("caseworker") -> an API client sending a fresh token of that persona."""

    def client_for(persona):
        _, key = ApiToken.issue(area.users[persona], f"{persona} test system")
        return client_with_key(key)

    return client_for
