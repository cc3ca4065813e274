"""The staff workspace in the browser (issue 24's "done when"): a manager finds children however
their names are typed, allocates five cases at once seeing each caseworker's caseload, and reaches
every menu entry within two clicks of the grouped menu. axe-core runs on every page on the way."""

from datetime import timedelta
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from accounts.roles import Role
from casework.tests.factories import case_at
from clock import dates
from core.navigation import reachable_labels
from e2e.casework_pages import with_authenticator
from e2e.pages import PASSWORD, follow, heading, sign_in, visit
from people.tests.factories import ChildFactory, UserFactory
from performance import services as kpi_services
from performance.tests.helpers import twenty_week_kpi

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("transactional_db")]


def build():
    manager = UserFactory(username="manager", first_name="Maya", last_name="Shah", role=Role.MANAGER)
    busy = UserFactory(username="busy", first_name="Bella", last_name="Busy", role=Role.CASEWORKER)
    free = UserFactory(username="free", first_name="Fran", last_name="Free", role=Role.CASEWORKER)
    novak = ChildFactory(legal_first_name="Tomáš", legal_last_name="Novák")
    obrien = ChildFactory(legal_first_name="Siobhán", legal_last_name="O'Brien")
    ChildFactory(legal_first_name="Jacob", legal_last_name="Walsh")
    for _ in range(3):
        case_at(ChildFactory(), "received", caseworker=busy)
    unallocated = [case_at(child, "received") for child in (novak, obrien)]
    unallocated += [case_at(ChildFactory(), "received") for _ in range(3)]
    return manager, busy, free, unallocated


def search_home(page, live_server, terms):
    visit(page, live_server, "/home/")
    page.get_by_label("Name, UPN, NHS number or date of birth").fill(terms)
    follow(page, page.get_by_role("button", name="Search", exact=True))
    return page.locator("table.govuk-table tbody a").all_inner_texts()


def test_a_manager_finds_allocates_and_reaches_every_menu_entry(page, live_server):
    manager, busy, free, unallocated = build()
    today = dates.today()
    # A KPI figure counted part way through this month (the day before its end at the latest).
    as_at = min(today, dates.month_end(today) - timedelta(days=1))
    kpi = twenty_week_kpi(targets=((today - timedelta(days=400), 60), (today + timedelta(days=200), 70)))
    kpi_services.add_measurement(None, kpi, as_at=as_at, value=Decimal(64), note="Part of the month")
    secret = with_authenticator(manager)
    sign_in(page, live_server, manager.username, PASSWORD, secret)

    # Finding a child: accents, apostrophes (straight or curly) and case do not matter.
    for typed in ("Novak", "novák"):
        assert any("Novák" in name for name in search_home(page, live_server, typed)), typed
    for typed in ("O'Brien", "O’Brien"):
        assert any("O'Brien" in name for name in search_home(page, live_server, typed)), typed

    # Five unallocated cases at once, with each caseworker's caseload in the picker.
    visit(page, live_server, "/cases/?caseworker=none")
    boxes = page.locator('#bulk input[name="cases"]')
    expect(boxes).to_have_count(5)
    for index in range(5):
        boxes.nth(index).check()
    follow(page, page.get_by_role("button", name="Allocate chosen cases"))
    expect(heading(page)).to_have_text("Allocate the chosen cases")
    expect(page.get_by_label(f"{busy}: 3 open cases", exact=False)).to_be_visible()
    page.get_by_label(f"{free}: 0 open cases", exact=False).check()
    follow(page, page.get_by_role("button", name="Allocate"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text(f"5 cases allocated to {free}")
    for case in unallocated:
        case.refresh_from_db()
        assert case.caseworker == free

    # The KPI list shows this month's figure as so far, and does not rate it.
    visit(page, live_server, "/performance/")
    row = page.locator("tbody tr").filter(has_text=kpi.name)
    expect(row).to_contain_text(f"{as_at:%b %Y} so far")
    expect(row).to_contain_text("Not rated yet")

    # Every entry of the menu is one or two clicks from any page.
    for label, clicks in reachable_labels(manager).items():
        visit(page, live_server, "/home/")
        menu = page.get_by_role("navigation", name="Menu")
        follow(page, menu.get_by_role("link", name=clicks[0], exact=True))
        if len(clicks) == 2:
            link = page.get_by_role("navigation", name=clicks[0], exact=True).get_by_role(
                "link", name=label, exact=True)
            if link.get_attribute("aria-current") != "page":
                follow(page, link)
        current = page.locator('[aria-current="page"]').all_inner_texts()
        assert any(label == text.strip() for text in current), (label, current)


def test_a_commissioner_sees_the_forecast_warning(page, live_server):
    from plans.tests.factories import issued_plan

    commissioner = UserFactory(username="commissioner", first_name="Cara", last_name="Cole",
                               role=Role.COMMISSIONER)
    for _ in range(2):
        issued_plan(ChildFactory())  # plans that have never ended: the forecast only adds
    sign_in(page, live_server, commissioner.username, PASSWORD, with_authenticator(commissioner))
    visit(page, live_server, "/commissioning/forecast/")
    expect(page.locator("#forecast-warnings")).to_contain_text("No plan in the data has ever ended")
