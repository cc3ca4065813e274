"""The family portal in the browser, with axe-core on every page.

1. A second parent is denied another family's case: Tom signs in, opens his own son's case page,
   and gets "Page not found" for another family's case address and for one of its documents; both
   refusals are in the audit log.
2. The invitation: a caseworker invites a mother from her child's record; she follows the link in
   the email, makes her account by keyboard alone (Tab and Enter), and sees where her child's case is,
   with the next step's date from the clock engine.
"""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from playwright.sync_api import Page, expect

from accounts.roles import Role
from audit.models import Action, AuditEvent
from casework import services
from casework.tests.factories import case_at
from e2e.casework_pages import banner, london_today, long_date, with_authenticator, with_password
from e2e.pages import PASSWORD, check_page, focused_id, follow, heading, open_nav, sign_in, visit
from people.models import ChildRelationship
from people.tests.factories import ChildFactory, ParentCarerFactory, SettingFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("transactional_db")]

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
NEW_PASSWORD = "blue-harbour-lantern-77"  # noqa: S105 - a test password typed in the journey


def _family(first, last, child_first, parent_user=None, email=""):
    child = ChildFactory(
        setting=SettingFactory(),
        legal_first_name=child_first,
        legal_last_name=last,
        date_of_birth=london_today().replace(year=2016),
    )
    parent = ParentCarerFactory(
        user=parent_user, first_name=first, last_name=last, email=email or f"{first.lower()}@example.org"
    )
    ChildRelationship.objects.create(child=child, parent_carer=parent, relationship="mother", verified=True)
    return child, parent


def _document(case):
    upload = SimpleUploadedFile("letter.pdf", PDF, content_type="application/pdf")
    return services.add_document(
        None, case, title="Decision letter", upload=upload, content_type="application/pdf"
    )


def test_a_second_parent_is_denied_another_familys_case(page: Page, live_server):
    amira, _ = _family("Sara", "Hussain", "Amira")
    theirs = case_at(amira, "assessing", received_on=london_today() - timedelta(days=21))
    their_letter = _document(theirs)
    tom = with_password(UserFactory(username="tom", first_name="Tom", last_name="Walsh", role=Role.PARENT))
    jacob, _ = _family("Tom", "Walsh", "Jacob", parent_user=tom)
    mine = case_at(jacob, "received", received_on=london_today() - timedelta(days=7))
    _document(mine)

    sign_in(page, live_server, "tom", PASSWORD)
    expect(heading(page)).to_have_text("Hello, Tom")
    open_nav(page, "Your children")
    expect(heading(page)).to_have_text("Your children")
    expect(page.locator("main")).not_to_contain_text("Amira")
    follow(page, page.get_by_role("link", name="Where is Jacob's case?"))
    expect(heading(page)).to_have_text("Where is Jacob's case?")
    expect(page.locator("#stage")).to_contain_text("We have your request")
    expect(page.locator("#document-list")).to_contain_text("Decision letter")

    visit(page, live_server, f"/portal/cases/{theirs.public_id}/", status=404)
    expect(heading(page)).to_have_text("Page not found")
    visit(
        page, live_server, f"/portal/cases/{theirs.public_id}/documents/{their_letter.public_id}/", status=404
    )
    expect(heading(page)).to_have_text("Page not found")

    refusals = AuditEvent.objects.filter(action=Action.DENIED, actor=tom, child=amira)
    assert refusals.count() == 2
    assert not AuditEvent.objects.filter(action=Action.VIEW, actor=tom, child=amira).exists()


def _invitation_path() -> str:
    (email,) = [m for m in mail.outbox if "invitation" in m.subject.lower()]
    assert "Amira" not in email.subject + email.body
    return re.search(r"https?://[^/\s]+(/portal/join/\S+/)", email.body).group(1)


def _tab_to(page: Page, element_id: str, limit: int = 40) -> None:
    for _ in range(limit):
        if focused_id(page) == element_id:
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached #{element_id}")


def test_a_caseworker_invites_a_parent_who_joins_by_keyboard_and_sees_the_case(new_page, live_server):
    caseworker = UserFactory(username="chloe", first_name="Chloe", last_name="Adams", role=Role.CASEWORKER)
    secret = with_authenticator(caseworker)
    amira, sara = _family("Sara", "Hussain", "Amira", email="sara.hussain@example.org")
    case = case_at(amira, "assessing", received_on=london_today() - timedelta(days=21), caseworker=caseworker)
    advice_due = services.case_timeline(case, london_today()).step("advice:ep").due

    staff = new_page()
    sign_in(staff, live_server, "chloe", PASSWORD, secret)
    visit(staff, live_server, f"/children/{amira.public_id}/")
    follow(staff, staff.get_by_role("link", name="Invite to the portal"))
    expect(heading(staff)).to_have_text("Invite to the family portal")
    staff.get_by_label("Sara Hussain (mother)").check()
    expect(staff.get_by_label("Their email address")).to_have_value("sara.hussain@example.org")
    follow(staff, staff.get_by_role("button", name="Send invitation"))
    expect(banner(staff)).to_contain_text("Invitation sent to sara.hussain@example.org")

    parent = new_page()
    visit(parent, live_server, _invitation_path())
    expect(heading(parent)).to_have_text("Make your account")
    assert "/join/" in parent.url and parent.url.endswith("/portal/join/")
    # Keyboard only: Tab to each box, type, and press Enter to send the form.
    _tab_to(parent, "id_first_name")
    parent.keyboard.type("Sara")
    parent.keyboard.press("Tab")
    parent.keyboard.type("Hussain")
    parent.keyboard.press("Tab")
    assert focused_id(parent) == "id_password1"
    parent.keyboard.type(NEW_PASSWORD)
    parent.keyboard.press("Tab")
    parent.keyboard.type(NEW_PASSWORD)
    with parent.expect_navigation():
        parent.keyboard.press("Enter")
    check_page(parent)
    expect(heading(parent)).to_have_text("Your children")
    expect(parent.locator("#child-1")).to_contain_text("Amira Hussain")
    # Keyboard again: Tab to the case link and press Enter.
    link = parent.get_by_role("link", name="Where is Amira's case?")
    link.focus()
    with parent.expect_navigation():
        parent.keyboard.press("Enter")
    check_page(parent)
    expect(heading(parent)).to_have_text("Where is Amira's case?")
    expect(parent.locator("#stage")).to_contain_text("We are finding out about your child's needs")
    expect(parent.locator("#next-steps")).to_contain_text(
        f"We should get advice from the educational psychologist: by {long_date(advice_due)}"
    )
    expect(parent.locator("#caseworker")).to_be_visible()
    expect(parent.locator("main")).to_contain_text("Your caseworker is Chloe Adams.")
    expect(parent.locator("#task-list")).to_contain_text("Send a message to your caseworker")

    sara.refresh_from_db()
    assert sara.user is not None and sara.user.role == Role.PARENT
