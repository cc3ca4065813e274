"""Fixtures for the browser journeys: one Chromium for the session, a fresh context per test.

Debian's Chromium is driven (Playwright cannot download its own browser here). Each page is
tracked so a journey that opens a page without running axe-core on it fails (see e2e/pages.py).
"""

import pytest
from playwright.sync_api import sync_playwright

from e2e import pages

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]
TIMEOUT_MS = 10_000


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.e2e_call_failed = report.failed
    return report


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    """On SQLite the browser journeys use a database file, not memory, so that a background worker
    process (e2e/test_background_jobs.py) can open the same database as the live server."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        database.setdefault("TEST", {})["NAME"] = str(tmp_path_factory.mktemp("e2e-db") / "e2e.sqlite3")


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def new_page(browser, request):
    """new_page() -> a page in a fresh browser context (its own cookies: a different person)."""
    contexts = []

    def make():
        context = browser.new_context(locale="en-GB", timezone_id="Europe/London",
                                      accept_downloads=True)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        page = context.new_page()
        pages.track(page)
        return page

    yield make

    unchecked = {}
    for context in contexts:
        for page in context.pages:
            missed = pages.unchecked_pages(page)
            if missed:
                unchecked[page] = missed
            pages.forget(page)
        context.close()
    if not getattr(request.node, "e2e_call_failed", False):
        assert not unchecked, f"pages visited without an axe-core check: {list(unchecked.values())}"


@pytest.fixture
def page(new_page):
    return new_page()


@pytest.fixture
def axe():
    """axe(page): run axe-core on the page shown and fail on any WCAG A/AA violation."""
    return pages.check_page
