"""Joint commissioning in the browser, with axe-core on every page.

A commissioner sees needs by primary need and by area (a table beside each chart), runs the
forecast, changes the autism growth assumption on the sufficiency page (by keyboard alone) and sees
the shortfall of autism places grow, then records an out-of-area placement with a jointly funded
cost and finds it in the high-needs budget view and the out-of-district list. A manager opens every
other commissioning page, each checked by axe-core.
"""

from datetime import date

import pytest
from playwright.sync_api import Page, expect

from accounts.roles import Role
from clock import dates
from commissioning import services
from commissioning.tests.factories import out_of_area_school
from e2e.casework_pages import fill_date, with_authenticator
from e2e.pages import check_page, follow, heading, open_nav, sign_in, visit
from people.tests.factories import ChildFactory, UserFactory
from plans.models import EHCPlan

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("transactional_db")]


def an_area_with_autism_places():
    """30 children with autism plans (6 new a year), 14 of them in a special school of 16 places;
    a few with other needs; an independent school in another authority for the placement."""
    year = dates.today().year
    commissioner = UserFactory(username="commish", first_name="Chidi", role=Role.COMMISSIONER)
    for index in range(30):
        child = ChildFactory(
            primary_need="ASD",
            postcode="BD3 8QX" if index % 2 else "BD10 1AA",
            date_of_birth=date(year - 9, 3, 1),
        )
        EHCPlan.objects.create(child=child, first_issued_on=date(year - 4 + index % 5, 4, 1))
    for need in ("SEMH", "SLCN"):
        for _ in range(3):
            EHCPlan.objects.create(
                child=ChildFactory(primary_need=need, postcode="BD7 1DP"),
                first_issued_on=date(year - 1, 5, 1),
            )
    services.add_provision(None, commissioner, "Oak Bank School", "special", {"ASD": 16}, roll={"ASD": 14})
    services.add_provision(
        None, commissioner, "Park Resourced Base", "resourced", {"SLCN": 8}, roll={"SLCN": 3}
    )
    placed = ChildFactory(legal_first_name="Tomasz", legal_last_name="Nowak", primary_need="ASD")
    out_of_area_school()
    services.set_budget(None, commissioner, dates.financial_year(dates.today()), "500000")
    return commissioner, placed


def asd_shortfalls(page: Page) -> list[int]:
    return [
        int(v)
        for v in page.locator("#sufficiency-ASD td[data-shortfall]").evaluate_all(
            "cells => cells.map(c => c.dataset.shortfall)"
        )
    ]


def test_a_commissioner_plans_places_and_records_a_jointly_funded_out_of_area_placement(
    page: Page, live_server
):
    commissioner, placed = an_area_with_autism_places()
    sign_in(
        page, live_server, commissioner.username, "pale-orange-kettle-42", with_authenticator(commissioner)
    )

    # Needs by primary need, then by area: each chart has its table beside it.
    open_nav(page, "Commissioning")
    expect(heading(page)).to_have_text("Needs analysis")
    expect(page.locator("svg.app-chart").first).to_be_visible()
    expect(page.locator("#needs-table tbody tr").first).to_contain_text("Autistic spectrum disorder")
    page.get_by_label("Break down by").select_option("area")
    follow(page, page.get_by_role("button", name="Show"))
    expect(page.locator("#needs-table")).to_contain_text("BD3")
    expect(page.locator("#needs-table")).to_contain_text("BD10")

    # The forecast, run with an assumption.
    follow(page, page.get_by_role("link", name="Demand forecast", exact=True))
    expect(heading(page)).to_have_text("Demand forecast")
    page.get_by_label("Autistic spectrum disorder: growth in new plans (% a year)").fill("10")
    follow(page, page.get_by_role("button", name="Run the forecast"))
    expect(page.locator("#forecast-table tbody tr")).to_have_count(5)

    # Sufficiency: a growth assumption moves the autism shortfall. By keyboard alone.
    follow(page, page.get_by_role("link", name="Sufficiency of places", exact=True))
    expect(heading(page)).to_have_text("Sufficiency of specialist places")
    before = asd_shortfalls(page)
    field = page.get_by_label("Autistic spectrum disorder: growth in new plans (% a year)")
    field.focus()
    page.keyboard.press("Control+A")
    page.keyboard.type("50")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    check_page(page)
    after = asd_shortfalls(page)
    assert sum(after) > sum(before) and after[-1] > before[-1], (before, after)
    expect(page.locator("#shortfall-table")).to_contain_text("Shortfall")

    # Record an out-of-area placement with a cost shared by education, health and social care.
    follow(page, page.get_by_role("link", name="Placements").first)
    follow(page, page.get_by_role("button", name="Record a placement"))
    page.get_by_label("Child's name or UPN").fill("Nowak")
    follow(page, page.get_by_role("button", name="Find the child"))
    follow(page, page.get_by_role("link", name="Tomasz Nowak"))
    expect(heading(page)).to_have_text("Record a placement")
    page.get_by_label("Out of area (another local authority's school)").check()
    # A long list of providers is an accessible autocomplete: type part of the name, then choose.
    page.get_by_role("combobox", name="Provider (optional)").fill("Moorside")
    page.get_by_role("option", name="Moorside Independent School").click()
    fy = dates.financial_year(dates.today())
    fill_date(page, "id_start_on", date(fy, 4, 1))
    page.get_by_label("Contract reference").fill("OOA-2026-014")
    page.get_by_label("A week").check()
    page.get_by_label("Education cost (high-needs block)").fill("1500")
    page.get_by_label("Health cost (ICB)").fill("400")
    page.get_by_label("Social care cost").fill("600")
    follow(page, page.get_by_role("button", name="Save the placement"))
    # Money is shown back as a yearly figure to confirm before it is saved.
    expect(page.locator("#confirm-cost")).to_contain_text("£2,500.00 a week is £130,000 a year")
    follow(page, page.get_by_role("button", name="Yes, save the placement at £130,000 a year"))
    expect(heading(page)).to_have_text("Out of area (another local authority's school)")
    expect(page.locator("#costs-table")).to_contain_text("£130,000")

    # The high-needs budget view counts it for the whole financial year.
    follow(page, page.get_by_role("link", name="High-needs budget", exact=True))
    row = page.locator("#kind-out_of_area")
    expect(row).to_contain_text("78,000")
    expect(row).to_contain_text("20,800")
    expect(row).to_contain_text("31,200")
    expect(row).to_contain_text("130,000")
    expect(page.locator("#budget-figure")).to_contain_text("£500,000")
    expect(page.locator("#remaining-figure")).to_contain_text("£422,000")

    # And the out-of-district list, for the work of bringing children back into area.
    follow(page, page.get_by_role("link", name="Out of district", exact=True))
    expect(page.locator("#ood-table")).to_contain_text(placed.full_name)
    expect(page.locator("#ood-table")).to_contain_text("Moorside Independent School")
    expect(page.locator("#ood-count")).to_contain_text("1 child placed out of district")

    # The commissioner sets next year's budget; the intentions page shows the board both plans.
    follow(page, page.get_by_role("link", name="High-needs budget", exact=True))
    follow(page, page.get_by_role("link", name="Set the budget for a year"))
    page.get_by_label("Financial year starting in April").fill(str(fy + 1))
    page.get_by_label("High-needs budget (pounds)").fill("520000")
    follow(page, page.get_by_role("button", name="Save the budget"))
    expect(page.locator("#budget-figure")).to_contain_text("£520,000")
    follow(page, page.get_by_role("link", name="Commissioning intentions", exact=True))
    follow(page, page.get_by_role("button", name="Add an intention"))
    expect(heading(page)).to_have_text("Add a commissioning intention")
    visit(page, live_server, "/commissioning/sufficiency/places/")
    expect(heading(page)).to_have_text("Add commissioned places")


def test_every_commissioning_page_passes_axe_for_a_manager(page: Page, live_server):
    commissioner, placed = an_area_with_autism_places()
    placement = services.record_placement(
        None,
        commissioner,
        placed,
        {"kind": "independent", "provider": out_of_area_school(), "start_on": date(2025, 9, 1)},
        {"period": "annual", "education": "65000", "health": "5000"},
    )
    manager = UserFactory(username="mgr", first_name="Mina", role=Role.MANAGER)
    sign_in(page, live_server, manager.username, "pale-orange-kettle-42", with_authenticator(manager))
    for path in (
        "/commissioning/",
        "/commissioning/?by=year_group",
        "/commissioning/forecast/",
        "/commissioning/forecast/?growth_ASD=900",
        "/commissioning/sufficiency/",
        "/commissioning/placements/",
        "/commissioning/placements/?ood=1&status=current",
        "/commissioning/placements/new/",
        f"/commissioning/placements/new/{placed.public_id}/",
        f"/commissioning/placements/{placement.public_id}/",
        f"/commissioning/placements/{placement.public_id}/cost/",
        f"/commissioning/placements/{placement.public_id}/end/",
        "/commissioning/budget/",
        "/commissioning/budget/?year=2020",
        "/commissioning/out-of-district/",
        "/commissioning/intentions/",
    ):
        visit(page, live_server, path)
    # A refused form shows its error summary, and that page passes too.
    visit(page, live_server, f"/commissioning/placements/{placement.public_id}/cost/")
    page.get_by_label("A year").check()
    page.get_by_label("Health cost (ICB)").fill("-40")
    follow(page, page.get_by_role("button", name="Add the cost"))
    expect(page.locator(".govuk-error-summary")).to_contain_text("Health cost must be 0 or more")
