"""The issue's "done when": one EHC needs assessment, from the parent's request to the final plan,
done in the browser by the people who do it, with axe-core on every page.

A caseworker records the request from the child's record; the panel agrees to assess at a meeting
held today; the educational psychologist sends advice through the service; the caseworker decides
to issue, sends the draft, records the family's response and issues the final plan; the parent
then sees the plan on the child's record. Every due date and status on the way is checked against
the statutory rules, computed here (not by the app's clock engine): decide whether to assess by
request + 6 weeks, advice by asked + 6 weeks, decide whether to issue by request + 16 weeks, the
family's comments by served + 14 days, the final plan by request + 20 weeks.
"""

import pytest
from playwright.sync_api import Page, expect

from accounts.roles import ProfessionalType, Role
from casework.models import AssessmentCase
from e2e.casework_pages import (
    advice_rows,
    banner,
    clock_row,
    clocks,
    days_after,
    expect_date,
    fill_date,
    london_today,
    long_date,
    next_deadline,
    short_date,
    stage,
    start_action,
    summary_value,
    with_authenticator,
    with_password,
)
from e2e.pages import PASSWORD, follow, heading, open_nav, sign_in, visit
from people.models import ChildRelationship
from people.tests.factories import ChildFactory, ParentCarerFactory, SettingFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("transactional_db")]

ASSESS = "Decide whether to assess"
ISSUE = "Decide whether to issue a plan"
FAMILY = "Family's comments on the draft plan"
FINAL = "Issue the final plan"
EP_ADVICE = "Advice: Educational psychologist"


def build_people():
    """A child on SEN support with a verified parent account, and the staff of the journey."""
    school = SettingFactory(name="Alder Lane Primary School")
    child = ChildFactory(
        setting=school, legal_first_name="Amira", legal_last_name="Hussain", sen_provision="K"
    )
    staff = {
        "caseworker": UserFactory(
            username="caseworker", first_name="Chloe", last_name="Adams", role=Role.CASEWORKER
        ),
        "panel": UserFactory(username="panel", first_name="Pat", last_name="Morgan", role=Role.PANEL),
        "ep": UserFactory(
            username="ep",
            first_name="Esther",
            last_name="Price",
            role=Role.PROFESSIONAL,
            professional_type=ProfessionalType.EDUCATIONAL_PSYCHOLOGIST,
        ),
    }
    secrets = {persona: with_authenticator(user) for persona, user in staff.items()}
    parent_user = with_password(UserFactory(username="sara", first_name="Sara", role=Role.PARENT))
    parent = ParentCarerFactory(user=parent_user, first_name="Sara", last_name="Hussain")
    ChildRelationship.objects.create(child=child, parent_carer=parent, relationship="mother", verified=True)
    return child, staff, secrets, parent_user


def sign_in_staff(page: Page, live_server, user, secret: str) -> None:
    sign_in(page, live_server, user.username, PASSWORD, secret)
    expect(heading(page)).to_have_text(f"Hello, {user.first_name}")


def expect_clocks(page: Page, *rows: tuple) -> None:
    assert clocks(page) == list(rows)


def test_a_request_goes_from_the_parent_to_a_final_plan(new_page, live_server):
    child, staff, secrets, parent_user = build_people()
    caseworker, panel_member, ep = staff["caseworker"], staff["panel"], staff["ep"]
    today = london_today()
    assess_due = days_after(today, 42)
    issue_due = days_after(today, 112)
    final_due = days_after(today, 140)

    # 1. The caseworker records the parent's request from the child's record. --------------
    cw = new_page()
    sign_in_staff(cw, live_server, caseworker, secrets["caseworker"])
    open_nav(cw, "Children")
    cw.get_by_label("Search by name, UPN, NHS number or date of birth").fill("Amira Hussain")
    follow(cw, cw.get_by_role("button", name="Search", exact=True))
    follow(cw, cw.get_by_role("link", name="Hussain, Amira"))
    expect(heading(cw)).to_have_text("Amira Hussain")
    expect(cw.locator(".govuk-caption-l")).to_have_text("SEN support")
    expect(cw.locator("main")).to_contain_text("No requests for an EHC needs assessment recorded.")

    follow(cw, cw.get_by_role("link", name="Record a request for an assessment"))
    expect(heading(cw)).to_have_text("Record a request for an EHC needs assessment")
    expect(cw.locator(".govuk-warning-text")).to_have_count(0)
    cw.get_by_label("Parent or young person").check()
    cw.get_by_label("Name of the person who asked").fill("Sara Hussain (mother)")
    fill_date(cw, "id_received_on", today)
    cw.get_by_label("Reasons for the request").fill(
        "Amira is not making the expected progress despite two terms of SEN support."
    )
    cw.get_by_label("The family agrees to information being shared").check()
    follow(cw, cw.get_by_role("button", name="Record the request"))

    case = AssessmentCase.objects.get(child=child)
    case_url = f"/cases/{case.public_id}/"
    assert cw.url == live_server.url + case_url
    expect(heading(cw)).to_have_text("Amira Hussain")
    expect(banner(cw)).to_contain_text(f"Request recorded: {case.reference}")
    expect(cw.locator(".govuk-caption-l")).to_have_text(f"EHC needs assessment {case.reference}")
    assert stage(cw) == "Request received"
    expect(cw.locator("#caseworker")).to_have_text("Chloe Adams")
    assert summary_value(cw, "Request received") == long_date(today)
    assert summary_value(cw, "Who asked") == "Parent or young person: Sara Hussain (mother)"
    assert summary_value(cw, "Consent to share information") == "Given"
    assert next_deadline(cw) == f"Next deadline: {ASSESS} by {long_date(assess_due)} On track"
    expect_clocks(
        cw,
        clock_row(ASSESS, today, assess_due, None, "On track"),
        clock_row(ISSUE, today, issue_due, None, "On track"),
        clock_row(FAMILY, None, None, None, "Not started"),
        clock_row(FINAL, today, final_due, None, "On track"),
    )
    # The child's record lists the case with the deadline the clock stored for lists.
    follow(cw, cw.locator("#summary").get_by_role("link", name="Amira Hussain"))
    expect(cw.locator("#cases ~ ul li")).to_have_text(
        f"{case.reference}: request received, request received {long_date(today)}; "
        f"next deadline {long_date(assess_due)}"
    )
    follow(cw, cw.get_by_role("link", name=case.reference))

    # 2. The panel: the caseworker schedules today's meeting with the case on its agenda ... -
    open_nav(cw, "Panels")
    follow(cw, cw.get_by_role("button", name="Schedule a panel meeting"))
    expect(heading(cw)).to_have_text("Schedule a panel meeting")
    fill_date(cw, "id_meets_on", today)
    expect(cw.get_by_label("Name of the meeting")).to_have_value("EHC multi-agency panel")
    cw.get_by_label("Pat Morgan").check()
    follow(cw, cw.get_by_role("button", name="Schedule meeting"))
    expect(heading(cw)).to_have_text("EHC multi-agency panel")
    expect(banner(cw)).to_contain_text(f"Panel meeting scheduled for {long_date(today)}")
    expect(cw.locator(".govuk-caption-l")).to_have_text(f"{today:%A} {long_date(today)}")

    follow(cw, cw.get_by_role("button", name="Add a case to the agenda"))
    cw.get_by_label("Case reference").fill(case.reference)
    cw.get_by_label("Whether to assess").check()
    follow(cw, cw.get_by_role("button", name="Add to agenda"))
    expect(banner(cw)).to_contain_text(f"{case.reference} added to the agenda")
    agenda = cw.locator("main table.govuk-table tbody tr")
    expect(agenda).to_have_count(1)
    expect(agenda).to_contain_text("Whether to assess")
    expect(agenda).to_contain_text("Not decided yet")

    # ... and the panel member, signed in on their own, records the decision to assess.
    pm = new_page()
    sign_in_staff(pm, live_server, panel_member, secrets["panel"])
    open_nav(pm, "Panels")
    follow(pm, pm.get_by_role("link", name="EHC multi-agency panel"))
    follow(pm, pm.get_by_role("link", name=f"Record decision for {case.reference}"))
    expect(heading(pm)).to_have_text("Record the panel's decision")
    pm.get_by_label("Agreed").check()
    pm.get_by_label("Reasons for the decision").fill(
        "The evidence shows Amira may need provision beyond what her school can make from its own resources."
    )
    follow(pm, pm.get_by_role("button", name="Record decision"))
    expect(heading(pm)).to_have_text("EHC multi-agency panel")
    expect(banner(pm)).to_contain_text(f"Decision recorded for {case.reference}")
    expect(pm.locator("main table.govuk-table tbody tr")).to_contain_text("Agreed")
    follow(pm, pm.get_by_role("link", name=case.reference))
    assert pm.url == live_server.url + case_url
    assert stage(pm) == "Assessing: gathering advice"
    assert next_deadline(pm) == f"Next deadline: {ISSUE} by {long_date(issue_due)} On track"
    expect_clocks(
        pm,
        clock_row(ASSESS, today, assess_due, today, "Met"),
        clock_row(ISSUE, today, issue_due, None, "On track"),
        clock_row(FAMILY, None, None, None, "Not started"),
        clock_row(FINAL, today, final_due, None, "On track"),
    )
    expect(pm.locator("#timeline li").first).to_contain_text(f"Decided to assess {long_date(today)}.")
    expect(pm.locator("#documents ~ table tbody tr")).to_contain_text(
        f"Decision letter: decided to assess ({long_date(today)})"
    )
    expect(pm.locator("#actions")).to_have_count(0)  # the panel decides; caseworkers act

    # 3. The caseworker asks the educational psychologist for advice. ------------------------
    advice_due = days_after(today, 42)
    visit(cw, live_server, case_url)
    assert stage(cw) == "Assessing: gathering advice"
    start_action(cw, "Ask for advice")
    expect(heading(cw)).to_have_text("Ask for advice")
    cw.get_by_label("Educational psychologist").check()
    cw.get_by_label("Professional asked").select_option(label="Esther Price")
    expect_date(cw, "id_on", today)
    follow(cw, cw.get_by_role("button", name="Save"))
    assert cw.url == live_server.url + case_url
    expect(banner(cw)).to_contain_text(f"Advice requested on {long_date(today)}")
    assert advice_rows(cw) == [
        [
            "Educational psychologist Esther Price",
            short_date(today),
            short_date(advice_due),
            "Not yet Record advice received from educational psychologist",
            "On track",
        ],
    ]
    expect_clocks(
        cw,
        clock_row(ASSESS, today, assess_due, today, "Met"),
        clock_row(EP_ADVICE, today, advice_due, None, "On track"),
        clock_row(ISSUE, today, issue_due, None, "On track"),
        clock_row(FAMILY, None, None, None, "Not started"),
        clock_row(FINAL, today, final_due, None, "On track"),
    )
    assert next_deadline(cw) == f"Next deadline: {EP_ADVICE} by {long_date(advice_due)} On track"

    # 4. The educational psychologist finds the request and sends the advice. ----------------
    ep_page = new_page()
    sign_in_staff(ep_page, live_server, ep, secrets["ep"])
    open_nav(ep_page, "Advice requests")
    expect(heading(ep_page)).to_have_text("Advice requests")
    waiting = ep_page.locator("main table.govuk-table tbody tr")
    expect(waiting).to_have_count(1)
    cells = [" ".join(t.split()) for t in waiting.locator("td").all_inner_texts()]
    assert cells[:4] == ["Amira Hussain", case.reference, short_date(today), short_date(advice_due)]
    assert cells[4] == "Due in 42 days", cells[4]
    follow(ep_page, ep_page.get_by_role("link", name="Amira Hussain"))
    expect(heading(ep_page)).to_have_text("Advice for Amira Hussain")
    expect(ep_page.locator("#advice-due")).to_have_text(long_date(advice_due))
    ep_page.get_by_label("About the child or young person").fill(
        "I met Amira at school twice and talked with her and her mother."
    )
    ep_page.get_by_label("Their special educational needs").fill(
        "Amira finds it hard to process spoken language and to manage changes in routine."
    )
    ep_page.get_by_label("Outcomes you recommend").fill(
        "By the end of key stage 2, Amira will follow two-step instructions in class."
    )
    ep_page.get_by_label("Provision you recommend").fill(
        "30 minutes of speech and language therapy each week in a group of 2."
    )
    follow(ep_page, ep_page.get_by_role("button", name="Send advice"))
    expect(banner(ep_page)).to_contain_text("Your advice has been sent to the SEND team (on time)")
    expect(ep_page.locator("#advice-sent")).to_have_text(f"{long_date(today)} On time")
    expect(ep_page.locator("#advice-due")).to_have_text(long_date(advice_due))
    expect(ep_page.get_by_role("button", name="Send advice")).to_have_count(0)

    # 5. The caseworker takes the case to the final plan. -------------------------------------
    visit(cw, live_server, case_url)
    assert advice_rows(cw) == [
        [
            "Educational psychologist Esther Price",
            short_date(today),
            short_date(advice_due),
            short_date(today),
            "Met",
        ],
    ]
    expect_clocks(
        cw,
        clock_row(ASSESS, today, assess_due, today, "Met"),
        clock_row(EP_ADVICE, today, advice_due, today, "Met"),
        clock_row(ISSUE, today, issue_due, None, "On track"),
        clock_row(FAMILY, None, None, None, "Not started"),
        clock_row(FINAL, today, final_due, None, "On track"),
    )

    start_action(cw, ISSUE)
    cw.get_by_label("Issue a plan: write the draft").check()
    expect_date(cw, "id_on", today)
    follow(cw, cw.get_by_role("button", name="Save"))
    expect(banner(cw)).to_contain_text(f"Decided to issue a plan on {long_date(today)}")
    assert stage(cw) == "Writing the draft plan"
    assert next_deadline(cw) == f"Next deadline: {FINAL} by {long_date(final_due)} On track"
    expect_clocks(
        cw,
        clock_row(ASSESS, today, assess_due, today, "Met"),
        clock_row(EP_ADVICE, today, advice_due, today, "Met"),
        clock_row(ISSUE, today, issue_due, today, "Met"),
        clock_row(FAMILY, None, None, None, "Not started"),
        clock_row(FINAL, today, final_due, None, "On track"),
    )

    family_due = days_after(today, 14)
    start_action(cw, "Record that the draft plan was sent")
    follow(cw, cw.get_by_role("button", name="Save"))
    expect(banner(cw)).to_contain_text(f"Draft plan sent to the family on {long_date(today)}")
    assert stage(cw) == "Draft with the family and settings"
    # The family's 15 days are their time, not the council's deadline: the next is the final plan.
    assert next_deadline(cw) == f"Next deadline: {FINAL} by {long_date(final_due)} On track"
    expect_clocks(
        cw,
        clock_row(ASSESS, today, assess_due, today, "Met"),
        clock_row(EP_ADVICE, today, advice_due, today, "Met"),
        clock_row(ISSUE, today, issue_due, today, "Met"),
        clock_row(FAMILY, today, family_due, None, "On track"),
        clock_row(FINAL, today, final_due, None, "On track"),
    )

    start_action(cw, "Record the family's response")
    cw.get_by_label("What the family said").fill("Sara agrees with the draft and names Alder Lane.")
    follow(cw, cw.get_by_role("button", name="Save"))
    expect(banner(cw)).to_contain_text(f"Family responded to the draft on {long_date(today)}")
    assert stage(cw) == "Draft with the family and settings"
    expect_clocks(
        cw,
        clock_row(ASSESS, today, assess_due, today, "Met"),
        clock_row(EP_ADVICE, today, advice_due, today, "Met"),
        clock_row(ISSUE, today, issue_due, today, "Met"),
        clock_row(FAMILY, today, family_due, today, "Met"),
        clock_row(FINAL, today, final_due, None, "On track"),
    )

    start_action(cw, FINAL)
    follow(cw, cw.get_by_role("button", name="Save"))
    expect(banner(cw)).to_contain_text(f"Final plan issued on {long_date(today)}")
    assert stage(cw) == "Final plan issued"
    expect(cw.locator("#next-deadline")).to_have_count(0)  # nothing left to do
    expect_clocks(
        cw,
        clock_row(ASSESS, today, assess_due, today, "Met"),
        clock_row(EP_ADVICE, today, advice_due, today, "Met"),
        clock_row(ISSUE, today, issue_due, today, "Met"),
        clock_row(FAMILY, today, family_due, today, "Met"),
        clock_row(FINAL, today, final_due, today, "Met"),
    )
    expect(cw.locator("#actions").get_by_role("button")).to_have_count(0)
    assert summary_value(cw, "Closed") == long_date(today)

    # 6. The parent signs in (no second factor) and sees the plan on the child's record. -----
    parent = new_page()
    sign_in(parent, live_server, parent_user.username, PASSWORD)
    assert parent.url == live_server.url + "/home/"
    follow(parent, parent.get_by_role("link", name="Amira Hussain"))
    expect(heading(parent)).to_have_text("Amira Hussain")
    # The family's page about their child (issue 21), not the staff record: what is happening.
    expect(parent.locator("#now")).to_be_visible()
    expect(parent.locator("main")).to_contain_text("EHC plan")
    child.refresh_from_db()
    assert child.sen_provision == "E"
