"""Page helpers for the casework journeys: staff accounts, dates as the pages show them, the case
page's clocks table and stage actions. Built on e2e/pages.py, so every page is axe-checked."""

import secrets
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from accounts.two_factor import secret_base32
from e2e.pages import PASSWORD, follow

LONDON = ZoneInfo("Europe/London")


def london_today() -> date:
    """Today where the service runs (the app counts in Europe/London, not the server's UTC)."""
    return datetime.now(LONDON).date()


def days_after(start: date, days: int) -> date:
    return start + timedelta(days=days)


def short_date(day: date) -> str:
    """As tables show dates (Django "j M Y"): 5 Jun 2026."""
    return f"{day.day} {day:%b %Y}"


def long_date(day: date) -> str:
    """As summaries and messages show dates (Django "j F Y"): 5 June 2026."""
    return f"{day.day} {day:%B %Y}"


# --- accounts ------------------------------------------------------------------------------


def with_password(user):
    user.set_password(PASSWORD)
    user.save()
    return user


def with_authenticator(user) -> str:
    """Give `user` a password and a confirmed TOTP device of their own; return its base32 secret."""
    with_password(user)
    device = TOTPDevice.objects.create(user=user, name="Phone", confirmed=True, key=secrets.token_hex(20))
    return secret_base32(device)


# --- forms ---------------------------------------------------------------------------------


def fill_date(page: Page, field_id: str, day: date) -> None:
    """Type `day` into a GOV.UK date input (the boxes `<field_id>_day`, `_month`, `_year`)."""
    page.locator(f"#{field_id}_day").fill(str(day.day))
    page.locator(f"#{field_id}_month").fill(str(day.month))
    page.locator(f"#{field_id}_year").fill(str(day.year))


def expect_date(page: Page, field_id: str, day: date) -> None:
    """The date input shows `day` (a stage form starts at today)."""
    expect(page.locator(f"#{field_id}_day")).to_have_value(str(day.day))
    expect(page.locator(f"#{field_id}_month")).to_have_value(str(day.month))
    expect(page.locator(f"#{field_id}_year")).to_have_value(str(day.year))


def banner(page: Page):
    return page.locator(".govuk-notification-banner")


# --- the case page -------------------------------------------------------------------------


def clock_row(step: str, start: date | None, due: date | None, done: date | None, status: str) -> tuple:
    """One row of the clocks table as the page should show it."""
    return (step, *(short_date(d) if d else "" for d in (start, due, done)), status)


def clocks(page: Page) -> list[tuple]:
    """The time limits table, row by row: (step, started, due, done, status); the law left out."""
    rows = []
    for row in page.locator("#clocks tbody tr").all():
        step = row.locator("th").inner_text().strip()
        cells = [text.strip() for text in row.locator("td").all_inner_texts()]
        rows.append((step, *cells[:4]))
    return rows


def stage(page: Page) -> str:
    return page.locator("#stage").inner_text().strip()


def next_deadline(page: Page) -> str:
    return " ".join(page.locator("#next-deadline").inner_text().split())


def advice_rows(page: Page) -> list[list[str]]:
    """The advice table: adviser (with the professional), asked, due, received, status."""
    return [
        [" ".join(text.split()) for text in row.locator("td").all_inner_texts()[:5]]
        for row in page.locator("#advice-requests tbody tr").all()
    ]


def start_action(page: Page, label: str) -> None:
    """Open one of the case page's stage actions (links styled as buttons)."""
    follow(page, page.locator("#actions").get_by_role("button", name=label, exact=True))


def summary_value(page: Page, key: str) -> str:
    row = page.locator(".govuk-summary-list__row").filter(
        has=page.locator(".govuk-summary-list__key", has_text=key)
    )
    return row.locator(".govuk-summary-list__value").inner_text().strip()
