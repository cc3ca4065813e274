"""DRF throttles: per token, and per client address for callers without a valid token."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from api.tests.helpers import messages

pytestmark = pytest.mark.django_db


@pytest.fixture
def rates(settings):
    def set_rates(per_key="3/minute", address="2/minute"):
        settings.REST_FRAMEWORK = {
            **settings.REST_FRAMEWORK,
            "DEFAULT_THROTTLE_RATES": {"api_token": per_key, "api_anonymous": address},
        }

    return set_rates


def test_each_token_has_its_own_budget(area, api, rates):
    rates(per_key="3/minute")
    url = reverse("api:case_list")
    first, second = api("caseworker"), api("caseworker")  # two systems, one account
    assert [first.get(url).status_code for _ in range(4)] == [200, 200, 200, 429]
    refused = first.get(url)
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert messages(refused)  # the API's error shape
    assert second.get(url).status_code == 200


def test_callers_without_a_valid_token_are_counted_by_address(area, rates):
    rates(address="2/minute")
    url = reverse("api:case_list")
    guesser = APIClient()
    guesser.credentials(HTTP_AUTHORIZATION="Token osk_guess")
    assert [guesser.get(url).status_code for _ in range(3)] == [401, 401, 429]
    assert APIClient().get(url).status_code == 429  # same address, no token at all
    other = APIClient(REMOTE_ADDR="192.0.2.9")
    assert other.get(url).status_code == 401


def test_a_valid_token_is_not_held_back_by_its_addresss_anonymous_budget(area, api, rates):
    rates(per_key="100/minute", address="1/minute")
    url = reverse("api:case_list")
    APIClient().get(url)
    assert APIClient().get(url).status_code == 429
    assert api("manager").get(url).status_code == 200
