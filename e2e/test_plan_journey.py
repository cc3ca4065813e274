"""An EHC plan from its first draft to its first amendment, in the browser, with axe-core on every page.

The caseworker writes the draft for an assessment at the drafting stage: a need, an outcome and a
vague provision item, which the quality checks flag until it says what, who, how often, how long,
in what group, and for which need and outcome. The draft goes to the family, the final plan is
issued and its PDF read back. At the first annual review the SENCo sends the school's paperwork
through their own login; the caseworker records the meeting, the report and the decision to
amend, sends the proposals, records the family's comments, changes the provision and issues the
amended plan; the comparison page shows the change. The review's due dates are computed here from
the rules (report by meeting + 14 days, decision by meeting + 28, comments by proposals + 14,
amended plan by proposals + 56 and by meeting + 84), not by the app's clock engine.
"""

from datetime import timedelta

import pypdf
import pytest
from dateutil.relativedelta import relativedelta
from playwright.sync_api import Page, expect

from accounts.roles import ProfessionalType, Role
from casework.tests.factories import case_at
from e2e.casework_pages import (
    banner,
    clock_row,
    clocks,
    fill_date,
    london_today,
    long_date,
    with_authenticator,
    with_password,
)
from e2e.pages import PASSWORD, follow, heading, open_nav, sign_in, visit
from people.models import ChildRelationship, SchoolMembership
from people.tests.factories import ChildFactory, ParentCarerFactory, SettingFactory, UserFactory
from plans.models import EHCPlan
from reviews.models import AnnualReview

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("transactional_db")]

NEED = "Amira finds it hard to follow spoken instructions in class."
OUTCOME = "By the end of Year 7, Amira will follow two-step instructions in lessons without prompting."
VAGUE = "Access to support as appropriate"
SPECIFIC = "Speech and language therapy session working on following two-step instructions"
MEETING = "Hold the review meeting"
REPORT = "Send the report of the meeting"
DECISION = "Decide to maintain, amend or cease"
COMMENTS = "Family's comments on the proposed amendments"
AFTER_PROPOSALS = "Issue the amended plan (8 weeks from the proposals)"
AMENDED = "Issue the amended plan (12 weeks from the meeting)"


def build_people():
    """A child at a school with a SENCo, a verified parent, a caseworker, and an assessment that
    has decided to issue a plan (its steps a week apart, ten weeks ago)."""
    school = SettingFactory(name="Alder Lane Primary School")
    child = ChildFactory(setting=school, legal_first_name="Amira", legal_last_name="Hussain")
    caseworker = UserFactory(
        username="caseworker", first_name="Chloe", last_name="Adams", role=Role.CASEWORKER
    )
    senco = UserFactory(
        username="senco",
        first_name="Sam",
        last_name="Okafor",
        role=Role.PROFESSIONAL,
        professional_type=ProfessionalType.SENCO,
    )
    SchoolMembership.objects.create(setting=school, user=senco)
    secrets = {"caseworker": with_authenticator(caseworker), "senco": with_authenticator(senco)}
    parent_user = with_password(UserFactory(username="sara", first_name="Sara", role=Role.PARENT))
    parent = ParentCarerFactory(user=parent_user, first_name="Sara", last_name="Hussain")
    ChildRelationship.objects.create(child=child, parent_carer=parent, relationship="mother", verified=True)
    case = case_at(child, "drafting", received_on=london_today() - timedelta(days=70), caseworker=caseworker)
    return child, case, caseworker, senco, secrets


def sign_in_staff(page: Page, live_server, user, secret: str) -> None:
    sign_in(page, live_server, user.username, PASSWORD, secret)
    expect(heading(page)).to_have_text(f"Hello, {user.first_name}")


def findings(page: Page) -> list[str]:
    return [" ".join(text.split()) for text in page.locator("#findings li").all_inner_texts()]


def provision_findings(page: Page):
    return page.locator(
        "#findings li[data-finding^='provision'], #findings li[data-finding='need_no_provision']"
    )


def save(page: Page) -> None:
    follow(page, page.get_by_role("button", name="Save"))


def review_step(page: Page, label: str) -> None:
    follow(page, page.locator("#actions").get_by_role("button", name=label, exact=True))


def test_a_plan_is_written_issued_reviewed_and_amended(new_page, live_server, tmp_path):
    child, case, caseworker, senco, secrets = build_people()
    today = london_today()

    # 1. The caseworker starts the draft from the plans list. ---------------------------------
    cw = new_page()
    sign_in_staff(cw, live_server, caseworker, secrets["caseworker"])
    open_nav(cw, "Plans")
    waiting = cw.locator("#waiting tbody tr")
    expect(waiting).to_have_count(1)
    expect(waiting).to_contain_text(case.reference)
    follow(cw, waiting.get_by_role("link", name="Start the draft"))
    expect(heading(cw)).to_have_text("Start the draft plan")
    follow(cw, cw.get_by_role("button", name="Start the draft plan"))
    expect(banner(cw)).to_contain_text("Draft plan started")
    expect(heading(cw)).to_have_text("EHC plan: Amira Hussain")
    expect(cw.locator("#status")).to_have_text("Draft being written")
    plan = EHCPlan.objects.get(child=child)

    follow(cw, cw.get_by_role("link", name="Add a need"))
    cw.get_by_label("Area of need").select_option(label="Communication and interaction")
    cw.get_by_label("What they need help with").fill(NEED)
    save(cw)
    expect(banner(cw)).to_contain_text("Need added")

    follow(cw, cw.get_by_role("link", name="Add an outcome"))
    cw.get_by_label("What they will be able to do").fill(OUTCOME)
    cw.get_by_label(f"Section B: {NEED}").check()
    save(cw)
    expect(banner(cw)).to_contain_text("Outcome added")

    follow(cw, cw.get_by_role("link", name="Add provision (section F, G or H)"))
    cw.get_by_label("What help").fill(VAGUE)
    cw.get_by_label("Who gives it").fill("Teaching assistant")
    save(cw)
    expect(banner(cw)).to_contain_text("Provision item added")
    shown = findings(cw)
    assert f"Section F: “{VAGUE}” does not say how often" in shown, shown
    assert f"Section F: “{VAGUE}” does not say for how long" in shown, shown
    assert f"Section F: “{VAGUE}” says “Access to”: say exactly what help" in shown, shown
    assert f"Section F: “{VAGUE}” is not linked to any need or outcome" in shown, shown
    expect(cw.locator("#section-F ~ .govuk-warning-text").first).to_contain_text(
        "Provision must say how often"
    )

    # The caseworker makes it specific: the provision findings go.
    follow(cw, cw.get_by_role("link", name="Change provision item 1"))
    expect(heading(cw)).to_have_text("Change a provision item")
    cw.get_by_label("What help").fill(SPECIFIC)
    cw.get_by_label("Who gives it").fill("Speech and language therapist")
    cw.get_by_label("How often").fill("3 times a week")
    cw.get_by_label("For how long each time").fill("30 minutes")
    cw.get_by_label("In what size of group").select_option(label="In a pair")
    cw.get_by_label(f"Section B: {NEED}").check()
    cw.get_by_label(OUTCOME).check()
    save(cw)
    expect(banner(cw)).to_contain_text("Provision item saved")
    expect(provision_findings(cw)).to_have_count(0)
    row = cw.locator("#section-F ~ table tbody tr").first
    expect(row).to_contain_text(SPECIFIC)
    expect(row).to_contain_text("3 times a week")
    expect(row).to_contain_text("30 minutes")
    expect(row).to_contain_text("In a pair")

    # Sent to the family three weeks ago (their 15 days are over), then issued today.
    follow(
        cw, cw.locator("#actions").get_by_role("button", name="Record that the draft was sent to the family")
    )
    fill_date(cw, "id_on", today - timedelta(days=21))
    save(cw)
    expect(banner(cw)).to_contain_text("Recorded that the draft was sent to the family")
    expect(cw.locator("#status")).to_have_text("Draft with the family")
    follow(cw, cw.locator("#actions").get_by_role("button", name="Issue the plan"))
    expect(heading(cw)).to_have_text("Issue the plan")
    follow(cw, cw.get_by_role("button", name="Issue the plan"))
    expect(banner(cw)).to_contain_text("Plan issued")
    expect(cw.locator("#status")).to_have_text("Final plan")
    expect(cw.locator("#issued")).to_contain_text(f"This version was issued on {long_date(today)}")

    with cw.expect_download() as download_info:
        cw.get_by_role("link", name="Download the plan (PDF)").click()
    pdf_path = tmp_path / "plan.pdf"
    download_info.value.save_as(pdf_path)
    text = " ".join(" ".join(p.extract_text() for p in pypdf.PdfReader(pdf_path).pages).split())
    text = text.replace("two- step", "two-step")  # a line wrapped at the hyphen
    assert f"Amira Hussain Final plan, version 1, issued {long_date(today)}" in text, text[:300]
    assert SPECIFIC in text, text[:2000]
    assert "3 times a week" in text

    # 2. The first annual review: the caseworker arranges the meeting for today ... -----------
    review = AnnualReview.objects.get(plan=plan)
    review_url = f"/reviews/{review.public_id}/"
    visit(cw, live_server, review_url)
    review_due = today + relativedelta(years=1) - timedelta(days=1)  # within 12 months (CFA s.44(1))
    expect(cw.locator("#due")).to_have_text(
        f"{long_date(review_due)}: within 12 months of {long_date(today)}"
    )
    review_step(cw, "Arrange the meeting")
    fill_date(cw, "id_meeting_on", today)
    cw.get_by_label("Sara Hussain").check()
    cw.get_by_label("Sam Okafor").check()
    cw.get_by_label("If the family asked for a date less than 2 weeks away, say why (optional)").fill(
        "Sara asked to meet today, before the school holidays."
    )
    save(cw)
    expect(banner(cw)).to_contain_text(f"Meeting arranged for {long_date(today)}: invitations sent")
    expect(cw.locator("#stage")).to_have_text("Meeting arranged")

    # ... and the SENCo, on their own login, sends the school's paperwork.
    sc = new_page()
    sign_in_staff(sc, live_server, senco, secrets["senco"])
    visit(sc, live_server, "/reviews/school/")
    follow(sc, sc.get_by_role("link", name="Hussain, Amira"))
    expect(heading(sc)).to_have_text("Annual review paperwork")
    sc.get_by_label("The pupil's views").fill("Amira says the therapy sessions help her in maths.")
    sc.locator("#id_progress_1").fill("Amira now follows two-step instructions most of the time.")
    sc.get_by_label("Changes you propose to the plan (optional)").fill("Therapy 4 times a week.")
    follow(sc, sc.get_by_role("button", name="Send"))
    expect(banner(sc)).to_contain_text("Sent: thank you")

    # 3. The caseworker records the meeting, the report and the decision to amend. ------------
    visit(cw, live_server, review_url)
    expect(cw.locator("#school-paperwork ~ dl").first).to_contain_text("Therapy 4 times a week.")
    review_step(cw, "Record that the meeting was held")
    save(cw)
    review_step(cw, "Record that the report was sent")
    save(cw)
    review_step(cw, "Record the decision")
    cw.get_by_label("Amend the plan").check()
    cw.get_by_label("Reasons for the decision").fill("The school and family ask for more therapy.")
    save(cw)
    expect(banner(cw)).to_contain_text("Decision recorded")
    expect(cw.locator("#stage")).to_have_text("Amending the plan")
    review_step(cw, "Record that the proposed amendments were sent")
    save(cw)
    review_step(cw, "Record the family's comments on the proposals")
    cw.get_by_label("What the family said").fill("Sara agrees with 4 sessions a week.")
    save(cw)

    report_due, decision_due = today + timedelta(days=14), today + timedelta(days=28)
    comments_due, amended_due = today + timedelta(days=14), today + timedelta(days=84)
    after_proposals_due = today + timedelta(days=56)
    rows = {row[0]: row for row in clocks(cw)}
    assert rows[MEETING] == clock_row(MEETING, today, review_due, today, "Met")
    assert rows[REPORT] == clock_row(REPORT, today, report_due, today, "Met")
    assert rows[DECISION] == clock_row(DECISION, today, decision_due, today, "Met")
    assert rows[COMMENTS] == clock_row(COMMENTS, today, comments_due, today, "Met")
    assert rows[AFTER_PROPOSALS] == clock_row(AFTER_PROPOSALS, today, after_proposals_due, None, "On track")
    assert rows[AMENDED] == clock_row(AMENDED, today, amended_due, None, "On track")

    # The caseworker changes the provision in the amendment draft ...
    follow(cw, cw.locator("#summary").get_by_role("link", name="EHC plan"))
    follow(cw, cw.locator("#actions").get_by_role("button", name="Continue the draft"))
    follow(cw, cw.get_by_role("link", name="Change provision item 1"))
    cw.get_by_label("How often").fill("4 times a week")
    save(cw)
    expect(banner(cw)).to_contain_text("Provision item saved")
    expect(provision_findings(cw)).to_have_count(0)

    # ... and issues the amended plan from the review.
    visit(cw, live_server, review_url)
    review_step(cw, "Issue the amended plan")
    save(cw)
    expect(cw.locator("#stage")).to_have_text("Review complete")
    rows = {row[0]: row for row in clocks(cw)}
    assert rows[AMENDED] == clock_row(AMENDED, today, amended_due, today, "Met")

    follow(cw, cw.locator("#summary").get_by_role("link", name="EHC plan"))
    expect(cw.locator("#versions tbody tr").first).to_contain_text("Amended plan")
    follow(cw, cw.get_by_role("link", name="See what changed between versions"))
    expect(heading(cw)).to_have_text("What changed between version 1 and version 2")
    changes = cw.locator("#changes-F + ul")
    expect(changes).to_contain_text("How often")
    expect(changes).to_contain_text("Was: 3 times a week")
    expect(changes).to_contain_text("Now: 4 times a week")
