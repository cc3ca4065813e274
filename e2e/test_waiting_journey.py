"""Health waiting lists in the browser, with axe-core on every page.

A health waiting list officer imports a provider's monthly extract: one bad row is refused with its
row and column and nothing is saved; the fixed file is taken. They then read the autism pathway's
average and longest wait and % within 13 weeks beside seed 000's trajectory, the table beside the
chart. A parent sees, in plain English, their child's place on the CAMHS list and the Local Offer
support they can use while they wait. A designated clinical officer adds someone to the dynamic
support register and the key worker's review reminder is sent, once.
"""

import re
from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from playwright.sync_api import Page, expect

from accounts.roles import Role
from clock.dates import last_month_end
from directory.tests.factories import make_service, terms
from e2e.casework_pages import banner, fill_date, london_today, long_date, with_authenticator, with_password
from e2e.pages import PASSWORD, check_page, follow, heading, open_nav, sign_in, visit
from e2e.test_background_jobs import worker  # noqa: F401 - the real worker
from people.models import ChildRelationship
from people.tests.factories import ChildFactory, ParentCarerFactory, UserFactory
from waiting.data import load_pathways
from waiting.models import CareEpisode, Referral
from waiting.tests.factories import ReferralFactory, RegisterEntryFactory

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("transactional_db")]

HEADINGS = (
    "Provider reference,Pathway,NHS number,Date of birth,Referral date,First appointment,"
    "Assessment start,Treatment start,Discharge or removal date,Discharge or removal reason"
)


def extract(on, bad: bool) -> bytes:
    def day(weeks):
        return f"{on - timedelta(days=7 * weeks):%d/%m/%Y}"

    pathway = "dentistry" if bad else "autism"
    rows = [
        f"BDCFT-A-1,autism,4000630008,14/05/2015,{day(10)},,,,,",
        f"BDCFT-A-2,{pathway},4000630075,02/11/2013,{day(20)},,,,,",
        f"BDCFT-A-3,autism,4000630148,30/07/2010,{day(30)},,,,,",
    ]
    return "\n".join([HEADINGS, *rows]).encode()


def upload(page: Page, on, content: bytes) -> None:
    fill_date(page, "id_month", on)
    page.get_by_label("Upload a file").set_input_files(
        {"name": "bdcft-autism.csv", "mimeType": "text/csv", "buffer": content}
    )


@pytest.mark.usefixtures("worker")
def test_a_health_officer_imports_an_extract_and_reads_the_autism_pathway(page: Page, live_server):
    load_pathways()
    officer = UserFactory(username="hwo", first_name="Hana", last_name="Ward", role=Role.HEALTH_OFFICER)
    secret = with_authenticator(officer)
    sign_in(page, live_server, officer.username, PASSWORD, secret)
    expect(heading(page)).to_have_text("Hello, Hana")
    on = last_month_end(london_today())

    open_nav(page, "Waiting lists")
    expect(heading(page)).to_have_text("Waiting lists")
    follow(page, page.get_by_role("link", name="Import a provider's monthly extract"))
    expect(heading(page)).to_have_text("Import a provider's monthly extract")

    # The form hands the file to a background worker and comes back with the job's page, which
    # shows why nothing was imported, row by row. (A three-row file can be checked before that
    # page is drawn, so whether it was still running then is left to test_background_jobs.py.)
    upload(page, on, extract(on, bad=True))
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name="Check and import").click()
    assert "/jobs/" in navigation.value.url
    check_page(page)
    expect(heading(page)).to_have_text("Import a provider's monthly extract")
    expect(page.locator("#job-status-tag")).to_have_text("Failed", timeout=60_000)
    expect(page.locator(".govuk-error-summary")).to_contain_text("Nothing was imported")
    problems = page.locator("#import-problems tbody tr")
    expect(problems).to_have_count(1)
    cells = problems.first.locator("td").all_inner_texts()
    assert cells[:2] == ["3", "Pathway"]
    assert cells[2].startswith("No pathway with the code 'dentistry'")
    assert not Referral.objects.exists()
    check_page(page)
    follow(page, page.get_by_role("link", name="Upload the corrected file"))

    # By keyboard alone: the fixed file is chosen, then Tab to the button and Enter.
    upload(page, on, extract(on, bad=False))
    page.get_by_label("Upload a file").focus()
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.textContent.trim()") == "Check and import"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    check_page(page)
    expect(page.locator("#job-status-tag")).to_have_text("Finished", timeout=60_000)
    expect(page.locator("#import-summary")).to_have_text("Imported the extract: 3 added, 0 updated.")
    assert Referral.objects.filter(pathway__code="autism").count() == 3
    check_page(page)

    follow(page, page.get_by_role("link", name="See the waiting lists"))
    follow(page, page.get_by_role("link", name="Autism diagnostic assessment"))
    expect(heading(page)).to_have_text("Autism diagnostic assessment")
    summary = page.locator(".govuk-summary-list")
    expect(summary).to_contain_text("Average wait20.0 weeks")
    expect(summary).to_contain_text("Longest wait30 weeks")
    expect(summary).to_contain_text("% waiting 13 weeks or less33.3%")
    # The chart, with the trajectory table beside it and the figures table below.
    expect(page.locator("svg")).to_have_count(1)
    trajectory = page.locator("#trajectory tbody tr")
    expect(trajectory.filter(has_text="Sept 24").filter(has_text="Average wait")).to_contain_text("26.0")
    expect(trajectory.filter(has_text="Sept 24").filter(has_text="Longest wait")).to_contain_text("45.0")
    expect(trajectory.filter(has_text="Sept 24").filter(has_text="13 weeks")).to_contain_text("12.0")
    latest = page.locator("#figures tbody tr").first
    expect(latest.locator("td")).to_have_text(["3", "20.0", "30", "33.3", "33.3"])


def test_a_parent_sees_their_childs_place_on_the_camhs_list_and_support_while_waiting(
    page: Page, live_server
):
    terms()  # the Local Offer's pathway terms, which the pathways link to
    camhs = {p.code: p for p in load_pathways()}["camhs"]
    parent_user = with_password(UserFactory(username="sara", first_name="Sara", role=Role.PARENT))
    child = ChildFactory(legal_first_name="Amira", legal_last_name="Hussain")
    parent = ParentCarerFactory(user=parent_user, first_name="Sara", last_name="Hussain")
    ChildRelationship.objects.create(child=child, parent_carer=parent, relationship="mother", verified=True)
    other = ChildFactory(legal_first_name="Jacob", legal_last_name="Walsh")
    since = london_today() - timedelta(days=7 * 9)
    ReferralFactory(pathway=camhs, child=child, referral_date=since)
    ReferralFactory(pathway=camhs, child=other, referral_date=since)
    make_service(name="Kooth online counselling", tags=["camhs", "wait-support"])

    sign_in(page, live_server, "sara", PASSWORD)
    expect(heading(page)).to_have_text("Hello, Sara")
    open_nav(page, "Your children")
    follow(page, page.get_by_role("link", name="Health waiting lists and support while you wait"))
    expect(heading(page)).to_have_text("Health waiting lists")
    expect(page.locator("main")).not_to_contain_text("Jacob")
    wait = page.locator("#wait-camhs")
    expect(wait).to_contain_text("CAMHS, run by Bradford District Care NHS Foundation Trust")
    expect(wait).to_contain_text(f"On the list since{long_date(since)} (9 weeks so far)")
    expect(wait).to_contain_text("How long children usually wait")
    follow(page, wait.get_by_role("link", name="Kooth online counselling"))
    expect(heading(page)).to_have_text("Kooth online counselling")


def test_a_support_register_entry_is_added_and_its_review_reminder_sent(page: Page, live_server):
    officer = UserFactory(
        username="dco", first_name="Dina", last_name="Cole", role=Role.DCO, email="dina@nhs.net"
    )
    secret = with_authenticator(officer)
    child = ChildFactory(legal_first_name="Ravi", legal_last_name="Patel")
    today = london_today()
    review = today + timedelta(days=3)

    sign_in(page, live_server, officer.username, PASSWORD, secret)
    open_nav(page, "Support register")
    expect(heading(page)).to_have_text("Dynamic support register")
    follow(page, page.get_by_role("link", name="Add someone to the register"))
    page.get_by_label("NHS number").fill(child.nhs_number)
    page.get_by_label("Red: at risk of admission now").check()
    page.get_by_label("Autistic and a learning disability").check()
    page.get_by_label("Why they are at risk of admission").fill("Crisis contacts weekly; placement at risk.")
    page.get_by_label("Consent given").check()
    fill_date(page, "id_consent_on", today)
    page.get_by_label("Key worker").select_option(label="Dina Cole")
    fill_date(page, "id_added_on", today)
    fill_date(page, "id_next_review_on", review)
    follow(page, page.get_by_role("button", name="Save"))
    expect(heading(page)).to_have_text("Ravi Patel")
    expect(banner(page)).to_contain_text("Added to the dynamic support register")
    expect(page.locator("#rating-changes tbody tr")).to_have_count(1)

    mail.outbox.clear()
    call_command("send_register_reminders")
    call_command("send_register_reminders")
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == ["dina@nhs.net"]
    assert f"due by {long_date(review)}" in email.subject
    assert "Ravi" not in email.body
    link = re.search(r"https?://\S+(/waiting/register/[0-9a-f-]+/)", email.body).group(1)
    visit(page, live_server, link)
    expect(heading(page)).to_have_text("Ravi Patel")


def test_an_initial_health_assessment_is_due_20_working_days_after_coming_into_care(page: Page, live_server):
    officer = UserFactory(username="dsco", first_name="Sam", last_name="Reid", role=Role.DSCO)
    secret = with_authenticator(officer)
    child = ChildFactory(
        legal_first_name="Mia", legal_last_name="Khan", date_of_birth=london_today().replace(year=2016)
    )
    sign_in(page, live_server, officer.username, PASSWORD, secret)
    open_nav(page, "Health assessments")
    expect(heading(page)).to_have_text("Health assessments of children in care")
    follow(page, page.get_by_role("link", name="Record a child coming into care"))
    page.get_by_label("NHS number").fill(child.nhs_number)
    # Wednesday 1 April 2026: 20 working days, skipping Good Friday and Easter Monday, is Friday 1 May.
    fill_date(page, "id_started_on", date(2026, 4, 1))
    follow(page, page.get_by_role("button", name="Save"))
    expect(heading(page)).to_have_text("Mia Khan")
    expect(banner(page)).to_contain_text("The initial health assessment is due by 1 May 2026")
    expect(page.locator("#next-due")).to_contain_text("Initial health assessment, due by 1 May 2026")


def test_every_other_waiting_page_passes_axe(new_page, live_server):
    """The pages the journeys above do not reach, each checked by axe-core, as the roles that use them."""
    autism = {p.code: p for p in load_pathways()}["autism"]
    referral = ReferralFactory(pathway=autism, referral_date=london_today() - timedelta(days=40))
    child = ChildFactory()
    entry = RegisterEntryFactory(child=child)
    episode = CareEpisode.objects.create(child=child, started_on=date(2026, 4, 1), next_due=date(2026, 5, 1))
    officer = UserFactory(username="hwo2", first_name="Hana", role=Role.HEALTH_OFFICER)
    admin = UserFactory(username="admin2", first_name="Ada", role=Role.ADMINISTRATOR)
    pages_by_user = {
        officer: [
            "/waiting/referrals/",
            "/waiting/referrals/add/",
            f"/waiting/referrals/{referral.public_id}/",
            "/waiting/health-checks/",
            f"/waiting/register/{entry.public_id}/edit/",
            f"/waiting/register/{entry.public_id}/rating/",
            "/waiting/register/panels/",
            "/waiting/health-assessments/",
            f"/waiting/health-assessments/{episode.public_id}/",
        ],
        admin: ["/waiting/pathways/", f"/waiting/pathways/{autism.public_id}/edit/"],
    }
    for user, paths in pages_by_user.items():
        page = new_page()
        sign_in(page, live_server, user.username, PASSWORD, with_authenticator(user))
        for path in paths:
            visit(page, live_server, path)
        if user == officer:
            # An empty referral form: its error summary passes axe-core too.
            visit(page, live_server, "/waiting/referrals/add/")
            follow(page, page.get_by_role("button", name="Save"))
            expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the NHS number")
