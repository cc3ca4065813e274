"""The menu is grouped by job: no role sees more than about 8 top-level entries, and every entry a
role may open is reachable in at most two clicks (the group, then the entry in its second level).
Signed-in pages keep everything inside a landmark (the account bar in the header, back links in a
navigation landmark), and the pagination label is plain text, not white-on-blue."""

import pytest

from conftest import PERSONA_ROLES
from core.navigation import FLAT_UP_TO, NAVIGATION, reachable_labels

pytestmark = pytest.mark.django_db


def menu_links(soup, name="Menu"):
    nav = soup.find("nav", attrs={"aria-label": name})
    return {a.get_text(" ", strip=True): a["href"] for a in nav.find_all("a")} if nav else {}


@pytest.mark.parametrize("persona", list(PERSONA_ROLES))
def test_no_role_sees_more_than_eight_top_level_entries(login, persona):
    soup = login(persona).page("/home/")
    assert 1 <= len(menu_links(soup)) <= FLAT_UP_TO


@pytest.mark.parametrize("persona", ["manager", "caseworker", "panel", "commissioner", "administrator"])
def test_every_entry_is_reachable_within_two_clicks(login, area, persona):
    client = login(persona)
    user = area.users[persona]
    top = menu_links(client.page("/home/"))
    permitted = {label for _, label, _, perm in NAVIGATION if not perm or user.has_perm(perm)}
    routes = reachable_labels(user)
    assert set(routes) == permitted
    for label, clicks in routes.items():
        assert 1 <= len(clicks) <= 2
        first = top[clicks[0]]  # the first click is on the top-level menu
        if len(clicks) == 2:
            second = menu_links(client.page(first), name=clicks[0])
            assert label in second, (label, clicks, second)
            client.page(second[label])


def test_the_managers_menu_is_grouped_by_job(login):
    soup = login("manager").page("/cases/")
    assert list(menu_links(soup)) == [
        "Home", "Casework", "Plans and reviews", "Waiting lists", "Local Offer",
        "Performance and improvement", "Partnership", "Administration",
    ]
    current = soup.find("nav", attrs={"aria-label": "Menu"}).find("a", attrs={"aria-current": "page"})
    assert current.get_text(strip=True) == "Casework"
    section = soup.find("nav", attrs={"aria-label": "Casework"})
    assert section.find("a", attrs={"aria-current": "page"}).get_text(strip=True) == "Cases"


def test_account_bar_and_back_links_sit_inside_landmarks(login, area):
    client = login("caseworker")
    soup = client.page(f"/children/{area.own_child.public_id}/")
    bar = soup.find(string=lambda text: text and "Signed in as" in text)
    assert bar.find_parent("header") is not None
    for back in soup.select(".govuk-back-link"):
        assert back.find_parent(["nav", "main", "header", "footer"]) is not None
    home = client.page("/home/")
    assert not home.select("body > .govuk-width-container > nav"), "no empty back-link landmark"


def test_pagination_label_is_not_styled_as_a_current_page_link(login):
    from django.core.paginator import Paginator
    from django.template.loader import render_to_string
    from django.test import RequestFactory

    page_obj = Paginator(list(range(60)), 25).page(1)
    html = render_to_string("govuk/pagination.html", {"page_obj": page_obj,
                                                       "request": RequestFactory().get("/cases/")})
    assert "Page 1 of 3" in html
    assert "govuk-pagination__item--current" not in html
