"""The accessibility statement passes its own standard, and the footer reaches it by keyboard."""

import pytest

from e2e.pages import check_page, heading, visit

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("transactional_db")]


def test_the_statement_is_reached_from_the_footer_by_keyboard(page, live_server):
    visit(page, live_server, "/local-offer/")
    link = page.get_by_role("link", name="Accessibility statement")
    link.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    check_page(page)
    assert heading(page).inner_text().startswith("Accessibility statement for")
