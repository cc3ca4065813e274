"""The statutory returns' pages: a manager sees the SEN2 checks by child, fixes one through the
child's record and sees it clear; downloads are the return's files and are audited."""

import csv
import io
from datetime import date

import pytest
from django.urls import reverse
from lxml import etree
from openpyxl import load_workbook

from audit.models import Action, AuditEvent
from core.tests.menus import menu_within_two_clicks
from jobs.models import Job
from people.tests.factories import ChildFactory, valid_upn
from people.tests.test_child_pages import edit_form
from performance.returns import annex_a
from plans.models import EHCPlan

pytestmark = pytest.mark.django_db
YEAR = "?year=2026"  # census 15 January 2026, reporting 2025


@pytest.fixture
def unidentified(area):
    """A child with a plan and neither a UPN, a ULN nor a reason: an error in the return."""
    child = ChildFactory(upn=None, setting=area.school, legal_first_name="Nadia", legal_last_name="Okafor")
    EHCPlan.objects.create(child=child, first_issued_on=date(2025, 10, 6))
    return child


def test_the_manager_sees_the_checks_by_child_and_a_fix_clears_an_error(area, login, unidentified):
    client = login("manager")
    url = reverse("performance:sen2") + YEAR
    soup = client.page(url)
    # No identifier, and a plan first issued in 2025 with no request recorded.
    assert soup.select_one("#error-count").get_text(strip=True) == "2"
    row = soup.select_one(f'#issues tr[data-child="{unidentified.public_id}"][data-code="no-identifier"]')
    assert "Nadia Okafor" in soup.select_one("#issues").get_text()
    fix = row.select_one("a")["href"]
    assert fix == reverse("people:child_edit", args=[unidentified.public_id])

    # At a state school with a URN, the fix is the UPN, not a reason (people.crossfield).
    refused = client.post(fix, edit_form(unidentified, upn="", upn_unknown_reason="UN2"))
    assert "gives its pupils a UPN" in refused.content.decode()
    response = client.post(fix, edit_form(unidentified, upn=valid_upn(41)))
    assert response.status_code == 302
    assert client.page(url).select_one("#error-count").get_text(strip=True) == "2"  # the same build
    rebuilt = client.post(reverse("performance:sen2"), {"year": "2026"})  # one build per request
    soup = client.page(rebuilt["Location"])
    assert soup.select_one("#error-count").get_text(strip=True) == "1"
    assert soup.select_one('#issues tr[data-code="no-identifier"]') is None
    assert soup.select_one('#issues tr[data-code="new-plan-without-request"]') is not None
    assert AuditEvent.objects.filter(action=Action.VIEW, summary__startswith="SEN2 return checks").exists()


def test_a_reason_is_refused_when_the_child_has_a_upn(area, login):
    child = area.own_child
    url = reverse("people:child_edit", args=[child.public_id])
    response = login("manager").post(url, edit_form(child, upn_unknown_reason="UN2", sen2_setting="EHE"))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Leave this blank: the child has a UPN or ULN" in text
    assert "Leave this blank: the child has a current school or setting" in text
    child.refresh_from_db()
    assert child.upn_unknown_reason == "" and child.sen2_setting == ""


def test_the_return_fields_save_from_the_child_edit_form(area, login):
    child = area.own_child
    url = reverse("people:child_edit", args=[child.public_id])
    changes = {
        "suspensions": "2",
        "permanent_exclusions": "0",
        "absence_percent": "7.5",
        "pupil_premium": "on",
        "social_care_team": "cin",
        "disability": "Y",
        "subsidiary_setting": area.other_school.pk,
        "setting_started_on_day": "1",
        "setting_started_on_month": "9",
        "setting_started_on_year": "2023",
    }
    assert login("caseworker").post(url, edit_form(child, **changes)).status_code == 302
    child.refresh_from_db()
    assert (child.suspensions, child.permanent_exclusions, str(child.absence_percent)) == (2, 0, "7.5")
    assert child.pupil_premium and child.social_care_team == "cin" and child.disability == "Y"
    assert child.subsidiary_setting == area.other_school
    assert child.setting_started_on == date(2023, 9, 1)
    response = login("caseworker").post(url, edit_form(child, absence_percent="120", version=child.version))
    assert "Enter a percentage from 0 to 100" in response.content.decode()


def test_the_issues_list_filters_and_exports(area, login, unidentified):
    client = login("manager")
    base = reverse("performance:sen2") + YEAR
    codes = {tr["data-code"] for tr in client.page(base + "&severity=query").select("#issues tr[data-code]")}
    assert codes == {"no-postcode", "ethnicity-not-obtained"}  # the factory child has neither
    response = client.get(base + "&format=csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0] == ["Child", "Error or query", "Problem", "Where to fix it"]
    assert {r[1] for r in rows[1:]} == {"error", "query"}


def test_the_xml_and_csv_download(area, login, unidentified):
    client = login("manager")
    # Never built in the request: with no build yet, the link goes to the return's page to build it.
    response = client.get(reverse("performance:sen2_xml") + YEAR)
    assert response.status_code == 302 and response["Location"] == reverse("performance:sen2") + YEAR
    assert not AuditEvent.objects.filter(action=Action.EXPORT, summary__contains="SEN2 return").exists()
    client.page(reverse("performance:sen2") + YEAR)  # builds it (the tests' queue runs jobs at once)
    response = client.get(reverse("performance:sen2_xml") + YEAR)  # the latest build's file
    assert response["Content-Type"] == "application/xml"
    assert response["Content-Disposition"] == 'attachment; filename="sen2-999-2026.xml"'
    root = etree.fromstring(response.content)
    assert root.findtext("Header/CollectionDetails/ReferenceDate") == "2026-01-15"
    assert root.findtext("Persons/Person/Forename") == "Nadia"
    response = client.get(reverse("performance:sen2_csv") + YEAR)
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [r["Forename"] for r in rows] == ["Nadia"]
    assert AuditEvent.objects.filter(action=Action.EXPORT, summary__contains="SEN2 return").count() == 2


def exported(client, url):
    """Follow an export link: it starts a job and goes to the job's page, which ends with the
    download (the tests' queue runs the job in place); the downloaded response."""
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith("/jobs/"), "built in the request"
    job = Job.objects.get(public_id=response["Location"].split("/")[2])
    soup = client.page(response["Location"])
    link = soup.select_one("#job-details a[download]")
    assert link is not None and link["href"] == reverse("jobs:download", args=[job.public_id])
    return client.get(link["href"]), job


def test_annex_a_downloads_are_built_on_the_job_queue(area, login, unidentified):
    client = login("manager")
    soup = client.page(reverse("performance:annex_a"))
    links = [a["href"] for a in soup.select("main a[href*='annex-a']")]
    assert len(links) == 5  # the workbook, and each list as XLSX and CSV
    response, job = exported(client, reverse("performance:annex_a_download", args=[1, "xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in next(sheet.iter_rows())] == annex_a.LIST_1_HEADINGS
    assert response["Content-Disposition"].startswith('attachment; filename="annex-a-list-1-')
    assert job.kind == "performance.annex_a" and job.owner == area.users["manager"]
    response, _ = exported(client, reverse("performance:annex_a_download", args=[2, "csv"]))
    header = next(csv.reader(io.StringIO(response.content.decode())))
    assert header == annex_a.LIST_2_HEADINGS
    response, _ = exported(client, reverse("performance:annex_a_workbook"))
    assert load_workbook(io.BytesIO(response.content)).sheetnames == ["List_1", "List_2"]
    assert AuditEvent.objects.filter(action=Action.EXPORT, summary__startswith="Ofsted Annex A").count() == 3
    assert client.get(reverse("performance:annex_a_download", args=[3, "csv"])).status_code == 404
    assert client.get(reverse("performance:annex_a_download", args=[1, "pdf"])).status_code == 404


def test_the_menu_shows_statutory_returns_to_managers_only(area, login):
    # The menu is grouped by job: the returns sit in "Performance and improvement", two clicks away.
    assert menu_within_two_clicks(login("manager")).get(reverse("performance:sen2")) == "Statutory returns"
    assert "Statutory returns" not in menu_within_two_clicks(login("caseworker")).values()


def test_from_december_the_coming_census_is_prepared_as_a_dry_run(area, login):
    from jobs.models import Job

    url = reverse("performance:sen2") + "?year=2027"
    with _on(date(2026, 12, 7)):
        client = login("manager")
        soup = client.page(url)
        assert "15 January 2026" not in soup.title.get_text()
        assert "21 January 2027" in soup.title.get_text()
        assert "Dry run" in soup.select_one("#dry-run").get_text()
        builds = Job.objects.count()
        client.page(url)  # a second visit shows the same build
        assert Job.objects.count() == builds
    with _on(date(2026, 11, 30)):  # before December the coming census is not offered
        assert "2027" not in login("manager").page(url).title.get_text()


def _on(day):
    from reviews.tests.factories import at

    return at(day)


def test_new_plans_in_the_year_are_reconciled_with_the_plans_first_issued(area, login, unidentified):
    EHCPlan.objects.filter(child=unidentified).update(first_issued_on=date(2025, 10, 6))
    soup = login("manager").page(reverse("performance:sen2") + YEAR)
    text = " ".join(soup.select_one("#new-plans").get_text().split())
    assert text.startswith("0 reported, of 1 first issued in 2025")
    row = soup.select_one(
        f'#issues tr[data-child="{unidentified.public_id}"][data-code="new-plan-without-request"]'
    )
    assert row is not None
