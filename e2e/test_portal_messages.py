"""Messaging and getting a reply inside the service level, in the browser, with axe-core on every page.

A parent writes to the caseworker about their child and is told the date the area aims to reply
by (five working days, from the clock engine). The caseworker signs in with their security code,
finds the conversation at the top of their inbox marked due, and replies using the keyboard
alone. The parent reads the reply, marked answered in time. A manager opens the service-level
page and sees this month's share answered in time, with its table.
"""

import pytest
from playwright.sync_api import Page, expect

from accounts.roles import Role
from casework.tests.factories import case_at
from clock.periods import add_working_days
from e2e.casework_pages import banner, london_today, long_date, with_authenticator, with_password
from e2e.pages import PASSWORD, check_page, follow, heading, open_nav, sign_in, visit
from people.models import ChildRelationship
from people.tests.factories import ChildFactory, ParentCarerFactory, SettingFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("transactional_db")]

QUESTION = "Amira has a new report from her speech therapist. Where should we send it?"
REPLY = "Thank you. Please upload it here and I will add it to Amira's file."


def build_people():
    school = SettingFactory(name="Alder Lane Primary School")
    child = ChildFactory(setting=school, legal_first_name="Amira", legal_last_name="Hussain")
    caseworker = UserFactory(
        username="caseworker", first_name="Chloe", last_name="Adams", role=Role.CASEWORKER
    )
    manager = UserFactory(username="manager", first_name="Priya", last_name="Shah", role=Role.MANAGER)
    parent_user = with_password(UserFactory(username="sara", first_name="Sara", role=Role.PARENT))
    parent = ParentCarerFactory(user=parent_user, first_name="Sara", last_name="Hussain")
    ChildRelationship.objects.create(child=child, parent_carer=parent, relationship="mother", verified=True)
    case_at(child, "received", received_on=london_today(), caseworker=caseworker)
    secrets = {"caseworker": with_authenticator(caseworker), "manager": with_authenticator(manager)}
    return child, parent_user, caseworker, manager, secrets


def tab_to(page: Page, element_id: str, limit: int = 80) -> None:
    """Press Tab until the element with `element_id` has focus, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement && document.activeElement.id") == element_id:
            return
    raise AssertionError(f"#{element_id} never took focus by Tab")


def test_a_family_message_is_answered_in_time(new_page, live_server):
    child, parent_user, caseworker, manager, secrets = build_people()
    reply_by = long_date(add_working_days(london_today(), 5))

    # 1. The parent writes from the Messages page and is told when to expect a reply. ----------
    family = new_page()
    sign_in(family, live_server, parent_user.username, PASSWORD)
    open_nav(family, "Messages")
    expect(heading(family)).to_have_text("Messages")
    follow(family, family.get_by_role("link", name="Messages about Amira"))
    expect(heading(family)).to_have_text("Messages about Amira")
    expect(family.get_by_text("Your caseworker is Chloe Adams.")).to_be_visible()
    follow(family, family.get_by_role("button", name="Send message"))
    expect(family.locator(".govuk-error-summary")).to_contain_text("Enter your message")
    family.get_by_label("Your message").fill(QUESTION)
    follow(family, family.get_by_role("button", name="Send message"))
    expect(banner(family)).to_contain_text(f"Message sent. We aim to reply by {reply_by}.")
    expect(family.locator("#reply-by")).to_have_text(f"We aim to reply by {reply_by}.")
    expect(family.locator("#thread")).to_contain_text("Waiting for a reply")

    # 2. The caseworker finds it in their inbox, due, and replies by keyboard alone. -----------
    staff = new_page()
    sign_in(staff, live_server, caseworker.username, PASSWORD, secrets["caseworker"])
    open_nav(staff, "Messages")
    row = staff.locator("#conversations tbody tr").first
    expect(row).to_contain_text("Hussain, Amira")
    expect(row).to_contain_text("Due")
    expect(row).to_contain_text("On your caseload")
    follow(staff, row.get_by_role("link", name="Hussain, Amira"))
    expect(staff.locator("#thread")).to_contain_text(QUESTION)
    expect(staff.locator("#reply-by")).to_contain_text(reply_by)
    tab_to(staff, "id_body")
    staff.keyboard.type(REPLY)
    staff.keyboard.press("Tab")  # past "Attach a file (optional)": a reply can carry a letter
    expect(staff.get_by_label("Attach a file (optional)")).to_be_focused()
    staff.keyboard.press("Tab")
    expect(staff.get_by_role("button", name="Send reply")).to_be_focused()
    with staff.expect_navigation():
        staff.keyboard.press("Enter")
    check_page(staff)
    expect(banner(staff)).to_contain_text("Reply sent")
    expect(staff.locator("#thread")).to_contain_text("Answered in time")

    # 3. The parent reads the reply, answered in time. ------------------------------------------
    visit(family, live_server, f"/messages/child/{child.public_id}/")
    expect(family.locator("#thread")).to_contain_text(REPLY)
    expect(family.locator("#thread")).to_contain_text("Answered in time")
    expect(family.locator("#reply-by")).to_have_count(0)

    # 4. A manager sees this month's share answered in time, with its table. ---------------------
    boss = new_page()
    sign_in(boss, live_server, manager.username, PASSWORD, secrets["manager"])
    open_nav(boss, "Messages")
    follow(boss, boss.get_by_role("link", name="Service level: replies in time each month"))
    expect(heading(boss)).to_have_text("Messages: replies in time")
    first = boss.locator("#months tbody tr").first
    expect(first.locator("th")).to_have_text(f"{london_today():%B %Y}")
    expect(first.locator("td")).to_have_text(["1", "0", "0", "100%"])
    expect(boss.locator("#chart")).to_be_attached()
