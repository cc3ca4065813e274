"""Case lists, filters, search, sorting, exports and caseloads; and their database work per page."""

import io
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from accounts.roles import Role
from audit.models import Action, AuditEvent
from casework import services
from casework.tests.factories import case_at, open_case
from core.tests.list_export_helpers import csv_lines, exported
from people.tests.factories import ChildFactory, UserFactory

pytestmark = pytest.mark.django_db

ALL = reverse("casework:case_list")
MINE = reverse("casework:my_cases")
CASELOADS = reverse("casework:caseloads")


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(datetime(2026, 9, 1, 10, tzinfo=ZoneInfo("Europe/London")), tick=False):
        yield


@pytest.fixture
def cases(area):
    """Three open cases, one per deadline status, and a closed one that no list shows."""
    colleague = UserFactory(role=Role.CASEWORKER, first_name="Priya", last_name="Shah")
    young = ChildFactory(
        legal_first_name="Ella",
        legal_last_name="Young",
        date_of_birth=date(2020, 3, 1),
        primary_need="SLCN",
        setting=area.other_school,
    )
    area.colleague = colleague
    return {
        # Decide whether to assess: due 13 July, so overdue.
        "overdue": open_case(area.own_child, date(2026, 6, 1), caseworker=area.users["caseworker"]),
        # Due 4 September: this week.
        "due_soon": open_case(area.other_child, date(2026, 7, 24), caseworker=colleague),
        # Due 1 October, and nobody holds it yet.
        "on_track": open_case(young, date(2026, 8, 20)),
        "closed": case_at(ChildFactory(), "withdrawn", caseworker=area.users["caseworker"]),
    }


def references(soup):
    # Read the Reference column by its heading: managers' lists start with a checkbox column (bulk
    # allocation) and the child's name, caseworkers' with the name.
    table = soup.select_one("#cases")
    if table is None:  # no case matches: the page says so instead of drawing an empty table
        return []
    column = [th.get_text(strip=True) for th in table.select("thead th")].index("Reference")
    return [row.select("td")[column].get_text(strip=True) for row in table.select("tbody tr")]


def refs(cases, *keys):
    return [cases[k].reference for k in keys]


def test_my_cases_lists_only_my_open_cases(area, login, cases):
    soup = login("caseworker").page(MINE)
    assert references(soup) == refs(cases, "overdue")
    assert "Caseworker" not in soup.select_one("#cases thead").get_text()


def test_all_open_cases_are_sorted_by_next_deadline_either_way(area, login, cases):
    client = login("manager")
    assert references(client.page(ALL)) == refs(cases, "overdue", "due_soon", "on_track")
    assert references(client.page(ALL + "?sort=-deadline")) == refs(cases, "on_track", "due_soon", "overdue")
    tags = [t.get_text(strip=True) for t in client.page(ALL).select("#cases .govuk-tag")]
    assert tags == ["Overdue", "Due this week", "On track"]


@pytest.mark.parametrize("status", ["overdue", "due_soon", "on_track"])
def test_the_status_filter_uses_the_stored_deadline(area, login, cases, status):
    assert references(login("manager").page(f"{ALL}?status={status}")) == refs(cases, status)


def test_quick_links_lead_to_overdue_and_due_this_week(area, login, cases):
    soup = login("caseworker").page(ALL)
    links = {a.get_text(strip=True): a["href"] for a in soup.select("nav[aria-label='Case lists'] a")}
    assert references(login("caseworker").page(links["Overdue"])) == refs(cases, "overdue")
    assert references(login("caseworker").page(links["Due this week"])) == refs(cases, "due_soon")


def test_filters_by_caseworker_stage_school_need_and_age(area, login, cases):
    client = login("manager")
    assert references(client.page(f"{ALL}?caseworker={area.colleague.pk}")) == refs(cases, "due_soon")
    assert references(client.page(f"{ALL}?caseworker=none")) == refs(cases, "on_track")
    assert references(client.page(f"{ALL}?stage=received")) == refs(cases, "overdue", "due_soon", "on_track")
    assert references(client.page(f"{ALL}?stage=assessing")) == []
    assert references(client.page(f"{ALL}?school={area.school.public_id}")) == refs(cases, "overdue")
    assert references(client.page(f"{ALL}?need=SLCN")) == refs(cases, "on_track")
    assert references(client.page(f"{ALL}?age=5-10")) == refs(cases, "on_track")  # Ella is 6
    assert references(client.page(f"{ALL}?age=11-15")) == refs(cases, "overdue", "due_soon")
    assert references(client.page(f"{ALL}?school=not-a-uuid&caseworker=x")) == []


@pytest.mark.parametrize("terms", ["hussain", "Amira Hussain", "ehc-000001"])
def test_search_by_name_or_reference_keeps_the_words_out_of_the_url(area, login, cases, terms):
    client = login("caseworker")
    response = client.post(ALL, {"q": terms})
    assert terms.lower() not in response["Location"].lower()
    assert references(client.page(response["Location"])) == refs(cases, "overdue")
    assert AuditEvent.objects.filter(action=Action.SEARCH, actor=area.users["caseworker"]).exists()


def test_a_list_exports_as_csv_and_xlsx_with_its_filters_and_each_export_is_audited(area, login, cases):
    client = login("manager")
    lines = csv_lines(exported(client, ALL + "?status=overdue&format=csv"))
    assert lines[0].startswith("Reference,Last name,First name,Date of birth")
    assert len(lines) == 2
    assert lines[1].startswith(
        f"{cases['overdue'].reference},Hussain,Amira,14/05/2015,Alder Lane Primary School"
    )
    assert lines[1].endswith("Decide whether to assess,13/07/2026,Overdue")
    workbook = load_workbook(io.BytesIO(exported(client, ALL + "?format=xlsx").content))
    assert [row[0] for row in workbook.active.iter_rows(min_row=2, values_only=True)] == refs(
        cases, "overdue", "due_soon", "on_track"
    )
    assert AuditEvent.objects.filter(action=Action.EXPORT, actor=area.users["manager"]).count() == 2


def test_panel_members_see_the_list_but_cannot_export_it(area, login, cases):
    client = login("panel")
    soup = client.page(ALL)
    assert not soup.find("a", string="CSV")
    assert client.get(ALL + "?format=csv")["Content-Type"].startswith("text/html")
    assert not AuditEvent.objects.filter(action=Action.EXPORT).exists()


def test_long_lists_are_paged(area, login):
    for _ in range(30):
        open_case(ChildFactory(), date(2026, 8, 1))
    client = login("manager")
    assert len(references(client.page(ALL))) == 25
    assert len(references(client.page(ALL + "?page=2"))) == 5


def test_the_caseload_page_counts_each_caseworkers_open_overdue_and_due_cases(area, login, cases):
    soup = login("manager").page(CASELOADS)
    rows = {
        r.th.get_text(" ", strip=True): [td.get_text(strip=True) for td in r.select("td")]
        for r in soup.select("#caseloads tbody tr")
    }
    assert rows[str(area.users["caseworker"])] == ["1", "1", "0"]
    assert rows[str(area.colleague)] == ["1", "0", "1"]
    assert rows["Not allocated"] == ["1", "0", "0"]


def queries_for(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def add_cases(area, n):
    for i in range(n):
        child = ChildFactory(setting=area.school if i % 2 else area.other_school)
        case_at(child, "assessing", caseworker=area.users["caseworker"] if i % 3 else None)


@pytest.mark.parametrize("url", [ALL, MINE, CASELOADS, ALL + "?status=overdue&age=11-15", "/home/"])
def test_list_pages_use_the_same_number_of_queries_for_3_or_30_cases(area, login, url):
    client = login("manager")
    add_cases(area, 3)
    client.get(url)  # the filter's cached choices: worked out once a minute, not on every page
    few = queries_for(client, url)
    add_cases(area, 27)
    assert queries_for(client, url) == few


def case_url(case):
    return reverse("casework:case_detail", args=[case.public_id])


def test_the_case_page_does_not_query_per_advice_request_or_event(area, login):
    client = login("caseworker")
    case = case_at(area.own_child, "assessing", received_on=date(2026, 6, 1))

    def count():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(case_url(case)).status_code == 200
        return len(captured)

    few = count()
    for adviser in ["health", "social_care", "school", "other", "ep"]:
        advice = services.request_advice(None, case, adviser, date(2026, 8, 1))
        services.chase_advice(None, advice, "Phoned the team")
    services.record_exception(None, case, "personal", date(2026, 7, 1), date(2026, 8, 1), "Bereavement")
    services.add_note(None, case, "Spoke to the family")
    assert count() == few


# Where else cases show --------------------------------------------------------------------------


def test_the_child_record_lists_the_childs_cases_and_offers_a_new_request(area, login):
    case = open_case(area.own_child)
    soup = login("caseworker").page(reverse("people:child_detail", args=[area.own_child.public_id]))
    assert soup.select_one(f"a[href='{case_url(case)}']")
    assert soup.find("a", string="Record a request for an assessment")
    # The staff record is not the family's page (the family child page is): a parent gets 404.
    login("parent").page(reverse("people:child_detail", args=[area.own_child.public_id]), status=404)


def test_home_pages_show_caseworkers_and_managers_real_casework_figures(area, login):
    open_case(area.own_child, date(2026, 6, 1), caseworker=area.users["caseworker"])  # decision overdue
    open_case(area.other_child, date(2026, 8, 25))
    figures = {
        persona: {
            f.parent.get_text(" ", strip=True)
            for f in login(persona).page("/home/").select(".opensend-figure")
        }
        for persona in ("caseworker", "manager")
    }
    assert {"1 My open cases", "1 My cases overdue", "0 My cases due this week"} <= figures["caseworker"]
    assert {"2 Open assessment cases", "1 Cases overdue", "1 Cases not allocated to a caseworker"} <= figures[
        "manager"
    ]


# Filters (casework/filters.py through core/filters.py) ------------------------------------------


@pytest.mark.parametrize(
    "query, field",
    [
        ("caseworker=abc", "caseworker"),
        ("status=nonsense", "status"),
        ("school=not-a-uuid", "school"),
        ("need=XYZ", "need"),
        ("age=99-100", "age"),
        ("stage=closed", "stage"),
    ],
)
def test_a_bad_filter_value_is_a_govuk_error_and_lists_nothing(area, login, cases, query, field):
    client = login("manager")
    soup = client.page(f"{ALL}?{query}")
    summary = soup.select_one(".govuk-error-summary")
    assert summary and summary.select_one(f"a[href='#{field}']")
    assert soup.title.get_text().startswith("Error: ")
    assert references(soup) == []
    # Its export is not started: the page is shown again with the error.
    response = client.get(f"{ALL}?{query}&format=csv")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    assert not AuditEvent.objects.filter(action=Action.EXPORT).exists()


def test_my_cases_show_the_filters_without_the_caseworker_and_ignore_it(area, login, cases):
    client = login("caseworker")
    soup = client.page(MINE + "?caseworker=abc")
    assert not soup.select_one("select#caseworker")
    assert soup.select_one("select#stage option[value='']").get_text() == "Any"
    assert references(soup) == refs(cases, "overdue")


def test_the_filters_are_drawn_by_the_govuk_renderer_with_the_chosen_values(area, login, cases):
    soup = login("manager").page(f"{ALL}?caseworker=none&need=SLCN&sort=name")
    assert soup.select_one("label[for='caseworker']").get_text(strip=True) == "Caseworker"
    assert soup.select_one("select#caseworker.govuk-select option[selected]")["value"] == "none"
    assert soup.select_one("select#need option[selected]")["value"] == "SLCN"
    form = soup.select_one("details form[method='get']")
    assert form.select_one("input[type='hidden'][name='sort']")["value"] == "name"
    assert references(soup) == refs(cases, "on_track")


def test_a_bookmark_to_a_caseworker_no_longer_listed_still_filters(area, login, cases):
    area.colleague.is_active = False
    area.colleague.save()
    soup = login("manager").page(f"{ALL}?caseworker={area.colleague.pk}")
    assert not soup.select_one(".govuk-error-summary")
    assert references(soup) == refs(cases, "due_soon")
