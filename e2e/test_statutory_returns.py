"""The SEN2 return and Ofsted's Annex A lists, in the browser, with axe-core on every page.

A manager opens the SEN2 return for the latest census from the menu and sees its checks: a child
with a plan and no UPN, ULN or reason is an error. The manager follows the link to fix it (by
keyboard), records the reason the UPN is unknown, comes back and sees the return pass. The XML is
downloaded and checked against STATUTORY_RULES.md ("The DfE SEN2 return": the code lists are typed
out here, not taken from the app), then the CSV; then Annex A List 1 and List 2 as XLSX (read back
with openpyxl: Ofsted's exact headings, DD/MM/YYYY dates) and as CSV.
"""

import csv
import re
from datetime import date, datetime

import pytest
from lxml import etree
from openpyxl import load_workbook
from playwright.sync_api import expect

from accounts.roles import Role
from clock.case_events import EventKind as K
from e2e.casework_pages import with_authenticator
from e2e.pages import PASSWORD, follow, heading, open_nav, sign_in
from e2e.pages import check_page as axe_check
from people.tests.factories import ChildFactory, SettingFactory, UserFactory
from performance.returns.sen2 import default_census_date
from performance.tests.returns_builders import direct_case
from plans.models import EHCPlan

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("transactional_db")]

# STATUTORY_RULES.md, "The DfE SEN2 return".
REQUEST_SOURCES = {"1", "2", "3", "4", "5"}
REQUEST_OUTCOMES = {"Y", "N", "A", "W", "H"}
UPN_UNKNOWN = {f"UN{n}" for n in range(1, 11)}
SETTING_CODES = {"OLA", "OPA", "EHE", "EYP", "OTH", "NEET", "NIEC", "NIEO"}
SEN_TYPES = {"SPLD", "MLD", "SLD", "PMLD", "SEMH", "SLCN", "HI", "VI", "MSI", "PD", "ASD", "DS", "OTH"}
CEASE_REASONS = {str(n) for n in range(1, 10)}
REVIEW_OUTCOMES = {"A", "C", "M"}
LIST_1 = [
    "Unique ID", "UPN", "ULN", "Date of birth", "Gender", "Ethnicity", "Date initial EHC plan issued",
    "Date updated EHC plan issued", "Date EHC plan last reviewed", "SEN primary need",
    "Main education establishment \u2013 URN", "Main education establishment \u2013 phase",
    "Subsidiary education establishment \u2013 phase (dual registration)", "Elective home education",
    "Suspensions", "Permanent exclusions", "Absence", "Pupil Premium", "Known to children's social care?",
    "Which children's social care team?", "Does the child or young person have a disability?",
]  # fmt: skip
NOT_ON_LIST_2 = {
    "Date initial EHC plan issued", "Date updated EHC plan issued", "Date EHC plan last reviewed",
    "Elective home education",
}  # fmt: skip


def build_area():
    """A year of the census's period: a plan issued, a request refused, one waiting, a plan ended,
    and a child with a plan and no UPN, ULN or reason (the error to fix)."""
    census = default_census_date()
    year = census.year - 1
    school = SettingFactory(name="Alder Lane Primary School", urn=100001)
    issued = ChildFactory(
        setting=school,
        legal_first_name="Amira",
        legal_last_name="Hussain",
        ethnicity="APKN",
        postcode="BF1 2AB",
        primary_need="SLCN",
    )
    case = direct_case(
        issued, date(year, 2, 2),
        (K.DECIDED_TO_ASSESS, date(year, 3, 9)), (K.DECIDED_TO_ISSUE, date(year, 5, 18)),
        (K.DRAFT_SERVED, date(year, 5, 25)), (K.FINAL_ISSUED, date(year, 6, 15)),
    )  # fmt: skip
    EHCPlan.objects.create(child=issued, case=case, first_issued_on=date(year, 6, 15))
    refused = ChildFactory(setting=school, ethnicity="WBRI", postcode="BF2 3CD", sen_provision="K")
    direct_case(refused, date(year, 4, 7), (K.DECIDED_NOT_TO_ASSESS, date(year, 5, 12)))
    waiting = ChildFactory(setting=school, ethnicity="WBRI", postcode="BF2 3CE", sen_provision="K")
    direct_case(waiting, date(year, 12, 1))
    ended = ChildFactory(setting=school, ethnicity="MWBA", postcode="BF3 1AA", date_of_birth=date(2006, 2, 2))
    EHCPlan.objects.create(
        child=ended, first_issued_on=date(2019, 9, 2), ceased_on=date(year, 7, 18), cease_reason="3"
    )
    missing = ChildFactory(
        setting=None,
        sen2_setting="EHE",
        upn=None,
        legal_first_name="Nadia",
        legal_last_name="Okafor",
        ethnicity="BAFR",
        postcode="BF4 4DD",
        primary_need="ASD",
    )
    # Made before the year the return reports (a plan first issued in it needs its request).
    EHCPlan.objects.create(child=missing, first_issued_on=date(year - 1, 10, 6))
    manager = UserFactory(username="manager", first_name="Morgan", role=Role.MANAGER)
    return census, missing, manager, with_authenticator(manager)


def download(page, link_name, tmp_path, filename):
    with page.expect_download() as info:
        page.get_by_role("link", name=link_name).click()
    path = tmp_path / filename
    info.value.save_as(path)
    return path


def export(page, link_name, tmp_path, filename):
    """An Annex A link starts a job and goes to its page, which ends with the download."""
    follow(page, page.get_by_role("link", name=link_name))
    expect(page.locator("#job-status-tag")).to_have_text("Finished")
    path = download(page, re.compile(r"^Download annex-a-"), tmp_path, filename)
    follow(page, page.get_by_role("link", name="Back to the Annex A lists"))
    return path


def check_xml_against_the_rules(path, census):
    root = etree.parse(str(path)).getroot()
    assert root.tag == "Message"
    assert root.findtext("Header/CollectionDetails/Collection") == "SEN2"
    assert root.findtext("Header/CollectionDetails/ReferenceDate") == census.isoformat()
    assert root.findtext("Header/Source/LEA")
    persons = root.findall("Persons/Person")
    assert len(persons) == 5
    for person in persons:
        for tag in ("Surname", "Forename", "PersonBirthDate", "Sex", "Ethnicity"):
            assert person.findtext(tag), tag
        ids = [person.findtext(tag) for tag in ("UPN", "UniqueLearnerNumber", "UPNunknown")]
        assert any(ids), "every person needs a UPN, ULN or unknown reason"
        if person.findtext("UPNunknown"):
            assert person.findtext("UPNunknown") in UPN_UNKNOWN
        for request in person.findall("Requests"):
            outcome = request.findtext("RequestOutcome")
            assert outcome in REQUEST_OUTCOMES
            if outcome in ("W", "H"):
                continue
            assert request.findtext("RequestSource") in REQUEST_SOURCES
            date.fromisoformat(request.findtext("ReceivedDate"))
            if outcome in ("Y", "N"):
                assert request.findtext("RequestOutcomeDate") >= request.findtext("ReceivedDate")
    for reason in root.iter("CeaseReason"):
        assert reason.text in CEASE_REASONS
    for code in root.iter("SENSetting"):
        assert code.text in SETTING_CODES
    for code in root.iter("SENtype"):
        assert code.text in SEN_TYPES
    for code in root.iter("ReviewOutcome"):
        assert code.text in REVIEW_OUTCOMES
    for plan in root.iter("NamedPlan"):
        if plan.findtext("CeaseDate"):
            assert plan.findtext("CeaseDate") >= plan.findtext("StartDate")
    assert {e.text for e in root.iter("RequestOutcome")} == {"Y", "N", "A", "H"}
    nadia = next(p for p in persons if p.findtext("Forename") == "Nadia")
    assert nadia.findtext("UPNunknown") == "UN2"
    assert nadia.findtext("Requests/ActivePlans/PlacementDetail/SENSetting") == "EHE"


def check_xlsx(path, headings):
    sheet = load_workbook(path).active
    rows = list(sheet.iter_rows())
    assert [cell.value for cell in rows[0]] == headings
    born = headings.index("Date of birth")
    for row in rows[1:]:
        assert isinstance(row[born].value, datetime)
        assert row[born].number_format == "DD/MM/YYYY"
    return rows


def test_the_sen2_and_annex_a_files_download_and_pass_their_checks(page, live_server, tmp_path):
    census, missing, manager, secret = build_area()
    sign_in(page, live_server, manager.username, PASSWORD, secret)
    open_nav(page, "Statutory returns")
    expect(heading(page)).to_have_text("SEN2 return")
    expect(page.locator("#error-count")).to_have_text("1")
    row = page.locator(f'#issues tr[data-child="{missing.public_id}"][data-code="no-identifier"]')
    expect(row).to_contain_text("No UPN, ULN or reason they are unknown")
    expect(page.locator("#issues")).to_contain_text("Nadia Okafor")

    # Fix it: the link is followed by keyboard alone.
    link = row.get_by_role("link")
    link.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    axe_check(page)
    expect(heading(page)).to_have_text("Change details")
    page.get_by_label("Why there is no UPN or ULN").select_option("UN2")
    follow(page, page.get_by_role("button", name="Save changes"))
    open_nav(page, "Statutory returns")
    expect(page.locator("#error-count")).to_have_text("1")  # the build shown is the one made before
    follow(page, page.get_by_role("button", name="Build it again"))  # one build per request
    expect(page.locator("#error-count")).to_have_text("0")
    expect(page.locator("#check-summary")).to_contain_text("The return passes its checks")

    check_xml_against_the_rules(download(page, "SEN2 return for the DfE (XML)", tmp_path, "sen2.xml"), census)
    with download(page, "SEN2 return as a spreadsheet (CSV)", tmp_path, "sen2.csv").open(newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 5
    assert {r["RequestOutcome"] for r in rows} == {"Y", "N", "A", "H"}

    follow(page, page.get_by_role("link", name="Ofsted Annex A lists"))
    expect(heading(page)).to_have_text("Ofsted Annex A lists")
    list_1 = check_xlsx(export(page, "List 1 as Excel (XLSX)", tmp_path, "list1.xlsx"), LIST_1)
    assert len(list_1) == 3  # the headings, Amira and Nadia: the ended plan is not live
    issued = LIST_1.index("Date initial EHC plan issued")
    assert {row[issued].number_format for row in list_1[1:]} == {"DD/MM/YYYY"}
    list_2_headings = [h for h in LIST_1 if h not in NOT_ON_LIST_2]
    list_2 = check_xlsx(export(page, "List 2 as Excel (XLSX)", tmp_path, "list2.xlsx"), list_2_headings)
    assert len(list_2) == 3  # the two children on SEN support
    for number, headings in ((1, LIST_1), (2, list_2_headings)):
        path = export(page, f"List {number} as CSV", tmp_path, f"list{number}.csv")
        with path.open(newline="", encoding="utf-8") as f:
            rows = list(csv.reader(f))
        assert rows[0] == headings
        born = headings.index("Date of birth")
        for row in rows[1:]:
            assert datetime.strptime(row[born], "%d/%m/%Y")
