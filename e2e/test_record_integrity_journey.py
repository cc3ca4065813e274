"""One statutory record (issue 19), in the browser with axe-core on every page.

A case is withdrawn while its educational psychologist's advice is overdue: the request leaves
the EP's overdue list, and the advice page says it is no longer needed. A SENCo sends a second
request for a pupil whose case is still open: it lands on that case, and the caseworker sees both
requests on the one case page. A manager finds the record integrity report in the menu and opens
a finding's page by keyboard alone.
"""

from datetime import timedelta

import pytest
from playwright.sync_api import Page, expect

from accounts.roles import ProfessionalType, Role
from casework import services
from casework.models import AssessmentCase
from casework.tests.factories import case_at, open_case
from clock.case_events import EventKind as K
from e2e.casework_pages import banner, london_today, with_authenticator
from e2e.pages import PASSWORD, check_page, follow, heading, open_nav, sign_in, visit
from people.models import SchoolMembership
from people.tests.factories import ChildFactory, SettingFactory, UserFactory
from portal.tests.url_matrix_requests import answered_draft

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("transactional_db")]


def staff(username, first, role, **extra):
    user = UserFactory(username=username, first_name=first, last_name="Tester", role=role, **extra)
    return user, with_authenticator(user)


def sign_in_staff(page: Page, live_server, user, secret):
    sign_in(page, live_server, user.username, PASSWORD, secret)
    expect(heading(page)).to_have_text(f"Hello, {user.first_name}")


def press_tab_until(page: Page, predicate_js: str, limit: int = 80) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"() => {{ const el = document.activeElement; return !!el && ({predicate_js}); }}"):
            return
    raise AssertionError(f"Tab never reached an element where {predicate_js}")


def test_a_withdrawn_cases_advice_leaves_the_eps_overdue_list(new_page, live_server):
    today = london_today()
    ep_type = ProfessionalType.EDUCATIONAL_PSYCHOLOGIST
    ep, secret = staff("ep", "Priya", Role.PROFESSIONAL, professional_type=ep_type)
    child = ChildFactory(legal_first_name="Amira", legal_last_name="Hussain", sen_provision="K")
    # Received 12 weeks ago, the EP asked 11 weeks ago: the advice is 5 weeks overdue.
    case = case_at(child, "assessing", received_on=today - timedelta(days=84), ep=ep)
    advice = case.advice_requests.get()

    page = new_page()
    sign_in_staff(page, live_server, ep, secret)
    open_nav(page, "Your work")
    expect(page.locator("#count-overdue")).to_have_text("1")
    expect(page.locator("#advice-overdue tbody tr")).to_contain_text(case.reference)

    services.record_event(None, case, K.WITHDRAWN, today)  # the family withdrew the request
    open_nav(page, "Your work")
    expect(page.locator("#count-overdue")).to_have_text("0")
    expect(page.locator("main")).not_to_contain_text(case.reference)
    visit(page, live_server, f"/cases/advice/{advice.public_id}/")
    expect(page.locator("#advice-closed")).to_contain_text("This advice is no longer needed")
    expect(page.get_by_role("button", name="Send advice")).to_have_count(0)


def test_a_second_senco_request_lands_on_the_open_case(new_page, live_server):
    today = london_today()
    school = SettingFactory(name="Alder Lane Primary School")
    pupil = ChildFactory(legal_first_name="Leo", legal_last_name="Young", setting=school, sen_provision="K")
    senco, senco_secret = staff("senco", "Sam", Role.PROFESSIONAL, professional_type=ProfessionalType.SENCO)
    SchoolMembership.objects.create(setting=school, user=senco)
    first = open_case(pupil, today - timedelta(days=10))
    draft = answered_draft(senco, pupil, why_now="Asked again: the first request was sent by a colleague.")

    sc = new_page()
    sign_in_staff(sc, live_server, senco, senco_secret)
    visit(sc, live_server, f"/portal/request-an-assessment/{draft.public_id}/check/")
    expect(heading(sc)).to_have_text("Check your answers before sending your request")
    sc.get_by_label("I confirm that the information I have given is true, as far as I know").check()
    follow(sc, sc.get_by_role("button", name="Send the request"))
    expect(heading(sc)).to_have_text("Request sent")
    told = f"There was already an open request for this child ({first.reference})"
    expect(banner(sc)).to_contain_text(told)
    expect(sc.locator("[data-reference]")).to_have_text(first.reference)
    assert AssessmentCase.objects.filter(child=pupil).count() == 1

    caseworker, secret = staff("caseworker", "Chris", Role.CASEWORKER)
    cw = new_page()
    sign_in_staff(cw, live_server, caseworker, secret)
    visit(cw, live_server, f"/cases/{first.public_id}/")
    expect(cw.locator("#later-requests")).to_contain_text("Other requests for Leo Young")
    expect(cw.locator("main")).to_contain_text("Asked again: the first request was sent by a colleague.")


def test_a_manager_opens_the_record_integrity_report_and_a_finding_by_keyboard(new_page, live_server):
    manager, secret = staff("manager", "Maya", Role.MANAGER)
    marked = ChildFactory(legal_first_name="Noor", legal_last_name="Planless", sen_provision="E")

    page = new_page()
    sign_in_staff(page, live_server, manager, secret)
    open_nav(page, "Record integrity")
    expect(heading(page)).to_have_text("Record integrity")
    summary = page.locator("#integrity-summary")
    expect(summary).to_contain_text("Children recorded as having an EHC plan, with no plan")
    expect(page.locator("main")).to_contain_text("Noor Planless")

    press_tab_until(page, "el.textContent.includes(\"Open the child's record: Noor Planless\")")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    check_page(page)
    expect(heading(page)).to_contain_text("Noor Planless")
    assert page.url.endswith(f"/children/{marked.public_id}/")
