"""Every figure on a home page is a link to the list it counts (for readers who may open that
list), and the list opens for its reader."""

import pytest

from conftest import PERSONA_ROLES
from core import home

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("persona", list(PERSONA_ROLES))
def test_every_home_figure_links_to_a_list_its_reader_can_open(login, area, persona):
    client = login(persona)
    soup = client.page("/home/")
    user = area.users[persona]
    for figure in home.figures_for(user):
        if not figure.get("url"):
            # Only the area-wide counts are shown to people who may not open the children list.
            assert not user.has_perm("people.list_children"), figure["label"]
            continue
        link = soup.find("main").find("a", href=figure["url"])
        assert link is not None and figure["label"] in link.get_text(" ", strip=True)
        client.page(figure["url"])


def test_the_managers_overdue_figure_opens_the_overdue_cases(login):
    soup = login("manager").page("/home/")
    link = next(a for a in soup.select("main a") if "Cases overdue" in a.get_text())
    assert link["href"] == "/cases/?status=overdue"
    unallocated = next(a for a in soup.select("main a") if "not allocated" in a.get_text())
    assert unallocated["href"] == "/cases/?caseworker=none"
