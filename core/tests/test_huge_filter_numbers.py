"""A list filter given a number too big for the database or the date arithmetic answers the page
with a GOV.UK error (core/filters.py), not a 500."""

import pytest
from django.urls import reverse

from core.params import whole_number

pytestmark = pytest.mark.django_db

HUGE = "9" * 30


@pytest.mark.parametrize(
    "url_name,param,persona",
    [
        ("casework:case_list", "caseworker", "caseworker"),
        ("people:child_list", "year", "caseworker"),
        ("waiting:register_list", "worker", "health_officer"),
    ],
)
@pytest.mark.parametrize("value", [HUGE, "-" + HUGE, "99999999999999999999", "²", "٣"])
def test_a_huge_or_odd_number_in_a_filter_answers_normally(area, login, url_name, param, persona, value):
    response = login(persona).get(reverse(url_name), {param: value})
    assert response.status_code == 200, (url_name, value)
    assert b"govuk-error-summary" in response.content


def test_whole_number_takes_only_plain_numbers_in_range():
    assert whole_number("42") == 42 and whole_number("-2", low=-5) == -2
    assert whole_number(str(2**63 - 1)) == 2**63 - 1
    assert whole_number(str(2**63)) is None and whole_number(HUGE) is None
    assert whole_number("²") is None and whole_number("٣") is None and whole_number(" ") is None
    assert whole_number("15", high=14) is None and whole_number("-1") is None
