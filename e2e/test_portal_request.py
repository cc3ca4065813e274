"""A parent asks for an assessment online with an upload, and follows it to a final plan: in the
browser, with axe-core on every page.

Sara signs in, starts a request from the menu, chooses her daughter by keyboard alone (Tab, Space,
Enter), answers two questions and signs out. Signing in again, her saved request is waiting; she
finishes it, sees a file that is not really a PDF refused with a GOV.UK error, adds a real PDF,
checks her answers and sends. The confirmation gives the reference and the date the decision is
due (6 weeks, reg 5(1)). The SEND team then moves the case on through the case services, and on
her case page Sara reads each stage in plain English, up to the final plan.
"""

import io
from datetime import timedelta

import pypdf
import pytest
from playwright.sync_api import Page, expect

from accounts.roles import Role
from casework import services
from casework.models import AssessmentCase, RequestSource
from clock.case_events import EventKind as K
from e2e.casework_pages import london_today, long_date, with_password
from e2e.pages import (
    PASSWORD,
    check_page,
    error_messages,
    focused_id,
    follow,
    heading,
    open_nav,
    sign_in,
    sign_out,
    visit,
)
from people.models import ChildRelationship
from people.tests.factories import ChildFactory, ParentCarerFactory, SettingFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("transactional_db")]

NEEDS = "Amira finds it hard to follow spoken instructions and to make friends."
SUPPORT = "A teaching assistant helps her in class three mornings a week."
WHY_NOW = "She is moving to secondary school next year and is falling behind."
STAGES = [
    (None, "We have your request"),
    (K.DECIDED_TO_ASSESS, "We are finding out about your child's needs"),
    (K.DECIDED_TO_ISSUE, "We are writing a draft plan"),
    (K.DRAFT_SERVED, "The draft plan is ready for you to read"),
    (K.FINAL_ISSUED, "Your child's EHC plan is finished"),
]


def _family():
    child = ChildFactory(
        setting=SettingFactory(name="Alder Lane Primary School"),
        legal_first_name="Amira",
        legal_last_name="Hussain",
        sen_provision="K",
    )
    user = with_password(
        UserFactory(username="sara", first_name="Sara", last_name="Hussain", role=Role.PARENT)
    )
    parent = ParentCarerFactory(user=user, first_name="Sara", last_name="Hussain")
    ChildRelationship.objects.create(child=child, parent_carer=parent, relationship="mother", verified=True)
    return child


def one_page_pdf(text: str) -> bytes:
    """A real one-page PDF (objects, cross-reference table and trailer with true byte offsets)."""
    stream = f"BT /F1 18 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _tab_to(page: Page, element_id: str, limit: int = 40) -> None:
    for _ in range(limit):
        if focused_id(page) == element_id:
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached #{element_id}")


def _answer(page: Page, question: str, text: str) -> None:
    expect(heading(page)).to_have_text(question)
    page.get_by_label(question).fill(text)
    follow(page, page.get_by_role("button", name="Save and continue"))


def _choose(page: Page, question: str, option: str) -> None:
    expect(heading(page)).to_have_text(question)
    page.get_by_label(option, exact=True).check()
    follow(page, page.get_by_role("button", name="Save and continue"))


def _stage_seen_by_parent(page: Page, live_server, case) -> str:
    visit(page, live_server, f"/portal/cases/{case.public_id}/")
    return page.locator("#stage").inner_text()


def test_a_parent_asks_for_an_assessment_with_an_upload_and_follows_it_to_a_final_plan(
    page: Page, live_server
):
    child = _family()
    sign_in(page, live_server, "sara", PASSWORD)
    open_nav(page, "Ask for an assessment")
    expect(heading(page)).to_have_text("Ask for an EHC needs assessment")
    follow(page, page.get_by_role("button", name="Start now"))

    # Keyboard alone: Tab to the first choice, Space to choose it, Enter to save.
    expect(heading(page)).to_have_text("Who is the request for?")
    _tab_to(page, "id_child")
    page.keyboard.press("Space")
    expect(page.get_by_label("Amira Hussain", exact=False).first).to_be_checked()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    check_page(page)
    _answer(page, "Tell us about the child's needs", NEEDS)
    expect(heading(page)).to_have_text("What help does the child get now?")
    page.get_by_label("What help does the child get now?").fill(SUPPORT)
    follow(page, page.get_by_role("button", name="Save and come back later"))
    expect(page.get_by_role("link", name="Continue your request for Amira Hussain")).to_be_visible()

    # Leave half way, and come back to it after signing in again.
    sign_out(page)
    sign_in(page, live_server, "sara", PASSWORD)
    open_nav(page, "Ask for an assessment")
    expect(page.get_by_role("heading", name="Your saved request")).to_be_visible()
    follow(page, page.get_by_role("link", name="Continue your request for Amira Hussain"))
    _answer(page, "Why are you asking for an assessment now?", WHY_NOW)
    _choose(page, "How would you like us to contact you?", "Email")
    _choose(page, "Can we share information about the child with the people we ask for advice?", "Yes")

    expect(heading(page)).to_have_text("Send documents with your request")
    page.get_by_label("Upload a file").set_input_files(
        {"name": "speech-therapy-report.pdf", "mimeType": "application/pdf", "buffer": b"Hello, not a PDF"}
    )
    follow(page, page.get_by_role("button", name="Add this file"))
    assert error_messages(page) == ["speech-therapy-report.pdf must be a PDF, Word (DOCX), PNG or JPEG file"]
    report = one_page_pdf("Speech and language therapy report")
    assert "Speech and language" in pypdf.PdfReader(io.BytesIO(report)).pages[0].extract_text()
    page.get_by_label("Upload a file").set_input_files(
        {"name": "speech-therapy-report.pdf", "mimeType": "application/pdf", "buffer": report}
    )
    follow(page, page.get_by_role("button", name="Add this file"))
    expect(page.locator(".govuk-summary-list")).to_contain_text("speech-therapy-report.pdf")
    follow(page, page.get_by_role("button", name="Continue"))

    expect(heading(page)).to_have_text("Check your answers before sending your request")
    summary = page.locator(".govuk-summary-list")
    for text in ("Amira Hussain", NEEDS, SUPPORT, WHY_NOW, "Email", "Yes", "speech-therapy-report.pdf"):
        expect(summary).to_contain_text(text)
    page.get_by_label("I confirm that the information I have given is true, as far as I know").check()
    follow(page, page.get_by_role("button", name="Send the request"))

    expect(heading(page)).to_have_text("Request sent")
    case = AssessmentCase.objects.get(child=child)
    assert case.source == RequestSource.PARENT and case.received_on == london_today()
    assert case.documents.get().file.read() == report
    expect(page.locator("[data-reference]")).to_have_text(case.reference)
    decision_due = services.case_timeline(case).step("decision_to_assess").due
    assert decision_due == london_today() + timedelta(days=42)
    expect(page.locator("main")).to_contain_text(
        f"We will decide whether to do an assessment by {long_date(decision_due)}"
    )

    # The SEND team moves the case on; each time, the family's page says where it is.
    follow(page, page.get_by_role("link", name="See your request and what happens next"))
    expect(page.locator("#stage")).to_contain_text(STAGES[0][1])
    for kind, words in STAGES[1:]:
        if kind == K.FINAL_ISSUED:  # the family answered the draft: the plan may go (reg 13(1))
            services.record_event(None, case, K.FAMILY_RESPONDED, london_today())
        services.record_event(None, case, kind, london_today())
        assert words in _stage_seen_by_parent(page, live_server, case)
