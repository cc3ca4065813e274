"""Whole-area exports and plan files are built by a real worker, never in the request: in the
browser, the Annex A workbook and a plan's PDF each come back at once as a progress page, which
follows the job without a reload and ends with the download. A family's second download of the
same plan is instant (the PDF is kept per plan version)."""

from datetime import timedelta
from io import BytesIO

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from accounts.roles import Role
from e2e.casework_pages import london_today, with_password
from e2e.pages import PASSWORD, heading, sign_in, visit
from e2e.test_background_jobs import (  # noqa: F401 - worker is a fixture
    came_back_unfinished,
    expect_finished_in_place,
    expect_progress_bar,
    sign_in_staff,
    worker,
)
from e2e.test_statutory_returns import build_area
from jobs.models import Job, Status
from people.models import ChildRelationship
from people.tests.factories import ChildFactory, ParentCarerFactory, UserFactory
from plans.models import RenderedDocument
from plans.rendering import RENDER_JOB
from portal.tests.test_family_plan import plan_without_case

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("transactional_db")]


def test_the_annex_a_workbook_shows_progress_and_ends_with_a_download(page: Page, live_server, worker):  # noqa: F811
    _census, _missing, manager, secret = build_area()
    sign_in_staff(page, live_server, manager, secret)
    visit(page, live_server, "/performance/returns/annex-a/")
    with page.expect_navigation() as navigation:
        page.get_by_role("link", name="Both lists in Ofsted's template").click()
    came_back_unfinished(navigation.value)
    expect(heading(page)).to_have_text("Export Ofsted's Annex A workbook (List 1 and List 2)")
    expect_progress_bar(page)

    expect_finished_in_place(page)
    with page.expect_download() as download:
        page.get_by_role("link", name=f"Download annex-a-{london_today():%Y-%m-%d}.xlsx").click()
    workbook = load_workbook(BytesIO(download.value.path().read_bytes()))
    assert workbook.sheetnames == ["List_1", "List_2"]
    assert workbook["List_1"].max_row == 3  # the headings and the two children with live plans
    job = Job.objects.get(kind="performance.annex_a", owner=manager)
    assert job.status == Status.SUCCEEDED and job.attempts == 1


def test_a_family_plan_pdf_shows_progress_then_downloads_and_the_next_download_is_instant(
    page: Page,
    live_server,
    worker,  # noqa: F811
):
    child = ChildFactory(legal_first_name="Amira", legal_last_name="Hussain")
    user = with_password(UserFactory(username="sara", first_name="Sara", role=Role.PARENT))
    parent = ParentCarerFactory(user=user, first_name="Sara", last_name="Hussain")
    ChildRelationship.objects.create(child=child, parent_carer=parent, relationship="mother", verified=True)
    plan = plan_without_case(child, issued_on=london_today() - timedelta(days=200))
    sign_in(page, live_server, "sara", PASSWORD)
    visit(page, live_server, f"/portal/plan/{plan.public_id}/versions/1/")
    with page.expect_navigation() as navigation:
        page.get_by_role("link", name="Download it (PDF)").click()
    came_back_unfinished(navigation.value)
    expect(heading(page)).to_have_text("Prepare version 1 of the EHC plan as a PDF")
    expect_progress_bar(page)

    expect_finished_in_place(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the plan (PDF)").click()
    assert download.value.path().read_bytes().startswith(b"%PDF")
    assert download.value.suggested_filename == f"ehc-plan-{str(plan.public_id)[:8]}-v1.pdf"
    assert RenderedDocument.objects.filter(version__plan=plan, format="pdf").count() == 1

    # The second time, the kept file comes straight back from the plan's page.
    visit(page, live_server, f"/portal/plan/{plan.public_id}/versions/1/")
    with page.expect_download() as again:
        page.get_by_role("link", name="Download it (PDF)").click()
    assert again.value.path().read_bytes() == download.value.path().read_bytes()
    assert Job.objects.filter(kind=RENDER_JOB).count() == 1
