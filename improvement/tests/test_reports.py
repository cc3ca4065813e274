"""Board reports: the snapshot, the PDF and Word files, issuing once, and reopening unchanged."""

import io

import docx
import pypdf
import pytest
from django.urls import reverse

from improvement import documents, snapshot
from improvement.models import Action, Report, ScheduledReport
from improvement.services import update_action
from improvement.tests.factories import issued_report_for, plan_for, schedule_slot

pytestmark = pytest.mark.django_db


def _pdf_text(data: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(data)).pages).split())


def _docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return " ".join(" ".join(parts).split())


def test_the_snapshot_has_the_sections_of_its_kind(area):
    plan_for(area)
    from clock import dates

    quarterly = snapshot.build("quarterly", dates.today())
    assert [s["key"] for s in quarterly["sections"]] == [
        "summary",
        "scorecard",
        "exceptions",
        "changes",
        "actions",
        "quality",
    ]
    assert quarterly["summary"]["total"] == 55
    amber = next(r for r in quarterly["summary"]["counts"] if r["rating"] == "amber")
    assert amber["count"] == 1
    assert "<svg" in quarterly["summary"]["chart_svg"] and "Amber" in quarterly["summary"]["chart_svg"]
    assert [e["number"] for e in quarterly["exceptions"]] == ["2.1.2"]
    assert quarterly["exceptions"][0]["narrative"] == "Portal launch slipped a month."
    monthly = snapshot.build("monthly_kpi", dates.today())
    assert [s["key"] for s in monthly["sections"]] == ["summary", "scorecard"]


def test_an_issued_report_stores_its_files_and_hashes(area):
    report = issued_report_for(area)
    pdf, word = report.pdf.read(), report.docx.read()
    assert documents.sha256(pdf) == report.pdf_sha256
    assert documents.sha256(word) == report.docx_sha256
    assert documents.snapshot_hash(report.snapshot) == report.snapshot_sha256
    pdf_text, word_text = _pdf_text(pdf), _docx_text(word)
    for text in (pdf_text, word_text):
        assert "Quarterly formal report" in text
        assert "Exceptions: red and amber actions" in text
        assert "Portal launch slipped a month." in text
        assert "Amber" in text
    assert pypdf.PdfReader(io.BytesIO(pdf)).metadata.title.startswith("Quarterly formal report")


def test_a_scorecard_of_few_children_is_suppressed(area):
    from clock import dates
    from performance.models import KPI, Measurement

    plan_for(area)
    kpi = KPI.objects.create(code="T1", name="Plans issued in 20 weeks", measures="Timeliness", area_code="2")
    Measurement.objects.create(
        kpi=kpi,
        period_start=dates.today(),
        period_end=dates.today(),
        value=75,
        numerator=3,
        denominator=4,
        origin="manual",
    )
    rows = snapshot.build("monthly_kpi", dates.today())["scorecard"]
    assert rows[0]["code"] == "T1" and rows[0]["latest"] == "[c]"


def test_reopening_an_issued_report_serves_it_exactly_as_sent(area, login):
    report = issued_report_for(area)
    client = login("board_member")
    url = reverse("improvement:report_detail", args=[report.public_id])
    before = client.page(url).find("main").get_text(" ", strip=True)
    pdf = b"".join(client.get(reverse("improvement:report_pdf", args=[report.public_id])).streaming_content)
    # The plan changes after the report was sent.
    action = Action.objects.get(number="2.1.2")
    update_action(action, area.users["manager"], action.version, "blue", "Portal launched and embedded.")
    after = client.page(url).find("main").get_text(" ", strip=True)
    assert after == before
    assert "Portal launched and embedded." not in after
    again = b"".join(client.get(reverse("improvement:report_pdf", args=[report.public_id])).streaming_content)
    assert again == pdf and documents.sha256(again) == report.pdf_sha256
    word = b"".join(client.get(reverse("improvement:report_docx", args=[report.public_id])).streaming_content)
    assert documents.sha256(word) == report.docx_sha256


def test_a_manager_previews_then_issues_once(area, login):
    plan_for(area)
    slot = schedule_slot(in_days=3)
    client = login("manager")
    response = client.post(
        reverse("improvement:report_new"), {"kind": "", "as_of_day": "31", "as_of_month": "2"}
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "Select which report to make" in text
    assert "Position at must include a year" in text
    assert not Report.objects.exists()
    from clock import dates

    today = dates.today()
    response = client.post(
        reverse("improvement:report_new"),
        {"kind": "quarterly", "as_of_day": today.day, "as_of_month": today.month, "as_of_year": today.year},
    )
    assert response.status_code == 302
    soup = client.page(response["Location"])
    assert "Preview, not issued" in soup.get_text()
    form = soup.find("form", attrs={"action": reverse("improvement:report_issue")})
    data = {i["name"]: i.get("value", "") for i in form.find_all("input")}
    first = client.post(reverse("improvement:report_issue"), data)
    second = client.post(reverse("improvement:report_issue"), data)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert Report.objects.count() == 1
    slot.refresh_from_db()
    assert slot.report == Report.objects.get()
    assert ScheduledReport.objects.get(pk=slot.pk).report_id is not None


def test_the_next_report_shows_what_changed_since_the_last(area):
    from clock import dates

    first = issued_report_for(area)
    assert first.snapshot["changes"]["since"] == ""
    action = Action.objects.get(number="3.2.1")
    update_action(action, area.users["manager"], action.version, "red", "Screening staff vacancies.")
    changes = snapshot.build("exception", dates.today())["changes"]
    assert changes["since_title"] == first.title
    assert [c["number"] for c in changes["rating_changes"]] == ["3.2.1"]
