"""The forecast page: the projection and back-test from the records, and its growth assumptions."""

from datetime import date

import pytest
from django.urls import reverse

from people.tests.factories import ChildFactory
from plans.models import EHCPlan

pytestmark = pytest.mark.django_db


def _plans():
    EHCPlan.objects.all().delete()
    for year in (2024, 2025, 2026):
        for _ in range(2):
            child = ChildFactory(primary_need="ASD", date_of_birth=date(year - 5, 3, 1))
            EHCPlan.objects.create(child=child, first_issued_on=date(year, 4, 1))


def _all_column(soup):
    return [
        int(tr.find_all("td")[-1].get_text()) for tr in soup.find(id="forecast-table").tbody.find_all("tr")
    ]


def test_growth_changes_the_forecast(area, login):
    _plans()
    client = login("commissioner")
    flat = _all_column(client.page(reverse("commissioning:forecast")))
    grown = _all_column(client.page(reverse("commissioning:forecast") + "?growth_ASD=50"))
    assert len(flat) == 5 and grown[-1] > flat[-1]
    assert flat[0] == 6 + 2  # 6 in force, 2 new a year, nobody leaving
    assert client.page(reverse("commissioning:forecast")).find(id="back-test-table") is not None


def test_impossible_growth_is_refused_with_an_error_summary(area, login):
    _plans()
    soup = login("commissioner").page(reverse("commissioning:forecast") + "?growth_ASD=-80")
    assert "Growth must be -50% a year or more" in soup.find(class_="govuk-error-summary").get_text()
    assert soup.find(id="forecast-table") is None
