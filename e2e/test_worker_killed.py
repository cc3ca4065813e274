"""Killing the worker mid-job and starting another ends the job: it is started again (or failed
with a reason), never left "In progress" for ever.

A real `manage.py run_worker` process takes a 20,000-row import from the database queue; once the
job page says "In progress" the worker is killed (SIGKILL: no clean-up, as when a machine stops or
`make run` is interrupted). A second worker is started, as `make run` or systemd would. Its
housekeeping finds the job's heartbeat stale (jobs/heartbeat.py) and queues it again, and the same
page, still open, follows the second run to the end.
"""

import os
import signal
import subprocess
import sys

import pytest
from django.db import connection
from playwright.sync_api import Page, expect

from accounts.roles import Role
from e2e.pages import check_page, visit
from e2e.test_background_jobs import (
    DATABASE_QUEUE,
    FINISH_MS,
    ROOT,
    _database_url,
    children_file,
    sign_in_staff,
)
from jobs.models import Job, Status
from people.models import Child
from people.tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("transactional_db")]
ROWS = 20_000


@pytest.fixture
def start_worker(settings, live_server, tmp_path):
    """start_worker() -> a new worker process (the production command) on the test database, with
    a heartbeat every second that is stale after three, and housekeeping every second."""
    settings.TASKS = DATABASE_QUEUE
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "opensend.test_settings",
        "DATABASE_URL": _database_url(connection.settings_dict),
        "TASKS_BACKEND": DATABASE_QUEUE["default"]["BACKEND"],
        "EMAIL_URL": f"filemail:///{tmp_path / 'mail'}",
        "JOB_HEARTBEAT_SECONDS": "1",
        "JOB_HEARTBEAT_STALE_SECONDS": "3",
    }
    processes = []

    def start():
        log = (tmp_path / f"worker{len(processes)}.log").open("w")
        process = subprocess.Popen(  # noqa: S603 - our own manage.py, fixed arguments
            [sys.executable, "manage.py", "run_worker", "--no-schedule", "--no-startup-delay",
             "--interval=0.2", "--schedule-every=1"],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        processes.append((process, log))
        return process

    yield start
    for process, log in processes:
        if process.poll() is None:
            process.terminate()
            process.wait(30)
        log.close()


def test_a_job_whose_worker_is_killed_is_run_again_by_the_next_worker(
    page: Page, live_server, start_worker, axe
):
    admin = UserFactory(username="admin", first_name="Ada", role=Role.ADMINISTRATOR)
    first = start_worker()
    sign_in_staff(page, live_server, admin)
    visit(page, live_server, "/imports/children/")
    page.get_by_label("Upload a file").set_input_files(
        {"name": "children.csv", "mimeType": "text/csv", "buffer": children_file(ROWS)}
    )
    with page.expect_navigation():
        page.get_by_role("button", name="Check and import").click()
    check_page(page)
    expect(page.locator("#job-status-tag")).to_have_text("In progress", timeout=FINISH_MS)
    job = Job.objects.get(kind="people.import_children")
    assert job.status == Status.RUNNING and job.attempts == 1 and job.heartbeat_at is not None

    first.send_signal(signal.SIGKILL)  # mid-job: the claim and the row stay "in progress"
    first.wait(30)
    job.refresh_from_db()
    assert job.status == Status.RUNNING, "nothing ended the job when its worker died"

    start_worker()  # `make run` again
    expect(page.locator("#job-status-tag")).to_have_text("Finished", timeout=2 * FINISH_MS)
    expect(page.locator("#import-summary")).to_have_text(
        f"Imported children's records: {ROWS:,} added, 0 updated."
    )
    axe(page)
    job.refresh_from_db()
    assert job.status == Status.SUCCEEDED and job.attempts == 2
    assert Child.objects.filter(legal_first_name__startswith="Child").count() == ROWS, "imported once"
