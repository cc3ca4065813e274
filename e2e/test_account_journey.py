"""Accounts and security in the browser (issue 20), with axe-core on every page.

1. A parent who forgot their password resets it by the emailed link and signs in with the new one.
2. A new family confirms its email address before anything else, then asks for a link to its child;
   the caseworker's decision page says "Email verified" and lists the parents and carers on record.
3. An administrator's change of a caseworker's role to manager waits for a second administrator.
"""

import re

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from accounts.models import User
from accounts.roles import Role
from e2e.casework_pages import london_today, with_authenticator, with_password
from e2e.pages import check_page, follow, heading, sign_in, sign_out, visit
from people.models import ChildRelationship
from people.tests.factories import ChildFactory, ParentCarerFactory, SettingFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("transactional_db")]

NEW_PASSWORD = "green-window-ladder-58"  # noqa: S105 - a test password typed in the journey


def _path_in(message, pattern):
    return re.search(rf"http://\S+?({pattern})", message.body).group(1)


def test_a_parent_who_forgot_their_password_resets_it_by_email(page: Page, live_server):
    with_password(UserFactory(username="sara@example.org", email="sara@example.org", role=Role.PARENT,
                              first_name="Sara", last_name="Hussain"))
    visit(page, live_server, "/accounts/sign-in/")
    follow(page, page.get_by_role("link", name="Forgotten your password?"))
    expect(heading(page)).to_have_text("Reset your password")
    page.get_by_label("Email address").fill("sara@example.org")
    follow(page, page.get_by_role("button", name="Send the link"))
    expect(heading(page)).to_have_text("Check your email")

    (email,) = mail.outbox
    visit(page, live_server, _path_in(email, r"/accounts/password-reset/[^/\s]+/[^/\s]+/"))
    expect(heading(page)).to_have_text("Choose a new password")
    assert "set-password" in page.url  # the token is no longer in the address bar
    page.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("Type the new password again").fill(NEW_PASSWORD)
    follow(page, page.get_by_role("button", name="Save the new password"))
    expect(heading(page)).to_have_text("Your password is changed")
    assert "password for your account was changed" in mail.outbox[-1].body

    sign_in(page, live_server, "sara@example.org", NEW_PASSWORD)
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def test_a_new_family_verifies_its_email_first_and_the_caseworker_sees_it(new_page, live_server):
    child = ChildFactory(setting=SettingFactory(), legal_first_name="Jacob", legal_last_name="Walsh",
                         date_of_birth=london_today().replace(year=2016))
    dad = ParentCarerFactory(first_name="Tom", last_name="Walsh", email="tom.walsh@example.org")
    ChildRelationship.objects.create(child=child, parent_carer=dad, relationship="father")

    family = new_page()
    visit(family, live_server, "/portal/create-account/")
    family.get_by_label("First name").fill("Kate")
    family.get_by_label("Last name").fill("Walsh")
    family.get_by_label("Email address").fill("kate.walsh@example.org")
    family.get_by_label("Create a password").fill(NEW_PASSWORD)
    family.get_by_label("Type the password again").fill(NEW_PASSWORD)
    follow(family, family.get_by_role("button", name="Make my account"))
    expect(heading(family)).to_have_text("Check your email")
    assert not User.objects.filter(email="kate.walsh@example.org").exists()

    (email,) = mail.outbox
    visit(family, live_server, _path_in(email, r"/portal/verify-email/[^/\s]+/"))
    expect(heading(family)).to_have_text("Confirm your email address")
    follow(family, family.get_by_role("button", name="Confirm and make my account"))
    expect(heading(family)).to_have_text(re.compile("child", re.I))
    born = child.date_of_birth
    family.get_by_label("Your child's first name").fill("Jacob")
    family.get_by_label("Your child's last name").fill("Walsh")
    family.locator("#id_date_of_birth_day").fill(str(born.day))
    family.locator("#id_date_of_birth_month").fill(str(born.month))
    family.locator("#id_date_of_birth_year").fill(str(born.year))
    family.get_by_label("Mother").check()
    follow(family, family.get_by_role("button", name=re.compile("Send|Ask|Continue")))

    caseworker = new_page()
    secret = with_authenticator(UserFactory(username="cw", role=Role.CASEWORKER))
    sign_in(caseworker, live_server, "cw", "pale-orange-kettle-42", secret)
    visit(caseworker, live_server, "/portal/link-requests/")
    follow(caseworker, caseworker.get_by_role("link", name=re.compile("Kate Walsh")))
    expect(caseworker.get_by_test_id("email-verified")).to_contain_text("Email verified")
    expect(caseworker.get_by_test_id("carers-on-record")).to_contain_text("Tom Walsh (father)")


def test_a_role_change_to_manager_needs_a_second_administrator(new_page, live_server):
    first_secret = with_authenticator(UserFactory(username="admin.one", role=Role.ADMINISTRATOR,
                                                  first_name="Ada", last_name="One"))
    second_secret = with_authenticator(UserFactory(username="admin.two", role=Role.ADMINISTRATOR,
                                                   first_name="Bea", last_name="Two"))
    target = UserFactory(username="kiran", role=Role.CASEWORKER, first_name="Kiran", last_name="Ahmed",
                         email="kiran@example.org")

    first = new_page()
    sign_in(first, live_server, "admin.one", "pale-orange-kettle-42", first_secret)
    visit(first, live_server, f"/accounts/users/{target.pk}/")
    first.get_by_label("SEND team manager").check()
    follow(first, first.get_by_role("button", name="Save changes"))
    expect(first.locator(".govuk-notification-banner")).to_contain_text("second administrator")
    target.refresh_from_db()
    assert target.role == Role.CASEWORKER
    sign_out(first)

    second = new_page()
    sign_in(second, live_server, "admin.two", "pale-orange-kettle-42", second_secret)
    visit(second, live_server, "/accounts/role-changes/")
    row = second.get_by_test_id("role-change")
    expect(row).to_contain_text("Kiran Ahmed")
    follow(second, row.get_by_role("button", name=re.compile("Approve")))
    expect(second.locator(".govuk-notification-banner")).to_contain_text("Approved")
    target.refresh_from_db()
    assert target.role == Role.MANAGER
    check_page(second)
