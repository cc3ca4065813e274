"""Long choices in the browser: a drop-down of more than 20 schools becomes GOV.UK's accessible
autocomplete; a commissioner picks a provider with the keyboard only (type part of the name, arrow
down, Enter), confirms the cost shown back as a yearly figure, and the placement is saved with that
provider. axe-core checks every page, the autocomplete open and closed."""

import pytest
from playwright.sync_api import Page, expect

from accounts.roles import Role
from commissioning.models import Placement, PlacementCost
from e2e.casework_pages import fill_date, london_today, with_authenticator
from e2e.pages import PASSWORD, check_page, follow, heading, sign_in, visit
from people.tests.factories import ChildFactory, SettingFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("transactional_db")]


def test_a_provider_is_chosen_from_30_with_the_keyboard(page: Page, live_server):
    for n in range(30):
        SettingFactory(name=f"Brookfield School {n:02d}", is_open=True)
    SettingFactory(name="Moorside Independent School", is_open=True, la_code="381")
    commissioner = UserFactory(username="rita", first_name="Rita", last_name="Page", role=Role.COMMISSIONER)
    secret = with_authenticator(commissioner)
    child = ChildFactory(legal_first_name="Nadia", legal_last_name="Khan")
    sign_in(page, live_server, commissioner.username, PASSWORD, secret)

    visit(page, live_server, f"/commissioning/placements/new/{child.public_id}/")
    expect(heading(page)).to_have_text("Record a placement")
    provider = page.get_by_role("combobox", name="Provider (optional)")
    expect(provider).to_be_visible()  # the <select> was enhanced
    page.get_by_label("Out of area (another local authority's school)").check()
    provider.focus()
    page.keyboard.type("Moorsi")
    expect(page.get_by_role("option", name="Moorside Independent School")).to_be_visible()
    check_page(page)  # with the list of suggestions open
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(provider).to_have_value("Moorside Independent School")
    fill_date(page, "id_start_on", london_today())
    page.get_by_label("A week").check()
    page.get_by_label("Education cost (high-needs block)").fill("62000")
    follow(page, page.get_by_role("button", name="Save the placement"))
    expect(page.locator("#confirm-cost")).to_contain_text("£62,000.00 a week is £3,224,000 a year")
    expect(page.locator("#confirm-cost")).to_contain_text("This is more than £500,000 a year")
    expect(page.get_by_role("combobox", name="Provider (optional)")).to_have_value(
        "Moorside Independent School"
    )  # the choice is kept when the page comes back
    page.get_by_label("Education cost (high-needs block)").fill("620")
    follow(page, page.get_by_role("button", name="Save the placement"))
    expect(page.locator("#confirm-cost")).to_contain_text("£620.00 a week is £32,240 a year")
    follow(page, page.get_by_role("button", name="Yes, save the placement at £32,240 a year"))
    placement = Placement.objects.get(child=child)
    assert placement.provider.name == "Moorside Independent School"
    assert PlacementCost.objects.get(placement=placement).annual() == 32240
