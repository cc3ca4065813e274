"""Lists that show children show each one's date of birth beside the name, so two children with
the same name can be told apart (support register, health assessments, placements)."""

from datetime import date

import pytest
from django.urls import reverse

from commissioning import services
from people.tests.factories import ChildFactory
from waiting.tests.factories import RegisterEntryFactory

pytestmark = pytest.mark.django_db


def twins_named_alike():
    return [ChildFactory(legal_first_name="Aras", legal_last_name="Abdullah", date_of_birth=born)
            for born in (date(2014, 2, 3), date(2016, 11, 20))]


def row_texts(soup):
    return [row.get_text(" ", strip=True) for row in soup.select("tbody tr")]


def test_the_support_register_shows_dates_of_birth(area, login):
    for child in twins_named_alike():
        RegisterEntryFactory(child=child)
    rows = row_texts(login("dco").page(reverse("waiting:register_list")))
    assert any("Aras Abdullah Born 3 Feb 2014" in row for row in rows), rows
    assert any("Aras Abdullah Born 20 Nov 2016" in row for row in rows), rows


def test_placements_show_dates_of_birth(area, login):
    user = area.users["commissioner"]
    for child in twins_named_alike():
        services.record_placement(None, user, child, {"kind": "maintained", "provider": area.school,
                                                      "start_on": date(2024, 9, 1)},
                                  {"period": "annual", "education": "9000"})
    rows = row_texts(login("commissioner").page(reverse("commissioning:placements")))
    assert any("Aras Abdullah Born 3 Feb 2014" in row for row in rows), rows
    assert any("Aras Abdullah Born 20 Nov 2016" in row for row in rows), rows
