"""Long work runs in a real background worker and the browser follows its progress.

A `manage.py run_worker` process (the production worker) runs beside the live server, on
PostgreSQL or on SQLite (a database file for the browser tests, see e2e/conftest.py). Each
journey's page comes back at once with a progress bar (queued or running, never finished in the
request), which then updates without a reload to the end:
- the SEN2 return page builds the return and shows it;
- issuing a board report renders its PDF and Word file, then links to the issued report;
- a 20,000-row file of children (made here) is checked and imported, with the count at the end.
"""

import csv
import io
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection
from playwright.sync_api import Page, expect

from accounts.roles import Role
from e2e.casework_pages import london_today, with_authenticator
from e2e.pages import PASSWORD, check_page, follow, heading, sign_in, visit
from e2e.test_statutory_returns import build_area
from improvement.plan_data import load_plan
from jobs.models import Job, Status
from people.models import Child
from people.tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("transactional_db")]

ROOT = Path(__file__).resolve().parent.parent
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
ROWS = 20_000
FINISH_MS = 120_000  # the import of 20,000 rows on a busy 2-core machine


def _database_url(db) -> str:
    if db["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{db['NAME']}"  # a file: e2e/conftest.py keeps the browser tests off memory
    auth = f"{quote(db['USER'])}:{quote(db['PASSWORD'])}@" if db["USER"] else ""
    return f"postgres://{auth}{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}/{quote(db['NAME'])}"


@pytest.fixture
def worker(settings, live_server, tmp_path):
    """Jobs go to the database queue, and a real worker process (the production command) takes
    them from it."""
    settings.TASKS = DATABASE_QUEUE
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "opensend.test_settings",
        "DATABASE_URL": _database_url(connection.settings_dict),
        "TASKS_BACKEND": DATABASE_QUEUE["default"]["BACKEND"],
        # The worker has no test outbox of this process's: its email goes to files a test can read.
        "EMAIL_URL": f"filemail:///{tmp_path / 'mail'}",  # four slashes: an absolute path
    }
    log = (tmp_path / "worker.log").open("w")
    process = subprocess.Popen(  # noqa: S603 - our own manage.py, fixed arguments
        [sys.executable, "manage.py", "run_worker", "--no-schedule", "--no-startup-delay", "--interval=0.2"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    yield process
    process.terminate()
    process.wait(30)
    log.close()


def sign_in_staff(page: Page, live_server, user, secret=None) -> None:
    sign_in(page, live_server, user.username, PASSWORD, secret or with_authenticator(user))
    expect(heading(page)).to_have_text(f"Hello, {user.first_name}")


def came_back_unfinished(response) -> None:
    """The page was rendered while its job was still waiting or running: the request did not wait."""
    html = response.text()
    assert 'data-job-status="queued"' in html or 'data-job-status="running"' in html


def expect_progress_bar(page: Page) -> None:
    """A job page as it first comes back: a progress bar, not yet at its end, that says so."""
    bar = page.get_by_role("progressbar")
    expect(bar).to_be_visible()
    expect(page.locator("#job-progress-status")).to_have_attribute("aria-live", "polite")
    assert page.locator("#job-status-tag").inner_text() in ("Waiting to start", "In progress", "Finished")
    page.evaluate("() => { window.stillThisPage = true; }")


def expect_finished_in_place(page: Page) -> None:
    expect(page.locator("#job-status-tag")).to_have_text("Finished", timeout=FINISH_MS)
    bar = page.get_by_role("progressbar")
    assert bar.get_attribute("value") == bar.get_attribute("max")
    assert page.evaluate("() => window.stillThisPage === true"), "the page updated without a reload"
    check_page(page)


def test_the_sen2_page_comes_back_at_once_and_shows_the_return_when_built(page: Page, live_server, worker):
    census, missing, manager, secret = build_area()
    sign_in_staff(page, live_server, manager, secret)
    came_back_unfinished(visit(page, live_server, f"/performance/returns/sen2/?year={census.year}"))
    expect(heading(page)).to_have_text("SEN2 return")
    job = Job.objects.get(kind="performance.sen2", owner=manager)
    expect_progress_bar(page)
    assert page.locator("#job-progress-label").inner_text().startswith("Build the SEN2 return")

    # When the build is done the page goes on to the built return by itself.
    page.wait_for_url(f"**built={job.public_id}**", timeout=FINISH_MS)
    check_page(page)
    expect(page.locator("#error-count")).to_have_text("1")
    expect(page.locator("#built-at")).to_contain_text("from the records as they were then")
    expect(page.locator(f'#issues tr[data-child="{missing.public_id}"]').first).to_contain_text(
        "Nadia Okafor"
    )
    job.refresh_from_db()
    assert job.status == Status.SUCCEEDED and job.attempts == 1


def test_issuing_a_board_report_comes_back_at_once_and_shows_progress_to_the_report(
    page: Page, live_server, worker
):
    load_plan()
    manager = UserFactory(username="manager", first_name="Mark", last_name="Evans", role=Role.MANAGER)
    today = london_today()
    sign_in_staff(page, live_server, manager)
    visit(page, live_server, f"/improvement/reports/preview/?kind=quarterly&as_of={today.isoformat()}")
    # By keyboard: focus the button and press Enter.
    page.get_by_role("button", name="Issue this report").focus()
    with page.expect_navigation() as navigation:
        page.keyboard.press("Enter")
    came_back_unfinished(navigation.value)
    check_page(page)
    expect(heading(page)).to_have_text(f"Issue the quarterly formal report: {today:%-d %B %Y}")
    expect_progress_bar(page)

    expect_finished_in_place(page)
    link = page.locator("#job-result-link")
    expect(link).to_contain_text("See the issued report")
    follow(page, link)
    expect(heading(page)).to_have_text(f"Quarterly formal report: {today:%-d %B %Y}")
    expect(page.get_by_role("link", name="PDF")).to_be_visible()


def children_file(rows: int) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["Legal first name", "Legal last name", "Date of birth", "Sex", "Postcode"])
    for n in range(rows):
        writer.writerow(
            [
                f"Child{n}",
                f"Imported{n % 977}",
                f"{1 + n % 28:02d}/{1 + n % 12:02d}/{2008 + n % 12}",
                "MF"[n % 2],
                "BF1 2AB",
            ]
        )
    return buffer.getvalue().encode()


def test_a_20000_row_import_comes_back_at_once_and_shows_progress_to_the_end(page: Page, live_server, worker):
    admin = UserFactory(username="admin", first_name="Ada", role=Role.ADMINISTRATOR)
    sign_in_staff(page, live_server, admin)
    visit(page, live_server, "/imports/children/")
    page.get_by_label("Upload a file").set_input_files(
        {"name": "children.csv", "mimeType": "text/csv", "buffer": children_file(ROWS)}
    )
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name="Check and import").click()
    came_back_unfinished(navigation.value)
    check_page(page)
    expect(heading(page)).to_have_text("Import children's records")
    expect_progress_bar(page)
    expect(page.locator("#job-progress-count")).to_contain_text(f"of {ROWS + 1:,} done", timeout=FINISH_MS)

    expect_finished_in_place(page)
    expect(page.locator("#import-summary")).to_have_text(
        f"Imported children's records: {ROWS:,} added, 0 updated."
    )
    assert Child.objects.filter(legal_first_name__startswith="Child").count() == ROWS
    assert Job.objects.get(kind="people.import_children").input_data is None, "the upload is not kept"
