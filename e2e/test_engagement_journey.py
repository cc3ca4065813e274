"""Engagement and disagreements in the browser, with axe-core on every page.

A manager builds a survey for families (a "kept informed" question that feeds KPI 1.1, and a free
text question), opens it and sends it. The one family gets an email with their own link; the parent
answers through it without signing in, by keyboard alone, and a second answer on that link is
refused. On the scorecard the manager refreshes the figures and KPI 1.1 moves from no figure to
100%. Then the manager records, from the child's page, a mediation (held, with its certificate) and
a tribunal appeal about the decision not to assess, and an order of the tribunal: the disagreements
list shows each with its deadline, and the SEN2 return's CSV carries the mediation and tribunal.
"""

import csv
import re
from datetime import date, timedelta

import pytest
from django.core import mail
from playwright.sync_api import expect

from accounts.roles import Role
from clock import dates
from clock.case_events import EventKind as K
from e2e.casework_pages import fill_date, with_authenticator
from e2e.pages import PASSWORD, follow, heading, open_nav, sign_in, visit
from e2e.pages import check_page as axe_check
from e2e.test_background_jobs import worker  # noqa: F401 - the real worker, for the progress journey
from jobs.models import Job
from people.models import ChildRelationship
from people.tests.factories import ChildFactory, ParentCarerFactory, SettingFactory, UserFactory
from performance import services as kpi_services
from performance.data.bradford_wsa import KPIS
from performance.returns.sen2 import default_census_date
from performance.tests.returns_builders import direct_case

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("transactional_db")]


def build_area():
    census = default_census_date()
    year = census.year - 1
    school = SettingFactory(name="Alder Lane Primary School", urn=100001)
    child = ChildFactory(
        setting=school, legal_first_name="Amira", legal_last_name="Hussain", sen_provision="K"
    )
    direct_case(child, date(year, 4, 7), (K.DECIDED_NOT_TO_ASSESS, date(year, 5, 12)))
    parent = ParentCarerFactory(first_name="Sara", last_name="Hussain", email="sara@example.org")
    ChildRelationship.objects.create(child=child, parent_carer=parent, relationship="mother")
    kpi_services.load_definitions([k for k in KPIS if k["code"] == "1.1"])
    manager = UserFactory(username="manager", first_name="Maya", last_name="Shah", role=Role.MANAGER)
    return census, child, manager, with_authenticator(manager)


def build_survey(page, today):
    open_nav(page, "Surveys")
    expect(heading(page)).to_have_text("Surveys")
    follow(page, page.get_by_role("link", name="Create a survey"))
    page.get_by_label("Title").fill("Keeping you informed")
    page.get_by_label("Families", exact=True).check()
    fill_date(page, "id_opens_on", today)
    fill_date(page, "id_closes_on", today + timedelta(days=14))
    follow(page, page.get_by_role("button", name="Create the survey"))
    expect(heading(page)).to_have_text("Keeping you informed")

    follow(page, page.get_by_role("link", name="Add a question"))
    page.get_by_label("Free text").check()
    page.get_by_label("Question", exact=True).fill("What could we do better?")
    page.get_by_label("An answer is needed").uncheck()
    follow(page, page.get_by_role("button", name="Add the question"))

    follow(page, page.get_by_role("link", name="Add a question"))
    page.get_by_label("Choose one answer").check()
    page.get_by_label("Question", exact=True).fill("Do you feel kept informed about your child's plan?")
    page.get_by_label("Answers to choose from").fill("Yes, always\nSometimes\nNo")
    page.get_by_label("Does this question feed a measure?").select_option("kept_informed")
    page.get_by_label("Answers that count as yes for the measure").fill("Yes, always")
    follow(page, page.get_by_role("button", name="Add the question"))
    # The measure question first.
    follow(page, page.get_by_role("button", name=re.compile(r"Move up\W+Do you feel kept informed")))
    expect(page.locator("#questions + ol > li").first).to_contain_text("Do you feel kept informed")

    follow(page, page.get_by_role("button", name="Open the survey"))
    # Sent by a background job; run at once here (the ImmediateBackend) so that the email lands in
    # this process's outbox, and the page goes straight back to the survey.
    follow(page, page.get_by_role("button", name="Send invitations"))
    expect(page.locator(".govuk-notification-banner").first).to_contain_text("Invitations sent: 1")
    assert Job.objects.get(kind="engagement.send_survey_invitations").result == {"invited": 1, "failed": 0}


def answer_by_keyboard(page, live_server, path):
    visit(page, live_server, path)
    expect(heading(page)).to_have_text("Keeping you informed")
    expect(page.get_by_role("navigation", name="Menu")).to_have_count(0)  # not signed in
    # Keyboard only: Tab to the first answer, Space to choose it, Tab on to the free text.
    heading(page).evaluate("h => { h.tabIndex = -1; h.focus(); }")
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.type") == "radio":
            break
    else:
        pytest.fail("Tab never reached the first answer")
    page.keyboard.press("Space")
    expect(page.get_by_label("Yes, always")).to_be_checked()
    while page.evaluate("() => document.activeElement.tagName") != "TEXTAREA":
        page.keyboard.press("Tab")
    page.keyboard.type("Reply to <b>emails</b> sooner")
    while page.evaluate("() => document.activeElement.tagName") != "BUTTON":
        page.keyboard.press("Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    axe_check(page)
    expect(heading(page)).to_have_text("Thank you")


def test_a_family_survey_moves_the_kpi_and_disagreements_reach_sen2(page, new_page, live_server, tmp_path):
    census, child, manager, secret = build_area()
    today = dates.today()
    sign_in(page, live_server, manager.username, PASSWORD, secret)

    build_survey(page, today)
    (email,) = mail.outbox
    assert email.to == ["sara@example.org"]
    path = re.search(r"/surveys/answer/[\w-]+/", email.body).group(0)

    parent = new_page()
    answer_by_keyboard(parent, live_server, path)
    visit(parent, live_server, path)
    expect(parent.locator("#problem")).to_contain_text("An answer has already been sent using this link")

    # Results: the free text is shown as text, not markup.
    page.reload()
    axe_check(page)
    follow(page, page.get_by_role("link", name="See the results"))
    expect(page.locator("#total")).to_have_text("1")
    expect(page.get_by_text("Reply to <b>emails</b> sooner")).to_be_visible()

    open_nav(page, "Performance")
    row = page.locator('#kpis tr[data-kpi="1.1"]')
    expect(row.locator("td").nth(1)).not_to_contain_text("%")
    follow(page, page.get_by_role("button", name="Refresh now"))
    expect(row.locator("td").nth(1)).to_contain_text("100%")

    # Disagreements, from the child's page.
    year = census.year - 1
    visit(page, live_server, f"/children/{child.public_id}/")
    follow(page, page.locator("#record-mediation"))
    page.get_by_label("The decision not to carry out an assessment").check()
    fill_date(page, "id_requested_on", date(year, 6, 2))
    fill_date(page, "id_held_on", date(year, 6, 20))
    fill_date(page, "id_certificate_issued_on", date(year, 6, 20))
    page.get_by_label("Outcome").select_option("not_agreed")
    follow(page, page.get_by_role("button", name="Record the mediation"))
    expect(heading(page)).to_have_text("Disagreements")
    mediations = page.locator("#mediations + table")
    expect(mediations).to_contain_text("Amira Hussain")
    expect(mediations).to_contain_text("Met")

    visit(page, live_server, f"/children/{child.public_id}/")
    follow(page, page.locator("#record-appeal"))
    page.get_by_label("The decision not to carry out an assessment").check()
    fill_date(page, "id_registered_on", date(year, 8, 1))
    page.get_by_label("Grounds of appeal").fill("The area did not consider the school's evidence")
    follow(page, page.get_by_role("button", name="Record the appeal"))
    follow(page, page.get_by_role("link", name="Record an order for Amira Hussain"))
    page.get_by_label("Tell the family the area will assess or reassess").check()
    made_on = today - timedelta(days=7)
    fill_date(page, "id_made_on", made_on)
    follow(page, page.get_by_role("button", name="Record the order"))
    orders = page.locator("#orders + table")
    expect(orders).to_contain_text("Amira Hussain")
    due = made_on + timedelta(weeks=2)  # reg 44(2)(b)
    expect(orders).to_contain_text(f"{due.day} {due:%B %Y}")

    open_nav(page, "Statutory returns")
    with page.expect_download() as info:
        page.get_by_role("link", name="SEN2 return as a spreadsheet (CSV)").click()
    saved = tmp_path / "sen2.csv"
    info.value.save_as(saved)
    with saved.open(newline="") as f:
        (amira,) = [r for r in csv.DictReader(f) if r["Forename"] == "Amira"]
    assert (amira["RequestMediation"], amira["RequestTribunal"]) == ("1", "1")


def test_every_other_engagement_page_passes_axe(page, live_server):
    """The pages the journey does not pass through: edits, complaints, training impact, the
    youth forum and 'You said, we did', and the public page signed out."""
    from engagement import services, voice_services
    from engagement.tests.factories import appeal, mediation
    from engagement.tests.survey_factories import training_pair

    census, child, manager, secret = build_area()
    made_mediation = mediation(child, requested_on=date(census.year - 1, 6, 2))
    made_appeal = appeal(child, registered_on=date(census.year - 1, 8, 1))
    complaint = services.record_complaint(
        None, None, complainant="Sara Hussain", summary="<b>No</b> reply", received_on=dates.today()
    )
    pair = training_pair()
    theme = voice_services.add_theme(
        None, None, source="survey", you_said="Slow replies", we_did="Reply targets", heard_on=dates.today(),
        published=True,
    )  # fmt: skip
    session = voice_services.record_session(None, None, held_on=dates.today(), topic="Clubs", attendance=3)
    proposal = voice_services.add_proposal(None, None, session, "Longer holiday clubs")
    voice_services.decide_proposal(None, None, proposal, 1, outcome="agreed", decided_on=dates.today())

    visit(page, live_server, "/voice/you-said-we-did/")  # signed out
    expect(page.locator("main")).to_contain_text("Reply targets")
    expect(page.locator("main")).to_contain_text("Young people who came: fewer than 5")
    sign_in(page, live_server, manager.username, PASSWORD, secret)
    for path in (
        f"/disagreements/mediation/{made_mediation.public_id}/edit/",
        f"/disagreements/appeals/{made_appeal.public_id}/edit/",
        f"/disagreements/complaints/{complaint.public_id}/edit/",
        "/disagreements/complaints/new/",
        "/surveys/training/new/",
        f"/surveys/training/{pair.public_id}/",
        f"/surveys/{pair.after.public_id}/results/?published=1",
        "/voice/themes/",
        "/voice/themes/new/",
        f"/voice/themes/{theme.public_id}/edit/",
        "/voice/youth-forum/",
        "/voice/youth-forum/sessions/new/",
        f"/voice/youth-forum/sessions/{session.public_id}/proposals/new/",
        f"/voice/youth-forum/proposals/{proposal.public_id}/outcome/",
    ):
        visit(page, live_server, path)
    # An error page too: the complaint form sent empty.
    visit(page, live_server, "/disagreements/complaints/new/")
    follow(page, page.get_by_role("button", name="Record the complaint"))
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter who made the complaint")


@pytest.mark.usefixtures("worker")
def test_sending_to_many_families_comes_back_at_once_and_shows_progress(page, live_server, tmp_path):
    """With a real worker: the send button's page comes back before the invitations have gone,
    with a progress bar that runs to the end, then says how many were sent."""
    from e2e.test_background_jobs import came_back_unfinished, expect_finished_in_place, expect_progress_bar
    from engagement.models import Invitation
    from engagement.tests.survey_factories import survey
    from people.models import ParentCarer

    census, child, manager, secret = build_area()
    ParentCarerFactory.create_batch(150, contact_preference="letter")
    # Most by post, some by email: the worker (another process) writes its email to files.
    ParentCarer.objects.update(contact_preference="letter")
    emailed = list(ParentCarer.objects.order_by("pk").values_list("pk", flat=True)[:5])
    ParentCarer.objects.filter(pk__in=emailed).update(contact_preference="email")
    made = survey(title="Short breaks")
    sign_in(page, live_server, manager.username, PASSWORD, secret)
    visit(page, live_server, f"/surveys/{made.public_id}/")
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name="Send invitations").click()
    came_back_unfinished(navigation.value)
    axe_check(page)
    expect(heading(page)).to_have_text("Send survey invitations")
    expect_progress_bar(page)
    expect_finished_in_place(page)
    expect(page.locator("#send-summary")).to_have_text("Invitations sent: 151.")
    assert Invitation.objects.filter(survey=made).count() == 151
    sent_mail = [path.read_text() for path in (tmp_path / "mail").iterdir()]
    assert sum(text.count("Subject:") for text in sent_mail) == 5
    follow(page, page.get_by_role("link", name="Back to the survey"))
    expect(heading(page)).to_have_text("Short breaks")
