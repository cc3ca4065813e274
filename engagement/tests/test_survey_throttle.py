"""Open-link surveys take anonymous answers, so one client address can send only so many an hour
(core.throttle, issue 20): unlimited answers would let anyone fill KPI 1.1."""

import pytest
from django.urls import reverse

from conftest import CheckingClient, check_page
from engagement.models import SurveyResponse
from engagement.tests.survey_factories import survey

pytestmark = pytest.mark.django_db


def test_one_address_can_send_only_so_many_answers_by_the_open_link(area, settings):
    settings.PROXY_COUNT = 1
    open_link = survey(open_by_link=True)
    answer = {f"q{open_link.questions.first().pk}": "Sometimes"}
    url = reverse("surveys:answer_link", args=[open_link.link_token])
    one = CheckingClient(REMOTE_ADDR="", HTTP_X_FORWARDED_FOR="203.0.113.7")
    for n in range(20):
        assert one.post(url, answer).status_code == 302, n
    refused = one.post(url, answer)
    assert refused.status_code == 429
    assert "Too many attempts. Try again at" in check_page(refused).get_text()
    assert SurveyResponse.objects.count() == 20
    other = CheckingClient(REMOTE_ADDR="", HTTP_X_FORWARDED_FOR="198.51.100.20")
    assert other.post(url, answer).status_code == 302
