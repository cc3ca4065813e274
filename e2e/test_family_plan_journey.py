"""Families and young people reach everything that is theirs, in the browser, axe-core on each page.

1. A parent whose child's plan has no assessment case behind it (issued before the area's records),
   by keyboard alone: home -> the plan -> its PDF.
2. A parent in the draft's comment period: the draft, then the educational psychologist's advice it
   cites in section K, back, a comment typed, the timeout warning (the page's clock moved on 28
   minutes) answered "Stay signed in" by keyboard, then the session ends anyway and "Send my
   comments" is pressed: after signing in again the comment is still there, and is sent. The draft
   at 375 px wide has no sideways page scroll.
3. The young person: "Your EHC plan" and "We will review your EHC plan with you", never "your child".
4. A message with a report attached (a refused file says why and keeps the text; a dropped
   connection loses nothing typed).
5. A parent of a young person sees a plain page saying they need the young person's agreement
   (CoP 8.13-8.17); the young person says yes by keyboard, and the parent then sees the plan.
"""

from datetime import timedelta

import pytest
from playwright.sync_api import Page, expect

from accounts.roles import Role
from casework.models import AdviceRequest
from casework.tests.factories import case_at
from e2e.casework_pages import banner, london_today, with_password
from e2e.pages import PASSWORD, check_page, follow, heading, sign_in, visit
from people.models import ChildRelationship
from people.tests.factories import ChildFactory, ParentCarerFactory, SettingFactory, UserFactory
from plans import services
from plans.tests.factories import fill
from portal.models import DraftResponse
from portal.tests.test_family_plan import plan_without_case

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("transactional_db")]

EP_ADVICE = "Amira understands more when instructions come one step at a time, with a picture."
COMMENT = "Amira also finds busy, noisy rooms hard. Please add this to section B."


def _family(username, child_first, **child):
    school = SettingFactory(name="Alder Lane Primary School")
    kid = ChildFactory(setting=school, legal_first_name=child_first, legal_last_name="Hussain", **child)
    user = with_password(UserFactory(username=username, first_name="Sara", role=Role.PARENT))
    parent = ParentCarerFactory(user=user, first_name="Sara", last_name="Hussain")
    ChildRelationship.objects.create(child=kid, parent_carer=parent, relationship="mother", verified=True)
    return kid


def press_link(page: Page, name: str) -> None:
    """Reach a link with the keyboard (focus, as Tab would) and follow it with Enter."""
    page.get_by_role("link", name=name).first.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    check_page(page)


def test_a_parent_reads_a_plan_that_has_no_case_by_keyboard(page: Page, live_server):
    child = _family("sara", "Amira")
    plan = plan_without_case(child, issued_on=london_today() - timedelta(days=200))
    sign_in(page, live_server, "sara", PASSWORD)
    visit(page, live_server, "/portal/")
    expect(page.locator("main")).not_to_contain_text("There is no EHC needs assessment")
    expect(page.locator("main")).to_contain_text("Your child's EHC plan")
    press_link(page, "Read the plan")
    expect(heading(page)).to_have_text("Your child's EHC plan")
    expect(page.locator("#section-E")).to_contain_text("Will follow a two-step instruction in class")
    link = page.get_by_role("link", name="Download it (PDF)")
    link.focus()
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename.endswith(".pdf")
    assert f"/plans/{plan.public_id}/versions/1/pdf/" in download.value.url


def _draft_in_comment_period():
    child = _family("sara", "Amira")
    case = case_at(child, "drafting", received_on=london_today() - timedelta(days=80))
    AdviceRequest.objects.filter(case=case).update(sections={"needs": EP_ADVICE})
    version = services.start_plan(None, case)
    # Section I stays empty: a first draft names no school (s.38(5)); the family names one in their 15 days.
    fill(version)
    services.serve_draft(None, version, london_today() - timedelta(days=3))
    return version.plan


def test_a_parent_reads_the_advice_and_keeps_their_comment_through_a_timeout(new_page, live_server):
    plan = _draft_in_comment_period()
    page = new_page()
    page.clock.install()  # the page's own clock, so the 30 minutes can pass at once
    sign_in(page, live_server, "sara", PASSWORD)
    draft_url = f"/portal/plans/{plan.public_id}/draft/"
    visit(page, live_server, draft_url)
    expect(heading(page)).to_have_text("Your draft EHC plan")

    # Section K links to the advice in full, as the adviser typed it.
    follow(page, page.get_by_role("link", name="Read the advice in full: Educational psychologist"))
    expect(page.locator("#advice-text")).to_contain_text(EP_ADVICE)
    follow(page, page.get_by_role("link", name="Back to the plan"))
    visit(page, live_server, draft_url)

    # On a phone: the tables scroll inside their own region, the page does not.
    page.set_viewport_size({"width": 375, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    check_page(page)
    page.set_viewport_size({"width": 1024, "height": 800})

    page.get_by_label("Your comments on section B").fill(COMMENT)
    page.get_by_role("radio", name="No").check()
    # 28 minutes later the warning opens; "Stay signed in" by keyboard closes it.
    page.clock.fast_forward("28:30")
    dialog = page.get_by_role("dialog", name="You will be signed out soon")
    expect(dialog).to_be_visible()
    check_page(page)
    dialog.get_by_role("button", name="Stay signed in").focus()
    page.keyboard.press("Enter")
    expect(dialog).to_be_hidden()
    expect(page.get_by_label("Your comments on section B")).to_have_value(COMMENT)

    # The session ends anyway (the parent stepped away): sending keeps what was typed.
    page.context.clear_cookies(name="sessionid")
    with page.expect_navigation():
        page.get_by_role("button", name="Send my comments").click()
    check_page(page)
    expect(heading(page)).to_have_text("Sign in")
    page.get_by_label("Username").fill("sara")
    page.get_by_label("Password").fill(PASSWORD)
    follow(page, page.get_by_role("button", name="Sign in"))
    expect(heading(page)).to_have_text("Your draft EHC plan")
    expect(banner(page)).to_contain_text("we kept what you typed")
    expect(page.get_by_label("Your comments on section B")).to_have_value(COMMENT)
    assert not DraftResponse.objects.exists()
    page.get_by_role("radio", name="No").check()
    follow(page, page.get_by_role("button", name="Send my comments"))
    expect(banner(page)).to_contain_text("Sent: thank you")
    assert DraftResponse.objects.count() == 1


def test_the_young_person_reads_about_their_own_plan(page: Page, live_server):
    user = with_password(UserFactory(username="leo", first_name="Leo", role=Role.YOUNG_PERSON))
    child = ChildFactory(
        setting=SettingFactory(),
        legal_first_name="Leo",
        legal_last_name="Young",
        date_of_birth=london_today().replace(year=london_today().year - 18),
        own_account=user,
    )
    plan_without_case(child, issued_on=london_today() - timedelta(days=100))
    sign_in(page, live_server, "leo", PASSWORD)
    visit(page, live_server, "/portal/")
    main = page.locator("main")
    expect(heading(page)).to_have_text("Your plan and records")
    expect(main).to_contain_text("Your EHC plan")
    expect(main).to_contain_text("We will review your EHC plan with you")
    assert "your child" not in main.inner_text().lower()
    follow(
        page, page.get_by_role("link", name="Everything about you: what happens next, documents and messages")
    )
    expect(heading(page)).to_have_text("About you")
    expect(page.locator("#next-steps")).to_contain_text("We will review your EHC plan with you")
    assert "your child" not in page.locator("main").inner_text().lower()
    follow(page, page.get_by_role("link", name="Read your plan"))
    expect(heading(page)).to_have_text("Your EHC plan")


def test_a_parent_sends_a_message_with_a_report_attached(page: Page, live_server, tmp_path):
    child = _family("sara", "Amira")
    report = tmp_path / "Speech therapy report.pdf"
    report.write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n")
    refused = tmp_path / "notes.exe"
    refused.write_bytes(b"MZ\x90\x00not a document")
    sign_in(page, live_server, "sara", PASSWORD)
    url = f"/messages/child/{child.public_id}/"
    visit(page, live_server, url)
    # The connection drops as the message is sent: what was typed is still there on coming back.
    page.get_by_label("Your message").fill(COMMENT)
    page.context.set_offline(True)
    page.get_by_role("button", name="Send message").click(no_wait_after=True)
    page.wait_for_timeout(500)
    page.context.set_offline(False)
    visit(page, live_server, url)
    expect(page.get_by_label("Your message")).to_have_value(COMMENT)
    # A file that fails the checks: refused with the reason, the typed message kept.
    page.get_by_label("Attach a file (optional)").set_input_files(str(refused))
    follow(page, page.get_by_role("button", name="Send message"))
    expect(page.locator(".govuk-error-summary")).to_contain_text("notes.exe must be a PDF")
    expect(page.get_by_label("Your message")).to_have_value(COMMENT)
    page.get_by_label("Attach a file (optional)").set_input_files(str(report))
    follow(page, page.get_by_role("button", name="Send message"))
    expect(banner(page)).to_contain_text("Message sent")
    expect(page.get_by_role("link", name="Download Speech therapy report.pdf")).to_be_visible()


def test_a_parents_access_follows_the_young_persons_agreement(new_page, live_server):
    leo_user = with_password(UserFactory(username="leo", first_name="Leo", role=Role.YOUNG_PERSON))
    leo = ChildFactory(
        setting=SettingFactory(),
        legal_first_name="Leo",
        legal_last_name="Young",
        date_of_birth=london_today().replace(year=london_today().year - 18),
        own_account=leo_user,
    )
    plan_without_case(leo, issued_on=london_today() - timedelta(days=100))
    mum = with_password(UserFactory(username="sara", first_name="Sara", role=Role.PARENT))
    ChildRelationship.objects.create(
        child=leo,
        parent_carer=ParentCarerFactory(user=mum, first_name="Sara", last_name="Young"),
        relationship="mother",
        verified=True,
    )
    parent = new_page()
    sign_in(parent, live_server, "sara", PASSWORD)
    visit(parent, live_server, "/portal/")
    expect(parent.locator("#waiting-1")).to_contain_text("Leo is now a young person")
    press_link(parent, "Why you cannot see Leo's records")
    expect(heading(parent)).to_have_text("You need Leo's agreement")

    young = new_page()
    sign_in(young, live_server, "leo", PASSWORD)
    visit(young, live_server, f"/portal/children/{leo.public_id}/")
    expect(young.locator("#parents-access")).to_contain_text("Only you can see your plan")
    press_link(young, "Change who can see your records")
    expect(heading(young)).to_have_text("Who can see your records")
    young.get_by_role("radio", name="Yes, they can see them").focus()
    young.keyboard.press("Space")
    young.get_by_role("button", name="Save").focus()
    with young.expect_navigation():
        young.keyboard.press("Enter")
    check_page(young)
    expect(banner(young)).to_contain_text("Your parents or carers can see")

    visit(parent, live_server, "/portal/")
    expect(parent.locator("main")).to_contain_text("Your child's EHC plan")
    press_link(parent, "Read the plan")
    expect(heading(parent)).to_have_text("Your child's EHC plan")
