"""Arranging an annual review meeting that families and schools can follow, by keyboard alone, with
axe-core on every page.

The caseworker arranges Amira's review meeting two weeks after the review's due date: the form
shows the due date beside the date chosen, warns that the review will be late and asks why; with a
reason the meeting is arranged and the invitations go out, asking for the paperwork on or after
the day they are sent and before the meeting. At the family's request the meeting is re-arranged
to a nearer date: the form shows the current arrangement, and each person invited gets one message
naming both dates (the earlier meeting cancelled). The SENCo's home page and "Your work" count the
same pupils with plans, and "Reviews coming up" and the paperwork list show the overdue review first.
"""

import re
from datetime import date, timedelta

import pytest
from django.core import mail
from playwright.sync_api import Locator, Page, expect

from accounts.roles import ProfessionalType, Role
from e2e.casework_pages import banner, london_today, long_date, with_authenticator, with_password
from e2e.pages import PASSWORD, check_page, error_summary, heading, sign_in, visit
from people.models import ChildRelationship, SchoolMembership
from people.tests.factories import ChildFactory, ParentCarerFactory, SettingFactory, UserFactory
from reviews.models import AnnualReview
from reviews.tests.factories import quick_review

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("transactional_db")]

PAPERWORK_DATE = re.compile(
    r"send (?:any views or advice for the meeting|the paperwork) by (\d{1,2} [A-Z][a-z]+ \d{4})"
)


def build_area(today: date):
    """Amira's review is due in 10 days; Ben's is months overdue; Cara's record says EHC plan but
    she has no live plan (she must not be counted as a pupil with a plan anywhere)."""
    school = SettingFactory(name="Alder Lane Primary School")
    caseworker = with_authenticator(
        UserFactory(username="caseworker", first_name="Chloe", last_name="Adams", role=Role.CASEWORKER)
    )
    senco_user = UserFactory(
        username="senco",
        first_name="Sam",
        last_name="Okafor",
        role=Role.PROFESSIONAL,
        professional_type=ProfessionalType.SENCO,
    )
    senco = with_authenticator(senco_user)
    SchoolMembership.objects.create(setting=school, user=senco_user)
    UserFactory(
        username="ep",
        first_name="Priya",
        last_name="Shah",
        role=Role.PROFESSIONAL,
        professional_type=ProfessionalType.EDUCATIONAL_PSYCHOLOGIST,
    )
    amira = ChildFactory(setting=school, legal_first_name="Amira", legal_last_name="Hussain")
    parent_user = with_password(UserFactory(username="sara", first_name="Sara", role=Role.PARENT))
    parent = ParentCarerFactory(user=parent_user, first_name="Sara", last_name="Hussain")
    ChildRelationship.objects.create(child=amira, parent_carer=parent, relationship="mother", verified=True)
    review = quick_review(amira, today - timedelta(days=355))
    ben = ChildFactory(setting=school, legal_first_name="Ben", legal_last_name="Zane")
    quick_review(ben, today - timedelta(days=500))
    ChildFactory(setting=school, legal_first_name="Cara", legal_last_name="Nolan", sen_provision="E")
    return review, {"caseworker": caseworker, "senco": senco}


# --- keyboard only ---------------------------------------------------------------------------


def activate(page: Page, target: Locator) -> None:
    """Focus a link or button and press Enter; check the page it opens."""
    target.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    check_page(page)


def type_into(page: Page, field: Locator, text: str) -> None:
    field.focus()
    page.keyboard.press("Control+A")
    page.keyboard.type(text)


def type_date(page: Page, field_id: str, day: date) -> None:
    for part, value in (("day", day.day), ("month", day.month), ("year", day.year)):
        type_into(page, page.locator(f"#{field_id}_{part}"), str(value))


def tick(page: Page, box: Locator) -> None:
    box.focus()
    page.keyboard.press("Space")
    expect(box).to_be_checked()


def submit(page: Page) -> None:
    activate(page, page.get_by_role("button", name="Save and send the invitations"))


def paperwork_dates(emails) -> list[date]:
    from datetime import datetime

    found = []
    for email in emails:
        match = PAPERWORK_DATE.search(" ".join(email.body.split()))
        assert match, email.body
        found.append(datetime.strptime(match.group(1), "%d %B %Y").date())
    return found


def sign_in_staff(page: Page, live_server, username: str, first_name: str, secret: str) -> None:
    sign_in(page, live_server, username, PASSWORD, secret)
    expect(heading(page)).to_have_text(f"Hello, {first_name}")


def test_a_review_meeting_families_and_schools_can_follow(new_page, live_server):
    today = london_today()
    review, secrets = build_area(today)
    due = review.due_on
    late = due + timedelta(days=14)
    review_url = f"/reviews/{review.public_id}/"

    # 1. A meeting after the due date: warned, and asked why. ------------------------------------
    cw = new_page()
    sign_in_staff(cw, live_server, "caseworker", "Chloe", secrets["caseworker"])
    visit(cw, live_server, review_url)
    activate(cw, cw.locator("#actions").get_by_role("button", name="Arrange the meeting", exact=True))
    expect(cw.locator("#due-on")).to_have_text(long_date(due))
    expect(cw.locator("#id_meeting_on-hint")).to_contain_text(f"The review is due by {long_date(due)}.")
    type_date(cw, "id_meeting_on", late)
    type_into(cw, cw.get_by_label("Time of the meeting (optional)"), "9:30")
    tick(cw, cw.get_by_label("Priya Shah, educational psychologist"))
    mail.outbox.clear()
    submit(cw)
    expect(error_summary(cw)).to_contain_text(f"a meeting on {long_date(late)} would be 14 days late")
    expect(cw.locator("#late-warning")).to_contain_text(
        f"A meeting on {long_date(late)} is 14 days after the review's due date, {long_date(due)}"
    )
    assert AnnualReview.objects.get(pk=review.pk).meeting_on is None
    assert not mail.outbox
    type_into(
        cw,
        cw.get_by_label("If the meeting is after the date the review is due, say why"),
        "The educational psychologist cannot come sooner.",
    )
    submit(cw)
    expect(banner(cw)).to_contain_text(f"Meeting arranged for {long_date(late)}: invitations sent")
    expect(cw.locator("#meeting")).to_contain_text(
        "After the review's due date: The educational psychologist"
    )

    # The invitations: one each, the paperwork date on or after today and before the meeting.
    first = list(mail.outbox)
    assert len(first) == 3  # Sara, the SENCo and the educational psychologist
    for paperwork_due in paperwork_dates(first):
        assert today <= paperwork_due < late

    # 2. Re-arranged nearer, at the family's request: one message each, naming both dates. ------
    sooner = today + timedelta(days=5)
    activate(cw, cw.locator("#actions").get_by_role("button", name="Arrange the meeting again"))
    expect(heading(cw)).to_have_text("Arrange the meeting again")
    expect(cw.locator("#current-meeting")).to_have_text(
        f"{long_date(late)}, 9:30am, Alder Lane Primary School"
    )
    expect(cw.get_by_label("Priya Shah, educational psychologist")).to_be_checked()  # still invited
    type_date(cw, "id_meeting_on", sooner)
    type_into(cw, cw.get_by_label("Time of the meeting (optional)"), "14:00")
    type_into(
        cw,
        cw.get_by_label("If the family asked for a date less than 2 weeks away, say why (optional)"),
        "Sara asked to meet before the school holidays.",
    )
    mail.outbox.clear()
    submit(cw)
    expect(banner(cw)).to_contain_text(f"Meeting arranged for {long_date(sooner)}")
    moved = list(mail.outbox)
    recipients = [tuple(email.to) for email in moved]
    assert len(moved) == 3 and len(set(recipients)) == 3, recipients
    for email in moved:
        body = " ".join(email.body.split())
        assert f"The annual review meeting on {long_date(late)}, 9:30am" in body and "is cancelled" in body
        assert long_date(sooner) in body + email.subject
    for paperwork_due in paperwork_dates(moved):
        assert today <= paperwork_due < sooner

    # 3. The SENCo's lists: the same pupil count everywhere, the overdue review first. ----------
    sc = new_page()
    sign_in_staff(sc, live_server, "senco", "Sam", secrets["senco"])
    figure = sc.locator("p", has_text="Pupils on roll with an EHC plan").locator(".opensend-figure")
    expect(figure).to_have_text("2")
    activate(sc, sc.get_by_role("navigation", name="Menu").get_by_role("link", name="Your work"))
    expect(sc.locator("#pupils-link")).to_have_text("2 pupils on roll with EHC plans")
    coming_up = sc.locator("#coming-up tbody tr")
    expect(coming_up.first).to_contain_text("Zane, Ben")
    expect(coming_up.first).to_contain_text("Overdue")
    expect(coming_up.nth(1)).to_contain_text("Hussain, Amira")
    activate(sc, sc.locator("#pupils-link"))
    expect(sc.locator("#pupils tbody tr")).to_have_count(2)
    visit(sc, live_server, "/reviews/school/")
    rows = sc.locator("#reviews tbody tr")
    expect(rows.first).to_contain_text("Zane, Ben")
    expect(rows.first).to_contain_text("Overdue")
    expect(rows.nth(1)).to_contain_text("Hussain, Amira")
    activate(sc, sc.get_by_role("link", name="Hussain, Amira"))
    expect(heading(sc)).to_have_text("Annual review paperwork")
    expect(sc.locator("main")).to_contain_text(f"The meeting is on {long_date(sooner)}, 2pm")
