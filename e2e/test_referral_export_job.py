"""The all-referrals export in the browser: the export link on the referral list sends the officer
to the job's page at once (the export is not built in the request), a real worker builds the file,
the page follows its progress without a reload and ends with the download."""

import csv
import io

import pytest
from playwright.sync_api import Page, expect

from accounts.roles import Role
from e2e.pages import follow, heading, visit
from e2e.test_background_jobs import expect_finished_in_place, expect_progress_bar, sign_in_staff, worker  # noqa: F401
from jobs.models import Job, Status
from people.tests.factories import UserFactory
from waiting.jobs import EXPORT_REFERRALS_JOB
from waiting.tests.factories import ReferralFactory

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("transactional_db")]
REFERRALS = 40  # one page of the list: its pagination has a contrast problem of its own


def test_the_referral_export_shows_progress_and_ends_with_a_download(page: Page, live_server, worker):  # noqa: F811
    officer = UserFactory(username="health", first_name="Hana", role=Role.HEALTH_OFFICER)
    ReferralFactory.create_batch(REFERRALS)
    sign_in_staff(page, live_server, officer)
    visit(page, live_server, "/waiting/referrals/")
    follow(page, page.get_by_role("link", name="CSV file of referrals"))
    expect(heading(page)).to_have_text("Export referrals")
    expect_progress_bar(page)

    expect_finished_in_place(page)
    expect(page.locator("#job-progress-count")).to_contain_text(f"{REFERRALS} of {REFERRALS} done")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download referrals.csv").click()
    rows = list(csv.reader(io.StringIO(download.value.path().read_text())))
    assert rows[0][0] == "Provider reference" and len(rows) == REFERRALS + 1
    job = Job.objects.get(kind=EXPORT_REFERRALS_JOB, owner=officer)
    assert job.status == Status.SUCCEEDED and job.attempts == 1
