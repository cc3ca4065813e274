"""The KPI pages: the dashboard, one KPI's chart and table, typing in figures, comparisons and the
manager's refresh. Figures are made through the services and checked on the pages."""

import csv
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.roles import Role
from clock import dates
from conftest import _signed_in_client
from core.idempotency import new_token
from core.tests.list_export_helpers import csv_lines, export_job, exported
from people.tests.factories import UserFactory
from performance import services
from performance.models import Comparison, Measurement, Origin
from performance.tests.helpers import plan_issued, twenty_week_kpi

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture
def kpis(area):
    """The 20-week KPI (from the system) with two figures, and a waiting-time KPI (by hand, lower
    is better) owned by the action lead."""
    twenty = twenty_week_kpi(baseline_value=70, baseline_on=date(2022, 9, 30))
    for as_at, value, within, count in ((date(2026, 2, 28), 72, 18, 25), (date(2026, 5, 31), 60, 3, 5)):
        Measurement.objects.create(
            kpi=twenty,
            period_start=as_at.replace(day=1),
            period_end=as_at,
            value=value,
            numerator=within,
            denominator=count,
            origin=Origin.SYSTEM,
        )
    wait = twenty_week_kpi(
        code="4.1a",
        name="Autism and ADHD: average wait",
        source="manual",
        unit="weeks",
        higher_is_better=False,
        owner=area.users["action_lead"],
        targets=[(date(2024, 9, 30), 26)],
    )
    services.add_measurement(None, wait, as_at=date(2026, 4, 30), value=Decimal(27), note="Provider report")
    return twenty, wait


def _row(soup, code):
    return soup.find("tr", attrs={"data-kpi": code})


def test_a_manager_sees_each_kpi_with_its_latest_figure_target_and_rating(kpis, login):
    soup = login("manager").page(reverse("performance:kpi_list"))
    twenty = _row(soup, "EHC-20W")
    cells = [c.get_text(" ", strip=True) for c in twenty.find_all("td")]
    assert cells[1].startswith("60%") and "May 2026" in cells[1]
    # The target from April 2026; it is the last milestone and has passed, so the page says so.
    assert cells[2] == "75% No current target: the last was for Apr 2026"
    assert cells[3] == "Red" and cells[4] == "Getting worse"
    wait = [c.get_text(" ", strip=True) for c in _row(soup, "4.1a").find_all("td")]
    assert wait[1].startswith("27 weeks") and wait[3] == "Amber"
    assert wait[2] == "26 weeks No current target: the last was for Sep 2024"
    assert "2 KPIs: 0 green, 1 amber, 1 red" in soup.find(id="result-count").get_text()


def test_the_dashboard_filters_by_rating_source_and_area(kpis, login):
    client = login("board_member")
    soup = client.page(reverse("performance:kpi_list") + "?rag=amber")
    assert _row(soup, "4.1a") and not _row(soup, "EHC-20W")
    soup = client.page(reverse("performance:kpi_list") + "?source=system")
    assert _row(soup, "EHC-20W") and not _row(soup, "4.1a")
    soup = client.page(reverse("performance:kpi_list") + "?area=3")
    assert "No KPIs match these filters" in soup.get_text()
    for query, field in [("rag=purple", "rag"), ("owner=Nobody+Here", "owner"), ("area=99", "area")]:
        soup = client.page(reverse("performance:kpi_list") + "?" + query)
        assert soup.select_one(f".govuk-error-summary a[href='#{field}']"), query
        assert not _row(soup, "4.1a") and not _row(soup, "EHC-20W")


def test_the_dashboard_exports_what_it_shows(kpis, login):
    response = exported(login("manager"), reverse("performance:kpi_list") + "?format=csv&source=system")
    rows = list(csv.reader(csv_lines(response)))
    assert rows[0][:2] == ["Code", "KPI"]
    assert len(rows) == 2 and rows[1][0] == "EHC-20W"
    assert rows[1][9:15] == ["60.00", "31/05/2026", "3", "5", "75.00", "Red"]
    job = export_job(login("manager"), reverse("performance:kpi_list") + "?format=xlsx")
    xlsx = login("manager").get(reverse("jobs:download", args=[job.public_id]))
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    # On the job queue (issue 22): the file is its owner's alone.
    assert login("dco").get(reverse("jobs:download", args=[job.public_id])).status_code == 404


def test_the_kpi_page_draws_the_chart_with_the_table_beside_it(kpis, login):
    twenty, _ = kpis
    soup = login("dco").page(reverse("performance:kpi_detail", args=[twenty.public_id]))
    svg = soup.find("svg")
    assert svg["role"] == "img" and svg.find("title").get_text().endswith("against its trajectory")
    assert len(svg.find_all("circle", attrs={"r": "3.5"})) == 2  # two figures, and a hollow baseline
    assert svg.find("circle", attrs={"fill": "#ffffff"})
    table = soup.find(id="figures")
    lines = [
        [c.get_text(" ", strip=True) for c in tr.find_all(["th", "td"])] for tr in table.tbody.find_all("tr")
    ]
    assert lines[0] == ["May 2026", "60% 3 of 5", "75%", "Red"]
    assert lines[1] == ["Feb 2026", "72% 18 of 25", "65%", "Green"]
    assert lines[2][:2] == ["Sep 2022 (baseline)", "70%"]
    assert "Red: off target" in soup.find(id="rating").get_text()
    assert not soup.find("a", string="Add a figure")  # the DCO neither owns it nor manages


def test_the_owner_adds_a_figure_with_evidence_once(kpis, area, login):
    _, wait = kpis
    client = login("action_lead")
    url = reverse("performance:measurement_add", args=[wait.public_id])
    client.page(url)
    data = {
        "form_token": new_token(),
        "as_at_day": "31",
        "as_at_month": "5",
        "as_at_year": "2026",
        "value": "25.5",
        "note": "Provider's monthly report",
        "evidence": SimpleUploadedFile("report.pdf", PDF, content_type="application/pdf"),
    }
    response = client.post(url, data)
    assert response.status_code == 302
    data["evidence"] = SimpleUploadedFile("report.pdf", PDF, content_type="application/pdf")
    assert client.post(url, data).status_code == 302  # a double submit creates nothing twice
    figure = wait.measurements.get(period_start=date(2026, 5, 1))
    assert (figure.value, figure.origin, figure.created_by) == (
        Decimal("25.5"),
        Origin.MANUAL,
        area.users["action_lead"],
    )
    assert figure.evidence_title == "report.pdf" and figure.evidence.name.endswith(".pdf")
    soup = client.page(reverse("performance:kpi_detail", args=[wait.public_id]))
    assert "Provider's monthly report" in soup.find(id="measurements").get_text()
    link = soup.find(id="measurements").find("a", string="report.pdf")
    download = client.get(link["href"])
    assert (
        download["Content-Disposition"].startswith("attachment")
        and b"".join(download.streaming_content) == PDF
    )
    assert login("parent").get(link["href"]).status_code == 403
    assert (
        soup.find(id="figures")
        .tbody.tr.get_text(" ", strip=True)
        .startswith("May 2026 25.5 weeks 26 weeks Green")
    )


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"value": ""}, "value", "Enter the figure"),
        ({"value": "101"}, "value", "Figure must be a percentage from 0 to 100"),
        ({"numerator": "30", "denominator": "20"}, "numerator", "must not be more than the number counted"),
        ({"numerator": "3"}, "denominator", "Enter both numbers, or neither"),
        ({"numerator": "3", "denominator": "4"}, "value", "3 of 4 is 75.0%"),
        ({"note": ""}, "note", "Enter where the figure comes from"),
        ({"as_at_year": "2099"}, "as_at", "must be today or in the past"),
        ({"as_at_day": "31", "as_at_month": "2"}, "as_at", "must be a real date"),
    ],
)
def test_bad_figures_are_refused_with_a_clear_message(kpis, login, changes, field, message):
    twenty, _ = kpis
    client = login("manager")
    url = reverse("performance:measurement_add", args=[twenty.public_id])
    data = {"form_token": new_token(), "as_at_day": "30", "as_at_month": "6", "as_at_year": "2026"}
    data |= {"value": "50", "note": "From the old system"} | changes
    response = client.post(url, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert 'class="govuk-error-summary' in response.content.decode()
    assert twenty.measurements.count() == 2


def test_a_second_figure_for_the_same_month_points_to_the_first(kpis, login):
    _, wait = kpis
    url = reverse("performance:measurement_add", args=[wait.public_id])
    data = {"form_token": new_token(), "as_at_day": "15", "as_at_month": "4", "as_at_year": "2026"}
    response = login("manager").post(url, data | {"value": "30", "note": "Again"})
    assert "There is already a figure for April 2026" in response.content.decode()
    assert wait.measurements.count() == 1


def test_a_file_that_is_not_a_document_is_refused(kpis, login):
    _, wait = kpis
    url = reverse("performance:measurement_add", args=[wait.public_id])
    data = {"form_token": new_token(), "as_at_day": "31", "as_at_month": "5", "as_at_year": "2026"}
    data |= {
        "value": "30",
        "note": "Report",
        "evidence": SimpleUploadedFile("report.pdf", b"MZ\x90\x00binary"),
    }
    response = login("action_lead").post(url, data)
    assert response.status_code == 200 and "report.pdf must be a" in response.content.decode()
    assert wait.measurements.count() == 1


def test_someone_who_owns_another_kpi_cannot_add_figures_to_this_one(kpis):
    twenty, wait = kpis
    other_lead = UserFactory(role=Role.ACTION_LEAD)
    twenty.owner = other_lead
    twenty.save()
    other = _signed_in_client(other_lead)
    assert other.get(reverse("performance:measurement_add", args=[wait.public_id])).status_code == 404
    assert other.get(reverse("performance:measurement_add", args=[twenty.public_id])).status_code == 200


def test_two_people_changing_one_figure_cannot_overwrite_each_other(kpis, login):
    _, wait = kpis
    figure = wait.measurements.get()
    url = reverse("performance:measurement_change", args=[wait.public_id, figure.public_id])
    data = {"version": figure.version, "value": "28", "note": "Corrected by the provider"}
    assert login("action_lead").post(url, data).status_code == 302
    late = login("manager").post(url, data | {"value": "20"})
    assert "Someone else saved a change" in late.content.decode()
    figure.refresh_from_db()
    assert (figure.value, figure.version) == (Decimal(28), 2)


def test_a_manager_adds_a_comparison(kpis, login):
    twenty, _ = kpis
    url = reverse("performance:comparison_add", args=[twenty.public_id])
    data = {
        "form_token": new_token(),
        "group": "neighbours",
        "on_day": "31",
        "on_month": "12",
        "on_year": "2024",
    }
    response = login("manager").post(url, data | {"value": "52.3", "source": "LAIT 2025"})
    assert response.status_code == 302
    assert Comparison.objects.get(kpi=twenty).value == Decimal("52.3")
    soup = login("manager").page(reverse("performance:kpi_detail", args=[twenty.public_id]))
    assert "Statistical neighbours" in soup.find(id="comparisons").get_text()
    refused = login("manager").post(url, data | {"form_token": new_token(), "value": ""})
    assert refused.status_code == 200 and "Enter the figure" in refused.content.decode()


def test_a_manager_refreshes_the_figures_now_and_others_cannot(kpis, login):
    twenty, _ = kpis
    plan_issued(dates.today().replace(day=1), 19)
    assert login("board_member").post(reverse("performance:refresh")).status_code == 403
    response = login("manager").post(reverse("performance:refresh"))
    assert response.status_code == 302 and response["Location"] == reverse("performance:kpi_list")
    latest = twenty.measurements.order_by("-period_start").first()
    assert (latest.period_start, latest.numerator, latest.denominator) == (dates.today().replace(day=1), 1, 1)


def test_the_pages_cost_the_same_queries_however_many_figures(kpis, login, django_assert_max_num_queries):
    twenty, _ = kpis
    client = login("manager")
    with django_assert_max_num_queries(25):
        client.get(reverse("performance:kpi_list"))
    with django_assert_max_num_queries(25):
        client.get(reverse("performance:kpi_detail", args=[twenty.public_id]))
