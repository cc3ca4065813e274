"""A manager sees the 20-week KPI against its trajectory, with the table beside the chart.

The test makes the cases: last month five new plans (four within 20 weeks, one at 30 weeks), this
month two (one in time, one late). Last month's figure was taken by the nightly snapshot; the
manager presses "Refresh now" for this month's. The trajectory: 65% from two years ago, 80% from the
start of this month. So last month is 80% (4 of 5) against 65%, green; this month is 50% (1 of 2)
against 80%, red (more than 5% short). The manager reaches the KPI by keyboard alone (Tab, Enter).
"""

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from accounts.roles import Role
from clock import dates
from e2e.casework_pages import with_authenticator
from e2e.pages import PASSWORD, follow, heading, open_nav, sign_in
from e2e.pages import check_page as axe_check
from people.tests.factories import UserFactory
from performance import services
from performance.tests.helpers import plan_issued, twenty_week_kpi

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("transactional_db")]


def build_figures():
    today = dates.today()
    this_month = today.replace(day=1)
    last_month = (this_month - timedelta(days=1)).replace(day=1)
    twenty_week_kpi(targets=[(this_month.replace(year=this_month.year - 2), 65), (this_month, 80)])
    for weeks in (15, 18, 19, 20, 30):
        plan_issued(last_month + timedelta(days=3), weeks)
    services.snapshot(this_month - timedelta(days=1))  # last month's nightly run
    plan_issued(this_month, 17)
    plan_issued(this_month, 26)
    return last_month, this_month


def test_a_manager_sees_the_twenty_week_kpi_against_its_trajectory(page, live_server):
    last_month, this_month = build_figures()
    manager = UserFactory(username="manager", first_name="Maya", last_name="Shah", role=Role.MANAGER)
    secret = with_authenticator(manager)
    sign_in(page, live_server, manager.username, PASSWORD, secret)

    open_nav(page, "Performance")
    expect(heading(page)).to_have_text("Key performance indicators")
    row = page.locator('#kpis tr[data-kpi="EHC-20W"]')
    expect(row).to_contain_text("80%")  # last month's figure until the refresh
    follow(page, page.get_by_role("button", name="Refresh now"))
    expect(page.locator(".govuk-notification-banner, .govuk-panel").first).to_contain_text("KPIs refreshed")
    expect(row.locator("td").nth(1)).to_contain_text("50%")
    expect(row.locator("td").nth(2)).to_have_text("80%")
    # This month's figure is counted part way through: shown "so far", not rated as a month.
    expect(row.locator("td").nth(3)).to_have_text("Not rated yet")

    # To the KPI by keyboard alone: Tab from the page's heading to its link, then Enter.
    link_name = "EHC-20W New EHC plans issued within 20 weeks"
    heading(page).evaluate("h => { h.tabIndex = -1; h.focus(); }")
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.textContent.trim()") == link_name:
            break
    else:
        pytest.fail("Tab never reached the KPI's link")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    axe_check(page)
    expect(heading(page)).to_have_text("New EHC plans issued within 20 weeks")
    expect(page.locator("#rating")).to_contain_text("Month so far: not rated until the month ends")

    chart = page.get_by_role("img", name="New EHC plans issued within 20 weeks against its trajectory")
    expect(chart).to_be_visible()
    table = page.locator("#figures")
    expect(table).to_be_visible()
    rows = table.locator("tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.nth(0).locator("th")).to_have_text(f"{this_month:%b %Y}")
    expect(rows.nth(0).locator("td").nth(0)).to_contain_text("50% 1 of 2")
    expect(rows.nth(0).locator("td").nth(1)).to_have_text("80%")
    expect(rows.nth(0).locator("td").nth(2)).to_have_text("Red")
    expect(rows.nth(1).locator("th")).to_have_text(f"{last_month:%b %Y}")
    expect(rows.nth(1).locator("td").nth(0)).to_contain_text("80% 4 of 5")
    expect(rows.nth(1).locator("td").nth(1)).to_have_text("65%")
    expect(rows.nth(1).locator("td").nth(2)).to_have_text("Green")

    # Beside, not below: the table starts to the right of the chart, level with it.
    chart_box, table_box = chart.bounding_box(), table.bounding_box()
    assert table_box["x"] >= chart_box["x"] + chart_box["width"] - 1
    assert table_box["y"] < chart_box["y"] + chart_box["height"]
