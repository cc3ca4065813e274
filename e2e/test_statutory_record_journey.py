"""One statutory record (issue 19), in the browser with axe-core on every page.

A caseworker takes a new request to a final plan through the case page alone: issuing on day 10
of the family's 15 days is refused with the date it becomes possible, then the plan is issued. A
manager finds the child in the SEN2 return and in Annex A List 1 (the plan record was made by the
case page's door). An annual review's amended plan is then issued from the plan page, and the
review closes. Dates are typed for the year the latest SEN2 census covers, so the plan is in it.
"""

import csv
import re
from datetime import date, timedelta

import pytest
from playwright.sync_api import Page, expect

from accounts.roles import Role
from casework.tests.factories import open_case
from e2e.casework_pages import (
    banner,
    fill_date,
    london_today,
    long_date,
    stage,
    start_action,
    with_authenticator,
)
from e2e.pages import PASSWORD, follow, heading, open_nav, sign_in, visit
from e2e.pages import check_page as axe_check
from people.models import ChildRelationship
from people.tests.factories import ChildFactory, ParentCarerFactory, SettingFactory, UserFactory
from performance.returns.sen2 import default_census_date
from plans.models import EHCPlan
from plans.tests.factories import issued_plan
from reviews.models import AnnualReview
from reviews.tests.factories import decided, held, reported, scheduled

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("transactional_db")]


def build_people():
    school = SettingFactory(name="Alder Lane Primary School", urn=100001)
    child = ChildFactory(
        setting=school, legal_first_name="Amira", legal_last_name="Hussain", sen_provision="K"
    )
    parent = ParentCarerFactory(first_name="Sara", last_name="Hussain")
    ChildRelationship.objects.create(child=child, parent_carer=parent, relationship="mother", verified=True)
    caseworker = UserFactory(
        username="caseworker", first_name="Chloe", last_name="Adams", role=Role.CASEWORKER
    )
    manager = UserFactory(username="manager", first_name="Mo", last_name="Khan", role=Role.MANAGER)
    secrets = {"caseworker": with_authenticator(caseworker), "manager": with_authenticator(manager)}
    return child, caseworker, manager, secrets


def save(page: Page) -> None:
    follow(page, page.get_by_role("button", name="Save"))


def download(page: Page, link_name, tmp_path, filename: str):
    with page.expect_download() as info:
        page.get_by_role("link", name=link_name).click()
    path = tmp_path / filename
    info.value.save_as(path)
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_a_request_reaches_a_final_plan_on_the_case_page_and_every_return_sees_it(
    new_page, live_server, tmp_path
):
    child, caseworker, manager, secrets = build_people()
    year = default_census_date(london_today()).year - 1  # the period the latest census covers
    case = open_case(child, date(year, 6, 1), caseworker=caseworker)
    served, day_10 = date(year, 9, 14), date(year, 9, 23)
    last_day, allowed = date(year, 9, 28), date(year, 9, 29)

    cw = new_page()
    sign_in(cw, live_server, caseworker.username, PASSWORD, secrets["caseworker"])
    visit(cw, live_server, f"/cases/{case.public_id}/")
    assert stage(cw) == "Request received"

    start_action(cw, "Decide whether to assess")
    cw.get_by_label("Assess: ask for advice").check()
    fill_date(cw, "id_on", date(year, 7, 6))
    save(cw)
    expect(banner(cw)).to_contain_text(f"Decided to assess on {long_date(date(year, 7, 6))}")
    # The decision made on the case page has its letter, like a panel's.
    expect(cw.locator("main")).to_contain_text("Decision letter: decided to assess")

    start_action(cw, "Ask for advice")
    cw.get_by_label("Educational psychologist").check()
    fill_date(cw, "id_on", date(year, 7, 13))
    save(cw)
    follow(cw, cw.get_by_role("link", name="Record advice received from educational psychologist"))
    fill_date(cw, "id_on", date(year, 8, 10))
    save(cw)

    start_action(cw, "Decide whether to issue a plan")
    cw.get_by_label("Issue a plan: write the draft").check()
    fill_date(cw, "id_on", date(year, 9, 7))
    save(cw)

    start_action(cw, "Record that the draft plan was sent")
    fill_date(cw, "id_on", served)
    save(cw)
    assert stage(cw) == "Draft with the family and settings"
    # Sending the draft on the case page sent the plan's own draft: the case links to it.
    expect(cw.locator("#plan-link")).to_contain_text("Open the EHC plan")

    # Day 10 of the family's 15: refused, naming the rule and the first day it is allowed.
    start_action(cw, "Issue the final plan")
    fill_date(cw, "id_on", day_10)
    save(cw)
    summary = cw.locator(".govuk-error-summary")
    expect(summary).to_contain_text(
        f"The family has until {long_date(last_day)} to comment on the draft plan"
    )
    expect(summary).to_contain_text("regulation 13(1)")
    expect(summary).to_contain_text(f"issue the plan from {long_date(allowed)}")
    assert not EHCPlan.objects.filter(child=child, first_issued_on__isnull=False).exists()

    # The allowed day, saved by keyboard.
    fill_date(cw, "id_on", allowed)
    button = cw.get_by_role("button", name="Save")
    button.focus()
    with cw.expect_navigation():
        cw.keyboard.press("Enter")
    axe_check(cw)
    expect(banner(cw)).to_contain_text(f"Final plan issued on {long_date(allowed)}")
    assert stage(cw) == "Final plan issued"
    plan = EHCPlan.objects.get(child=child)
    assert plan.first_issued_on == allowed and plan.latest_issued.case_id == case.pk

    # The manager's returns see the plan the case page made.
    mg = new_page()
    sign_in(mg, live_server, manager.username, PASSWORD, secrets["manager"])
    open_nav(mg, "Statutory returns")
    expect(heading(mg)).to_have_text("SEN2 return")
    rows = download(mg, "SEN2 return as a spreadsheet (CSV)", tmp_path, "sen2.csv")
    amira = [r for r in rows if r["Surname"] == "Hussain" and r["Forename"] == "Amira"]
    assert amira and amira[0]["StartDate"] and amira[0]["RequestOutcome"] == "Y", amira
    follow(mg, mg.get_by_role("link", name="Ofsted Annex A lists"))
    expect(heading(mg)).to_have_text("Ofsted Annex A lists")
    # Annex A is exported on the job queue: the link goes to the job's page, which ends with the file.
    follow(mg, mg.get_by_role("link", name="List 1 as CSV"))
    expect(mg.locator("#job-status-tag")).to_have_text("Finished")
    listed = download(mg, re.compile(r"^Download annex-a-list-1-"), tmp_path, "list1.csv")
    assert [r for r in listed if r["Unique ID"] == str(child.public_id)]


def test_an_annual_reviews_amended_plan_issued_on_the_plan_page_closes_the_review(new_page, live_server):
    child, caseworker, manager, secrets = build_people()
    today = london_today()
    plan, _ = issued_plan(child, caseworker)  # issued 27 July 2026: its first review cycle starts
    review = AnnualReview.objects.get(plan=plan)
    scheduled(review, meeting_on=today - timedelta(days=40), invited_on=today - timedelta(days=70))
    held(review, on=today - timedelta(days=40))
    reported(review, on=today - timedelta(days=35))
    decided(review, "amend", on=today - timedelta(days=30))
    review.refresh_from_db()
    draft = review.amendment

    cw = new_page()
    sign_in(cw, live_server, caseworker.username, PASSWORD, secrets["caseworker"])
    visit(cw, live_server, f"/plans/{plan.public_id}/versions/{draft.number}/")
    expect(cw.locator("#owner-note")).to_contain_text(f"annual review {review.reference}")
    follow(
        cw, cw.locator("#actions").get_by_role("button", name="Record that the draft was sent to the family")
    )
    fill_date(cw, "id_on", today - timedelta(days=20))
    save(cw)
    expect(banner(cw)).to_contain_text("Recorded that the draft was sent to the family")
    follow(cw, cw.locator("#actions").get_by_role("button", name="Issue the plan"))
    expect(heading(cw)).to_have_text("Issue the plan")
    follow(cw, cw.get_by_role("button", name="Issue the plan"))
    expect(banner(cw)).to_contain_text("Plan issued")
    expect(cw.locator("#status")).to_have_text("Amended plan")

    visit(cw, live_server, f"/reviews/{review.public_id}/")
    expect(cw.locator("#stage")).to_have_text("Review complete")
    review.refresh_from_db()
    assert review.closed_on == today
