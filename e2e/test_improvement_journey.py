"""The improvement plan in the browser, with axe-core on every page.

An action lead signs in with their authenticator, finds their action in the plan, sets it to
amber (by keyboard alone), is told by the error summary that amber needs a narrative, writes one
and sees the change in the action's rating history. A manager makes the quarterly board report,
previews and issues it, downloads the PDF and Word files and reads them back; after a rating and a
KPI figure change, the issued report reopens exactly as it was sent: same page, same file bytes.
"""

import hashlib
from datetime import timedelta

import docx
import pypdf
import pytest
from playwright.sync_api import Page, expect

from accounts.roles import Role
from e2e.casework_pages import banner, london_today, with_authenticator
from e2e.pages import (
    PASSWORD,
    check_page,
    error_messages,
    focused_id,
    follow,
    heading,
    open_nav,
    sign_in,
    visit,
)
from improvement.models import Action
from improvement.plan_data import load_plan
from improvement.services import update_action
from people.tests.factories import UserFactory
from performance.models import KPI, Measurement, Target

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("transactional_db")]

AMBER_WHY = "The PFA audit slipped a term: the new Year 9 review template reaches schools in January."
EXCEPTION_WHY = "Annual Review Portal launch moved to February: the supplier missed the build date."
KPI_NAME = "Annual reviews on time"


def sign_in_staff(page: Page, live_server, user, secret: str) -> None:
    sign_in(page, live_server, user.username, PASSWORD, secret)
    expect(heading(page)).to_have_text(f"Hello, {user.first_name}")


def a_plan_with_leads():
    load_plan()
    lead = UserFactory(username="lead", first_name="Leila", last_name="Shah", role=Role.ACTION_LEAD)
    manager = UserFactory(username="manager", first_name="Mark", last_name="Evans", role=Role.MANAGER)
    Action.objects.filter(number__in=["2.1.2", "2.3.1"]).update(lead=lead)
    return lead, manager


def test_an_action_lead_updates_an_action_to_amber_with_a_narrative(page: Page, live_server):
    lead, _ = a_plan_with_leads()
    secret = with_authenticator(lead)
    sign_in_staff(page, live_server, lead, secret)

    open_nav(page, "Improvement plan")
    expect(heading(page)).to_have_text("Improvement plan")
    follow(page, page.get_by_role("link", name="My actions"))
    expect(page.locator("#result-count")).to_have_text("2 actions found")
    follow(page, page.get_by_role("link", name="2.3.1 action"))
    expect(heading(page)).to_have_text("Action 2.3.1")
    follow(page, page.get_by_role("link", name="Update this action"))
    expect(heading(page)).to_have_text("Update this action")

    # By keyboard alone: choose amber with Space, Tab past the empty narrative, Enter on Save.
    page.get_by_label("Amber: in progress").focus()
    page.keyboard.press("Space")
    expect(page.get_by_label("Amber: in progress")).to_be_checked()
    for _ in range(6):  # past the milestone checkboxes to the empty narrative
        page.keyboard.press("Tab")
        if focused_id(page) == "id_narrative":
            break
    assert focused_id(page) == "id_narrative"
    page.keyboard.press("Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    check_page(page)
    assert error_messages(page) == ["Enter a progress update saying why the action is amber"]
    assert page.title().startswith("Error: Update action 2.3.1 - Improvement plan")
    page.locator(".govuk-error-summary").get_by_role("link").click()
    assert focused_id(page) == "id_narrative"
    expect(page.get_by_label("Amber: in progress")).to_be_checked()

    page.get_by_label("Progress update", exact=True).fill(AMBER_WHY)
    page.get_by_label("January 2024: By January 2024, 75% of all EHC plans").check()
    follow(page, page.get_by_role("button", name="Save update"))
    expect(heading(page)).to_have_text("Action 2.3.1")
    expect(banner(page)).to_contain_text("Action 2.3.1 updated: Amber: in progress")
    history = page.locator("#rating-changes tbody tr")
    expect(history).to_have_count(1)
    expect(history.first).to_contain_text("Leila Shah")
    expect(history.first).to_contain_text("Grey")
    expect(history.first).to_contain_text("Amber")
    expect(history.first).to_contain_text(AMBER_WHY)
    expect(page.locator("#milestones tbody tr").first).not_to_contain_text("Not yet")
    action = Action.objects.get(number="2.3.1")
    assert action.rating == "amber"
    assert action.rating_changes.get().changed_by == lead


def _download(page: Page, link_name: str, path):
    with page.expect_download() as info:
        page.get_by_role("link", name=link_name).click()
    info.value.save_as(path)
    return path.read_bytes()


def _pdf_text(path) -> str:
    return " ".join(" ".join(p.extract_text() for p in pypdf.PdfReader(path).pages).split())


def _docx_text(path) -> str:
    document = docx.Document(path)
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return " ".join(" ".join(parts).split())


def test_the_quarterly_report_is_issued_downloaded_and_reopened_unchanged(page: Page, live_server, tmp_path):
    lead, manager = a_plan_with_leads()
    today = london_today()
    portal = Action.objects.get(number="2.1.2")
    update_action(portal, lead, portal.version, "amber", EXCEPTION_WHY)
    kpi = KPI.objects.create(code="2.1", name=KPI_NAME, measures="Plans re-issued in time", area_code="2")
    Target.objects.create(kpi=kpi, due_on=today + timedelta(days=60), value=70)
    Measurement.objects.create(
        kpi=kpi,
        period_start=today - timedelta(days=30),
        period_end=today - timedelta(days=1),
        value=62,
        numerator=62,
        denominator=100,
        origin="manual",
    )
    secret = with_authenticator(manager)
    sign_in_staff(page, live_server, manager, secret)

    open_nav(page, "Improvement plan")
    follow(page, page.get_by_role("link", name="Board reports"))
    expect(heading(page)).to_have_text("Board reports")
    follow(page, page.get_by_role("link", name="Make a report"))
    page.get_by_label("Quarterly formal report").check()
    follow(page, page.get_by_role("button", name="Preview the report"))
    expect(heading(page)).to_have_text(f"Quarterly formal report: {today:%-d %B %Y}")
    expect(page.locator("#section-exceptions")).to_contain_text(EXCEPTION_WHY)
    # Issuing renders the PDF and Word files: slower than a page, so allow it a minute.
    with page.expect_navigation(timeout=60_000):
        page.get_by_role("button", name="Issue this report").click(no_wait_after=True)
    check_page(page)
    expect(heading(page)).to_have_text(f"Quarterly formal report: {today:%-d %B %Y}")
    expect(page.locator(".govuk-inset-text").first).to_contain_text("exactly as it was sent")
    report_url = page.url
    page_text = page.locator("main").inner_text()

    pdf = _download(page, "PDF", tmp_path / "report.pdf")
    word = _download(page, "Word (DOCX)", tmp_path / "report.docx")
    assert page.locator("#pdf-hash").inner_text() == hashlib.sha256(pdf).hexdigest()
    assert page.locator("#docx-hash").inner_text() == hashlib.sha256(word).hexdigest()
    for text in (_pdf_text(tmp_path / "report.pdf"), _docx_text(tmp_path / "report.docx")):
        assert "Quarterly formal report" in text
        assert "KPI scorecard" in text and KPI_NAME in text and "62%" in text
        assert "Exceptions: red and amber actions" in text and EXCEPTION_WHY in text
        assert "Action 2.1.2" in text or "2.1.2" in text

    # The plan moves on: a rating and a KPI figure change after the report was sent.
    portal.refresh_from_db()
    update_action(portal, manager, portal.version, "blue", "Portal launched and embedded.")
    Measurement.objects.create(
        kpi=kpi,
        period_start=today,
        period_end=today,
        value=81,
        numerator=81,
        denominator=100,
        origin="manual",
    )

    visit(page, live_server, report_url.removeprefix(live_server.url))
    assert page.locator("main").inner_text() == page_text
    expect(page.locator("main")).not_to_contain_text("Portal launched and embedded.")
    expect(page.locator("main")).not_to_contain_text("81%")
    assert _download(page, "PDF", tmp_path / "again.pdf") == pdf
    assert _download(page, "Word (DOCX)", tmp_path / "again.docx") == word
