"""A manager reviews the records past the retention date and proposes deleting one, by keyboard at
the confirmation; a second manager approves it, which deletes it; every page passes axe-core."""

from datetime import date

import pytest
from playwright.sync_api import expect

from accounts.roles import Role
from e2e.casework_pages import with_authenticator
from e2e.pages import PASSWORD, check_page, error_messages, follow, heading, open_nav, sign_in
from people.models import Child
from people.tests.factories import ChildFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("transactional_db")]


def test_two_managers_delete_a_record_past_the_retention_date(page, live_server):
    ChildFactory(legal_first_name="Yusuf", legal_last_name="Okafor", date_of_birth=date(1990, 3, 4))
    ChildFactory(legal_first_name="Beth", legal_last_name="Young", date_of_birth=date(2012, 1, 1))
    manager = UserFactory(username="manager", role=Role.MANAGER)
    sign_in(page, live_server, manager.username, PASSWORD, with_authenticator(manager))

    open_nav(page, "Retention review")
    expect(heading(page)).to_have_text("Records past the retention date")
    expect(page.locator("main table")).to_contain_text("Yusuf Okafor")
    expect(page.locator("main")).not_to_contain_text("Beth Young")
    follow(page, page.get_by_role("link", name="Review the record of Yusuf Okafor"))
    expect(heading(page)).to_have_text("Delete this record?")

    follow(page, page.get_by_role("button", name="Propose deleting the record"))
    assert error_messages(page) == ["Confirm that this record should be deleted"]

    page.get_by_label("I have checked this record and it should be deleted").focus()
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    check_page(page)
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Another manager must approve it")
    assert Child.objects.filter(legal_last_name="Okafor").exists()

    # A second manager checks and approves.
    page.context.clear_cookies()
    second = UserFactory(username="manager2", role=Role.MANAGER)
    sign_in(page, live_server, second.username, PASSWORD, with_authenticator(second))
    open_nav(page, "Retention review")
    follow(page, page.get_by_role("link", name="Review the record of Yusuf Okafor"))
    expect(heading(page)).to_have_text("Approve deleting this record?")
    expect(page.locator("main")).to_contain_text("Deletion proposed by")
    page.get_by_label("I have checked this record and it should be deleted").check()
    follow(page, page.get_by_role("button", name="Approve and delete the record"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text("were deleted")
    expect(page.locator("main")).to_contain_text("No records are past the retention date.")
    assert not Child.objects.filter(legal_last_name="Okafor").exists()
