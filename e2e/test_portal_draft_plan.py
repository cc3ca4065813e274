"""A family comments on the draft plan they were sent, in the browser, with axe-core on every page.

The caseworker has written a draft and sent it to the family three days ago. The parent signs in,
reads the draft section by section, sees how many days are left (15 days with the day the draft was
sent as day 1: the last day is sent + 14, computed here from the rule, not the app's clock engine),
comments on two sections (the second by keyboard alone), names the school she wants, asks for a
meeting by keyboard, and sends it with the Enter key. The caseworker then reads it all on the
plan's page.
"""

from datetime import timedelta

import pytest
from playwright.sync_api import Page, expect

from accounts.roles import Role
from casework.tests.factories import case_at
from e2e.casework_pages import banner, london_today, long_date, with_authenticator, with_password
from e2e.pages import PASSWORD, check_page, focused_id, follow, heading, sign_in, sign_out, visit
from people.models import ChildRelationship
from people.tests.factories import ChildFactory, ParentCarerFactory, SettingFactory, UserFactory
from plans import services
from plans.tests.factories import fill

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("transactional_db")]

ON_NEEDS = "Amira also finds busy, noisy rooms hard. Please add this."
ON_PROVISION = "We would like the speech therapy every week, not every half term."


def build_draft():
    """A draft plan for Amira, sent to her mother three days ago; her caseworker has an authenticator."""
    school = SettingFactory(name="Alder Lane Primary School")
    SettingFactory(name="Beckside Academy", town="Kirkholme")
    child = ChildFactory(setting=school, legal_first_name="Amira", legal_last_name="Hussain")
    caseworker = UserFactory(
        username="caseworker", first_name="Chloe", last_name="Adams", role=Role.CASEWORKER
    )
    secret = with_authenticator(caseworker)
    parent_user = with_password(UserFactory(username="sara", first_name="Sara", role=Role.PARENT))
    parent = ParentCarerFactory(user=parent_user, first_name="Sara", last_name="Hussain")
    ChildRelationship.objects.create(child=child, parent_carer=parent, relationship="mother", verified=True)
    case = case_at(child, "drafting", received_on=london_today() - timedelta(days=70), caseworker=caseworker)
    version = services.start_plan(None, case)
    # Section I stays empty: a first draft names no school (s.38(5)); the family names one in their 15 days.
    fill(version)
    served_on = london_today() - timedelta(days=3)
    services.serve_draft(None, version, served_on)
    return version.plan, caseworker, secret, served_on


def keyboard_type_into_next_box(page: Page, after_label: str, text: str) -> str:
    """Focus the box labelled `after_label`, move on with Tab alone, and type: returns the id reached."""
    page.get_by_label(after_label).focus()
    page.keyboard.press("Tab")
    # Tables between the boxes scroll inside their own focusable region (for phones): Tab past them.
    for _ in range(5):
        if page.evaluate("() => document.activeElement.getAttribute('role')") != "region":
            break
        page.keyboard.press("Tab")
    reached = focused_id(page)
    page.keyboard.type(text)
    return reached


def test_a_family_comments_on_the_draft_and_the_caseworker_reads_it(new_page, live_server):
    plan, caseworker, secret, served_on = build_draft()
    last_day = served_on + timedelta(days=14)
    days_left = (last_day - london_today()).days + 1
    draft_url = f"/portal/plans/{plan.public_id}/draft/"

    # 1. The parent signs in and reads the draft. --------------------------------------------
    family = new_page()
    sign_in(family, live_server, "sara", PASSWORD)
    visit(family, live_server, draft_url)
    expect(heading(family)).to_have_text("Your draft EHC plan")
    expect(family.locator("#countdown")).to_contain_text(
        f"You have {days_left} days left to comment: the last day is {long_date(last_day)}."
    )
    expect(family.locator("#section-A")).to_contain_text("I like trains and drawing.")
    expect(family.locator("section h2")).to_have_count(12)
    # Section I names no school yet: that waits for the family's preference, asked for below.
    expect(family.locator("#section-I")).to_contain_text("Nothing is written in this section yet.")
    expect(family.locator("#section-I")).not_to_contain_text("Alder Lane Primary School")

    # 2. Two comments: section B typed in, section F reached and typed by keyboard alone. ------
    family.get_by_label("Your comments on section B").fill(ON_NEEDS)
    reached = keyboard_type_into_next_box(family, "Your comments on section E", ON_PROVISION)
    assert reached == "id_comment_F"

    # 3. The school she wants, and a meeting asked for with the keyboard (Space picks a radio). -
    family.get_by_label("Choose the school or setting you want named in the plan").select_option(
        label="Beckside Academy, Kirkholme"
    )
    family.get_by_role("radio", name="Yes").focus()
    family.keyboard.press("Space")
    expect(family.get_by_role("radio", name="Yes")).to_be_checked()
    family.get_by_label("What would you like to talk about at the meeting?").fill("The speech therapy")

    # 4. Sent with the Enter key on the button. ------------------------------------------------
    family.get_by_role("button", name="Send my comments").focus()
    with family.expect_navigation():
        family.keyboard.press("Enter")
    check_page(family)
    expect(banner(family)).to_contain_text("Sent: thank you")
    sent = family.locator("#sent-heading + div")
    expect(sent).to_contain_text(ON_NEEDS)
    expect(sent).to_contain_text("Beckside Academy")
    sign_out(family)

    # 5. The caseworker reads the comments on the plan's page. -------------------------------
    staff = new_page()
    sign_in(staff, live_server, caseworker.username, PASSWORD, secret)
    expect(heading(staff)).to_have_text(f"Hello, {caseworker.first_name}")
    visit(staff, live_server, f"/plans/{plan.public_id}/")
    card = staff.locator("#family-comments + div")
    expect(card).to_contain_text(ON_NEEDS)
    expect(card).to_contain_text(ON_PROVISION)
    expect(card).to_contain_text("Beckside Academy")
    expect(card).to_contain_text("Yes: The speech therapy")
    follow(staff, staff.get_by_role("link", name="Version 1"))
