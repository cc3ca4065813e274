"""The accessibility statement: open to everyone, linked from every page's footer."""

import pytest
from django.urls import reverse

from conftest import CheckingClient

pytestmark = pytest.mark.django_db


def test_it_is_open_without_signing_in_and_states_compliance():
    soup = CheckingClient().page(reverse("core:accessibility"))
    text = soup.get_text(" ", strip=True)
    assert "Accessibility statement for" in soup.h1.get_text()
    assert "Web Content Accessibility Guidelines version 2.2 AA" in text
    assert "Equality Advisory and Support Service" in text


def test_it_gives_the_areas_contact_address_when_set(settings):
    settings.ACCESSIBILITY_CONTACT_EMAIL = "send.access@area.example"
    soup = CheckingClient().page(reverse("core:accessibility"))
    assert soup.find("a", href="mailto:send.access@area.example")


def test_every_page_links_to_it_from_the_footer(area, login):
    soup = login("parent").page(reverse("core:home"))
    assert soup.select_one("footer a").get("href") == reverse("core:accessibility")
    soup = CheckingClient().page(reverse("directory:home"))
    assert soup.select_one("footer a").get("href") == reverse("core:accessibility")
