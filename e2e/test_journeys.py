"""End-to-end journeys in Chromium against the live server, with axe-core on every page.

Each journey builds its own area (people/tests/factories.py) and signs in through the real forms,
second factor included. Run: `pytest -q e2e` (SQLite) or `scripts/with-postgres.sh pytest -q e2e`.
"""

import csv
import io
import time
from datetime import date

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from accounts.two_factor import secret_base32
from audit.models import Action, AuditEvent
from e2e.pages import (
    PASSWORD,
    enter_security_code,
    error_messages,
    error_summary,
    fill_password_step,
    focused_id,
    follow,
    heading,
    open_nav,
    sign_in,
    sign_out,
    totp_code,
    visit,
    wrong_code,
)
from people.models import Child, Setting
from people.tests.factories import ChildFactory, build_area
from people.validators import upn_check_letter

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("transactional_db")]

# A fixed authenticator key (hex, as django-otp stores it) for staff whose 2FA is already set up.
KNOWN_KEY = "3132333435363738393031323334353637383930"


def with_password(user):
    user.set_password(PASSWORD)
    user.save()
    return user


def with_authenticator(user) -> str:
    """Give `user` a confirmed TOTP device with a known key; return the base32 secret."""
    device = TOTPDevice.objects.create(user=user, name="Phone", confirmed=True, key=KNOWN_KEY)
    return secret_base32(device)


def staff(area, persona) -> tuple[str, str]:
    """(username, base32 secret) of a staff persona with a password and an authenticator."""
    user = with_password(area.users[persona])
    return user.username, with_authenticator(user)


def table_names(page: Page) -> list[str]:
    return page.locator("table.govuk-table tbody a").all_inner_texts()


def summary_value(page: Page, key: str) -> str:
    row = page.locator(".govuk-summary-list__row").filter(
        has=page.locator(".govuk-summary-list__key", has_text=key))
    return row.locator(".govuk-summary-list__value").inner_text().strip()


def search_children(page: Page, terms: str) -> None:
    page.get_by_label("Search by name, UPN, NHS number or date of birth").fill(terms)
    follow(page, page.get_by_role("button", name="Search", exact=True))


def assert_no_personal_data_in_url(page: Page, *values: str) -> None:
    url = page.url.lower()
    for value in values:
        assert value.lower() not in url, f"{value!r} appears in the URL {page.url}"


# 1 ------------------------------------------------------------------------------------------


def test_a_new_caseworker_sets_up_two_factor_then_signs_in_again_with_a_code(page, live_server):
    area = build_area()
    ChildFactory.create_batch(3, sen_provision="K")  # some children on SEN support, too
    caseworker = with_password(area.users["caseworker"])
    assert not TOTPDevice.objects.filter(user=caseworker).exists()

    fill_password_step(page, live_server, caseworker.username, PASSWORD)
    expect(heading(page)).to_have_text("Set up two-factor sign-in")
    assert "/accounts/two-factor/set-up/" in page.url
    expect(page.get_by_role("navigation", name="Menu")).to_have_count(0)  # nothing else yet
    secret = page.get_by_test_id("totp-secret").inner_text().strip()
    assert secret == secret_base32(TOTPDevice.objects.get(user=caseworker, confirmed=False))

    page.get_by_label("Security code").fill(totp_code(secret))
    follow(page, page.get_by_role("button", name="Continue"))
    assert page.url == live_server.url + "/home/"
    expect(heading(page)).to_have_text(f"Hello, {caseworker.first_name}")
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "Two-factor sign-in is set up")
    assert TOTPDevice.objects.get(user=caseworker).confirmed
    figures = {
        "1": Child.objects.filter(sen_provision="E").count(),
        "2": Child.objects.filter(sen_provision="K").count(),
        "3": Setting.objects.filter(is_open=True).count(),
    }
    assert figures == {"1": 3, "2": 3, "3": 5}
    for number, count in figures.items():
        expect(page.locator(f'[data-figure="{number}"]')).to_have_text(str(count))
    assert AuditEvent.objects.filter(action=Action.TWO_FACTOR_SET_UP, actor=caseworker).exists()

    sign_out(page)
    fill_password_step(page, live_server, caseworker.username, PASSWORD)
    expect(heading(page)).to_have_text("Enter your security code")

    enter_security_code(page, wrong_code(secret))
    expect(heading(page)).to_have_text("Enter your security code")
    expect(error_summary(page)).to_be_visible()
    expect(error_summary(page)).to_contain_text("There is a problem")
    expect(page).to_have_title("Error: Enter your security code - SEND services")
    assert error_messages(page) == [
        "The security code is not right or has expired. Enter the code now shown in your app"]
    expect(page.locator("#id_code-error")).to_contain_text("The security code is not right")
    # GOV.UK Frontend moves focus to the error summary so screen readers announce it.
    assert page.evaluate(
        "() => !!document.activeElement.closest('.govuk-error-summary')"), focused_id(page)

    time.sleep(1.1)  # django-otp refuses any code for 1s after a wrong one
    # The code from setting up was used this 30-second step: an app would now show the next.
    enter_security_code(page, totp_code(secret, steps_ahead=1))
    assert page.url == live_server.url + "/home/"
    expect(heading(page)).to_have_text(f"Hello, {caseworker.first_name}")
    expect(page.get_by_role("navigation", name="Menu").get_by_role("link", name="Casework")) \
        .to_be_visible()


# 2 ------------------------------------------------------------------------------------------


def test_a_caseworker_finds_a_child_four_ways_and_opens_the_record(page, live_server):
    area = build_area()
    jacob, amira = area.other_child, area.own_child
    username, secret = staff(area, "caseworker")
    sign_in(page, live_server, username, PASSWORD, secret)
    open_nav(page, "Children")
    expect(heading(page)).to_have_text("Children and young people")

    searches = {
        "UPN": jacob.upn,
        "NHS number": f"{jacob.nhs_number[:3]} {jacob.nhs_number[3:6]} {jacob.nhs_number[6:]}",
        "date of birth": jacob.date_of_birth.strftime("%-d/%-m/%Y"),
    }
    for kind, terms in searches.items():
        search_children(page, terms)
        assert table_names(page) == ["Walsh, Jacob"], kind
        expect(page.locator("#result-count")).to_have_text("1 child found")
        assert_no_personal_data_in_url(page, terms, terms.replace(" ", ""), jacob.upn,
                                       jacob.nhs_number, jacob.date_of_birth.isoformat())
        expect(page.get_by_label("Search by name, UPN, NHS number or date of birth")) \
            .to_have_value(terms)

    search_children(page, "Amira Hussain")
    assert table_names(page) == ["Hussain, Amira"]
    assert_no_personal_data_in_url(page, "amira", "hussain", "Amira+Hussain")
    assert "?s=" in page.url  # the words are kept in the session, under a random key
    assert AuditEvent.objects.filter(action=Action.SEARCH, actor__username=username).count() == 4

    follow(page, page.get_by_role("link", name="Hussain, Amira"))
    assert page.url == f"{live_server.url}/children/{amira.public_id}/"
    expect(heading(page)).to_have_text("Amira Hussain")
    assert summary_value(page, "Year group") == amira.year_group_label()
    assert summary_value(page, "Key stage") == amira.key_stage_label()
    assert summary_value(page, "Current school or setting").startswith("Alder Lane Primary School")
    parents = page.locator("table.govuk-table", has=page.locator("caption",
                                                                has_text="Parents and carers"))
    expect(parents.locator("tbody tr")).to_have_count(1)
    expect(parents.locator("tbody tr")).to_contain_text("Sara Hussain")
    expect(parents.locator("tbody tr")).to_contain_text("Mother")
    assert AuditEvent.objects.filter(action=Action.VIEW, child=amira,
                                     actor__username=username).exists()

    follow(page, page.get_by_role("link", name="See the change history"))
    assert page.url == f"{live_server.url}/children/{amira.public_id}/history/"
    expect(heading(page)).to_have_text("Change history")
    expect(page.locator(".govuk-caption-l")).to_have_text("Amira Hussain")
    expect(page.get_by_role("heading", level=2).first).to_contain_text("Created on")
    follow(page, page.get_by_role("link", name="Back to the record"))
    expect(heading(page)).to_have_text("Amira Hussain")


# 3 ------------------------------------------------------------------------------------------


def fill_child(page: Page, *, first: str, last: str, born: date, upn: str = "") -> None:
    page.get_by_label("First name (legal)").fill(first)
    page.get_by_label("Last name (legal)").fill(last)
    page.locator("#id_date_of_birth_day").fill(str(born.day))
    page.locator("#id_date_of_birth_month").fill(str(born.month))
    page.locator("#id_date_of_birth_year").fill(str(born.year))
    page.get_by_label("Unique pupil number (UPN)").fill(upn)


def test_a_caseworker_adds_a_record_fixing_errors_and_is_warned_of_a_duplicate(page, live_server):
    area = build_area()
    username, secret = staff(area, "caseworker")
    sign_in(page, live_server, username, PASSWORD, secret)
    open_nav(page, "Children")
    follow(page, page.get_by_role("button", name="Add a child's record"))
    expect(heading(page)).to_have_text("Add a child's record")

    good_upn = upn_check_letter("801200005001") + "801200005001"
    bad_upn = ("C" if good_upn[0] != "C" else "D") + good_upn[1:]
    next_year = date.today().year + 1
    fill_child(page, first="Maya", last="Okafor", born=date(next_year, 3, 27), upn=bad_upn)
    follow(page, page.get_by_role("button", name="Add record"))
    expect(heading(page)).to_have_text("Add a child's record")
    expect(page).to_have_title("Error: Add a child's record - SEND services")
    assert error_messages(page) == [
        "Date of birth must be today or in the past",
        "Enter a valid UPN: the check letter does not match the rest of the number",
    ]
    expect(page.locator("#id_upn-error")).to_contain_text("the check letter does not match")
    expect(page.locator("#id_upn")).to_have_attribute("aria-describedby", "id_upn-hint id_upn-error")
    expect(page.locator("#id_date_of_birth_day")).to_have_value("27")  # what was typed is kept

    summary = error_summary(page)
    summary.get_by_role("link", name="Date of birth must be today or in the past").click()
    expect(page.locator("#id_date_of_birth_day")).to_be_focused()
    summary.get_by_role("link", name="Enter a valid UPN").click()
    expect(page.locator("#id_upn")).to_be_focused()
    assert not Child.objects.filter(legal_last_name="Okafor").exists()

    fill_child(page, first="Maya", last="Okafor", born=date(2016, 3, 27), upn=good_upn)
    follow(page, page.get_by_role("button", name="Add record"))
    child = Child.objects.get(legal_last_name="Okafor")
    assert page.url == f"{live_server.url}/children/{child.public_id}/"
    expect(heading(page)).to_have_text("Maya Okafor")
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "Record created for Maya Okafor")
    assert summary_value(page, "UPN") == good_upn
    assert child.created_by.username == username

    open_nav(page, "Children")
    follow(page, page.get_by_role("button", name="Add a child's record"))
    fill_child(page, first="maya", last="OKAFOR", born=date(2016, 3, 27))
    follow(page, page.get_by_role("button", name="Add record"))
    expect(page.locator(".govuk-warning-text")).to_contain_text(
        "This may be a child we already know")
    expect(page).to_have_title("Add a child's record - SEND services")
    expect(page.locator("#possible-duplicates li")).to_have_count(1)
    expect(page.locator("#possible-duplicates")).to_contain_text("Maya Okafor, born 27 March 2016")
    expect(page.get_by_label("I have checked: this is a different child")).not_to_be_checked()
    assert Child.objects.filter(legal_last_name__iexact="okafor").count() == 1


# 4 ------------------------------------------------------------------------------------------


def parent_tries_another_childs_record(page: Page, live_server, area) -> None:
    parent = with_password(area.users["parent"])
    sign_in(page, live_server, parent.username, PASSWORD)
    assert page.url == live_server.url + "/home/"
    visit(page, live_server, f"/children/{area.other_child.public_id}/", status=404)
    expect(heading(page)).to_have_text("Page not found")
    expect(page.locator("main")).not_to_contain_text("Jacob")


def test_a_parent_sees_only_their_own_child(page, live_server):
    area = build_area()
    parent = with_password(area.users["parent"])
    sign_in(page, live_server, parent.username, PASSWORD)
    assert page.url == live_server.url + "/home/"
    expect(heading(page)).to_have_text(f"Hello, {parent.first_name}")
    expect(page.get_by_role("heading", name="Your child", exact=True)).to_be_visible()
    # One block a child on the family home page (issue 21), each with its plan summary if any.
    children = page.locator('main [id^="family-child-"]')
    expect(children).to_have_count(1)
    expect(children).to_contain_text("Amira Hussain")
    expect(page.locator("main")).not_to_contain_text("Jacob Walsh")
    menu = page.get_by_role("navigation", name="Menu").get_by_role("link")
    # A family's own pages only: nothing of the area team's.
    assert menu.all_inner_texts() == ["Home", "Your children", "Ask for an assessment", "Messages"]

    follow(page, page.get_by_role("link", name="Amira Hussain"))
    expect(heading(page)).to_have_text("Amira Hussain")
    expect(page.get_by_role("button", name="Change details")).to_have_count(0)

    visit(page, live_server, f"/children/{area.other_child.public_id}/", status=404)
    expect(heading(page)).to_have_text("Page not found")
    expect(page.locator("main")).not_to_contain_text("Jacob")
    assert AuditEvent.objects.filter(action=Action.DENIED, child=area.other_child,
                                     actor=parent).exists()
    assert not AuditEvent.objects.filter(action=Action.VIEW, child=area.other_child).exists()


# 5 ------------------------------------------------------------------------------------------


def test_a_manager_finds_the_refused_attempt_in_the_audit_log_and_exports_it(new_page,
                                                                              live_server):
    area = build_area()
    parent_tries_another_childs_record(new_page(), live_server, area)
    parent = area.users["parent"]
    refused = AuditEvent.objects.get(action=Action.DENIED)

    page = new_page()
    username, secret = staff(area, "manager")
    sign_in(page, live_server, username, PASSWORD, secret)
    expect(page.locator('[data-figure="4"]')).to_have_text("1")  # refused attempts this week
    open_nav(page, "Audit log")
    expect(heading(page)).to_have_text("Audit log")
    page.get_by_label("Action").select_option(label="Access refused")
    follow(page, page.get_by_role("button", name="Apply filters"))
    assert "action=denied" in page.url
    expect(page.get_by_label("Action")).to_have_value("denied")
    rows = page.locator("#audit-table tbody tr")
    expect(rows).to_have_count(1)
    expect(rows).to_contain_text(str(parent))
    expect(rows).to_contain_text("Access refused")
    expect(rows).to_contain_text("Jacob Walsh")
    expect(rows).to_contain_text("Refused: people.view_child")

    # The export runs on the job queue (issue 22): its page ends with the file.
    follow(page, page.get_by_role("link", name="CSV file of audit log entries"))
    expect(heading(page)).to_have_text("Export the audit log")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download audit-log.csv").click()
    download = download_info.value
    assert download.suggested_filename == "audit-log.csv"
    with open(download.path(), encoding="utf-8", newline="") as file:
        table = list(csv.reader(io.StringIO(file.read())))
    assert table[0] == ["When", "Who", "Role", "Action", "Child record ID", "What",
                        "From address"]
    assert table[1:] == [[
        table[1][0], str(parent), "parent", "Access refused", str(area.other_child.public_id),
        "Refused: people.view_child", refused.ip_address or "",
    ]]
    assert AuditEvent.objects.filter(action=Action.EXPORT, actor__username=username).exists()


# 6 ------------------------------------------------------------------------------------------


def active(page: Page) -> dict:
    return page.evaluate("""() => {
        const el = document.activeElement;
        return {tag: el.tagName.toLowerCase(), id: el.id, text: el.textContent.trim(),
                cls: el.className};
    }""")


def pick(element: dict, like: dict) -> dict:
    return {key: element[key] for key in like}


def test_the_sign_in_form_works_from_the_keyboard(page, live_server, axe):
    area = build_area()
    parent = with_password(area.users["parent"])
    visit(page, live_server, "/accounts/sign-in/")

    skip_link = {"tag": "a", "text": "Skip to main content"}
    if active(page)["tag"] == "body":
        page.keyboard.press("Tab")
    else:
        # Django's sign-in form autofocuses the username (see the report): walk back to the top.
        for _ in range(10):
            if pick(active(page), skip_link) == skip_link:
                break
            page.keyboard.press("Shift+Tab")
    assert pick(active(page), skip_link) == skip_link, active(page)
    assert "govuk-skip-link" in active(page)["cls"]
    page.keyboard.press("Shift+Tab")  # nothing in the page comes before the skip link
    assert active(page)["tag"] == "body", active(page)
    page.keyboard.press("Tab")
    assert pick(active(page), skip_link) == skip_link, active(page)

    reached = []
    for _ in range(10):
        page.keyboard.press("Tab")
        reached.append(active(page))
        if reached[-1]["id"] in ("id_username", "id_password") or reached[-1]["tag"] == "button":
            break
    assert reached[-1]["id"] == "id_username", reached
    page.keyboard.type(parent.username)
    page.keyboard.press("Tab")
    assert active(page)["id"] == "id_password"
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Tab")
    button = active(page)
    assert (button["tag"], button["text"]) == ("button", "Sign in"), button

    with page.expect_navigation():
        page.keyboard.press("Enter")
    axe(page)
    assert page.url == live_server.url + "/home/"
    expect(heading(page)).to_have_text(f"Hello, {parent.first_name}")

    # The skip link takes keyboard users past the header to the page's content.
    page.keyboard.press("Tab")
    assert active(page)["text"] == "Skip to main content"
    page.keyboard.press("Enter")
    assert active(page)["id"] == "main-content"
