"""Professionals on the portal, in the browser, with axe-core on every page.

An educational psychologist signs in with their security code, finds their advice requests on
their own home page with the due dates the clock engine stored, opens one by keyboard alone, is
refused a file that is not really a PDF (a GOV.UK error, nothing saved), sends sectioned advice
with a real PDF, and sees it under what they sent, on time.

A school's SENCo sees the pupils on roll with plans and the reviews coming up, sends the school's
paperwork for one, and the caseworker sees it. Then access follows the school: the school's
administrator adds a new SENCo and removes the one who left, whose next page finds nothing.
"""

from datetime import timedelta

import pytest
from dateutil.relativedelta import relativedelta
from playwright.sync_api import Page, expect

from accounts.roles import ProfessionalType, Role
from casework.models import CaseDocument
from casework.tests.factories import case_at
from e2e.casework_pages import banner, london_today, short_date, with_authenticator
from e2e.pages import PASSWORD, check_page, error_messages, follow, heading, open_nav, sign_in, visit
from people.models import SchoolMembership
from people.tests.factories import ChildFactory, SettingFactory, UserFactory
from reviews.models import Contribution
from reviews.tests.factories import quick_review

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("transactional_db")]

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def sign_in_staff(page: Page, live_server, user, secret: str) -> None:
    sign_in(page, live_server, user.username, PASSWORD, secret)
    expect(heading(page)).to_have_text(f"Hello, {user.first_name}")


def press_tab_until(page: Page, predicate_js: str, limit: int = 60) -> None:
    """Move the focus with the Tab key alone until the focused element matches."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"() => {{ const el = document.activeElement; return !!el && ({predicate_js}); }}"):
            return
    raise AssertionError(f"Tab never reached an element where {predicate_js}")


def cells(row) -> list[str]:
    return [" ".join(text.split()) for text in row.locator("td").all_inner_texts()]


def test_an_ep_submits_advice_and_sees_what_they_sent(new_page, live_server, tmp_path):
    today = london_today()
    ep = UserFactory(
        username="ep",
        first_name="Priya",
        last_name="Shah",
        role=Role.PROFESSIONAL,
        professional_type=ProfessionalType.EDUCATIONAL_PSYCHOLOGIST,
    )
    secret = with_authenticator(ep)
    child = ChildFactory(legal_first_name="Amira", legal_last_name="Hussain")
    # Received 3 weeks ago: the EP was asked a week ago, so the advice is due in 5 weeks.
    case = case_at(child, "assessing", received_on=today - timedelta(days=21), ep=ep)
    advice = case.advice_requests.get()

    page = new_page()
    sign_in_staff(page, live_server, ep, secret)
    open_nav(page, "Your work")
    expect(heading(page)).to_have_text("Your advice requests")
    expect(page.locator("#count-due")).to_have_text("1")
    expect(page.locator("#count-sent")).to_have_text("0 (0 late)")
    row = page.locator("#advice-due tbody tr")
    expect(row).to_have_count(1)
    assert cells(row) == ["Amira Hussain", case.reference, short_date(advice.due_on), "Due in 35 days"]

    # Keyboard alone: Tab to the child's request and open it with Enter.
    press_tab_until(page, "el.textContent.trim() === 'Amira Hussain'")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    check_page(page)
    expect(heading(page)).to_have_text("Advice for Amira Hussain")

    page.get_by_label("About the child or young person").fill("I met Amira at school twice.")
    page.get_by_label("Their special educational needs").fill(
        "Amira finds it hard to process spoken language."
    )
    page.get_by_label("Provision you recommend").fill(
        "30 minutes of speech and language therapy each week in a group of 2."
    )
    fake = tmp_path / "report.pdf"
    fake.write_bytes(b"MZ this is a program, not a PDF")
    page.get_by_label("Your report as a document").set_input_files(str(fake))
    follow(page, page.get_by_role("button", name="Send advice"))
    assert error_messages(page) == ["report.pdf must be a PDF, Word (DOCX), PNG or JPEG file"]
    assert page.title().startswith("Error:")
    advice.refresh_from_db()
    assert advice.received_on is None and not CaseDocument.objects.filter(case=case).exists()
    # What was typed is still there; only the file must be chosen again.
    expect(page.get_by_label("Their special educational needs")).to_have_value(
        "Amira finds it hard to process spoken language."
    )
    real = tmp_path / "Amira report.pdf"
    real.write_bytes(PDF)
    page.get_by_label("Your report as a document").set_input_files(str(real))
    follow(page, page.get_by_role("button", name="Send advice"))
    expect(banner(page)).to_contain_text("Your advice has been sent to the SEND team (on time)")
    document = CaseDocument.objects.get(case=case)
    assert document.content_type == "application/pdf" and "Amira" not in document.file.name

    open_nav(page, "Your work")
    expect(page.locator("#count-sent")).to_have_text("1 (0 late)")
    sent = page.locator("#advice-sent tbody tr")
    expect(sent).to_have_count(1)
    assert cells(sent)[-1] == f"Sent {short_date(today)} On time"
    follow(page, page.get_by_role("link", name="All advice sent"))
    expect(page.locator("main table tbody tr")).to_contain_text("On time")
    follow(page, page.get_by_role("link", name="Amira Hussain"))
    expect(page.locator("main")).to_contain_text("30 minutes of speech and language therapy")


def school_people():
    school = SettingFactory(name="Alder Lane Primary School")
    people = {
        name: UserFactory(
            username=name,
            first_name=first,
            last_name=last,
            email=f"{name}@alder.example.org",
            role=Role.PROFESSIONAL if name != "caseworker" else Role.CASEWORKER,
            professional_type=ProfessionalType.SENCO if name != "caseworker" else "",
        )
        for name, first, last in [
            ("senco", "Sam", "Okafor"),
            ("office", "Olu", "Bello"),
            ("newsenco", "Nadia", "Reid"),
            ("caseworker", "Chloe", "Adams"),
        ]
    }
    SchoolMembership.objects.create(setting=school, user=people["senco"])
    SchoolMembership.objects.create(setting=school, user=people["office"], is_school_admin=True)
    secrets = {name: with_authenticator(user) for name, user in people.items()}
    return school, people, secrets


def test_a_senco_sends_review_paperwork_and_access_follows_the_school(new_page, live_server):
    today = london_today()
    school, people, secrets = school_people()
    child = ChildFactory(setting=school, legal_first_name="Amira", legal_last_name="Hussain")
    # The plan was issued 11 months ago, so its review is due within the next 12 weeks.
    review = quick_review(child, today - relativedelta(months=11), caseworker=people["caseworker"])
    later = ChildFactory(setting=school, legal_first_name="Leo", legal_last_name="Marsh")
    quick_review(later, today - relativedelta(months=2))

    # 1. The SENCo sees the pupils with plans and the reviews coming up. ---------------------
    sc = new_page()
    sign_in_staff(sc, live_server, people["senco"], secrets["senco"])
    open_nav(sc, "Your work")
    expect(heading(sc)).to_have_text("Your school's pupils with EHC plans")
    expect(sc.locator("#pupils-link")).to_have_text("2 pupils on roll with EHC plans")
    coming = sc.locator("#coming-up tbody tr")
    expect(coming).to_have_count(1)
    assert cells(coming)[0].startswith("Hussain, Amira")
    assert cells(coming)[2] == short_date(review.due_on)
    expect(sc.get_by_role("link", name="Ask for an assessment for a pupil")).to_be_visible()
    follow(sc, sc.locator("#pupils-link"))
    expect(heading(sc)).to_have_text("Pupils on roll with EHC plans")
    expect(sc.locator("#pupils tbody tr")).to_have_count(2)
    sc.get_by_text("Filter the list").click()
    sc.get_by_label("Review paperwork").select_option(label="Paperwork not sent")
    sc.get_by_label("Review due").select_option(label="In the next 12 weeks")
    follow(sc, sc.get_by_role("button", name="Apply filters"))
    rows = sc.locator("#pupils tbody tr")
    expect(rows).to_have_count(1)
    expect(rows).to_contain_text("Not sent")

    # 2. ... and sends the school's paperwork for Amira's review. -----------------------------
    follow(sc, rows.get_by_role("link", name="Send the paperwork for Amira Hussain"))
    expect(heading(sc)).to_have_text("Annual review paperwork")
    sc.get_by_label("The pupil's views").fill("Amira says the therapy sessions help her in maths.")
    sc.get_by_label("Progress against each outcome of the plan").fill(
        "Amira now follows two-step instructions most of the time."
    )
    sc.get_by_label("Changes you propose to the plan (optional)").fill("Therapy 4 times a week.")
    follow(sc, sc.get_by_role("button", name="Send"))
    expect(banner(sc)).to_contain_text("Sent: thank you")
    assert Contribution.objects.filter(review=review, kind="school").count() == 1
    visit(sc, live_server, "/portal/school/pupils/?sort=review")
    expect(sc.locator("#pupils tbody tr").first).to_contain_text(f"Sent {short_date(today)}")

    # 3. The caseworker sees it on the review. ------------------------------------------------
    cw = new_page()
    sign_in_staff(cw, live_server, people["caseworker"], secrets["caseworker"])
    visit(cw, live_server, f"/reviews/{review.public_id}/")
    expect(cw.locator("#school-paperwork ~ dl").first).to_contain_text("Therapy 4 times a week.")

    # 4. The SENCo leaves: the school's administrator adds the new SENCo and removes Sam. ----
    office = new_page()
    sign_in_staff(office, live_server, people["office"], secrets["office"])
    open_nav(office, "Your work")
    follow(office, office.get_by_role("link", name="Staff at Alder Lane Primary School"))
    expect(heading(office)).to_have_text("The school's staff on OpenSEND")
    office.get_by_label("Email address or username of the SENCo's account").fill("nobody@alder.example.org")
    follow(office, office.get_by_role("button", name="Add to the school's staff"))
    assert error_messages(office) == [
        "No SENCo account has that email address or username. Check it, or ask the area's SEND "
        "administrator to create the account"
    ]
    office.get_by_label("Email address or username of the SENCo's account").fill("newsenco@alder.example.org")
    follow(office, office.get_by_role("button", name="Add to the school's staff"))
    expect(banner(office)).to_contain_text("Nadia Reid can now see the school's pupils with plans")
    follow(office, office.get_by_role("button", name="Remove Sam Okafor"))
    expect(banner(office)).to_contain_text("Sam Okafor can no longer see the school's pupils")
    expect(office.locator("#former-staff")).to_contain_text("Sam Okafor")

    # Sam's very next page finds nothing; the school's pupils are still the school's.
    visit(sc, live_server, "/portal/school/pupils/")
    expect(sc.locator("#result-count")).to_contain_text("0 pupils found")
    visit(sc, live_server, f"/reviews/{review.public_id}/paperwork/", status=404)
    new = new_page()
    sign_in_staff(new, live_server, people["newsenco"], secrets["newsenco"])
    open_nav(new, "Your work")
    expect(new.locator("#pupils-link")).to_have_text("2 pupils on roll with EHC plans")
    follow(new, new.locator("#pupils-link"))
    expect(new.locator("#pupils tbody tr").first).to_contain_text(f"Sent {short_date(today)}")
