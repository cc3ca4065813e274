import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from audit.models import Action, AuditEvent
from conftest import check_page
from people.imports import CHILD_COLUMNS, import_children, import_gias
from people.models import Child, Setting

pytestmark = pytest.mark.django_db

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def upload(name, text):
    return SimpleUploadedFile(name, text.encode(), content_type="text/csv")


def test_the_shipped_gias_sample_imports_with_the_right_types():
    result = import_gias(upload("gias.csv", (SAMPLES / "gias_establishments_sample.csv").read_text()))
    assert result.ok, result.problems
    assert result.created == 8
    kinds = dict(Setting.objects.values_list("name", "setting_type"))
    assert kinds["Alder Lane Primary School"] == "mainstream"
    assert kinds["Beckside Academy"] == "resourced"
    assert kinds["Highfield Special School"] == "special"
    assert kinds["The Bridge Learning Centre"] == "pru"
    assert kinds["Little Acorns Nursery School"] == "early_years"
    assert kinds["Brookfield College"] == "post16"
    assert kinds["Moorside Independent Special School"] == "out_of_area"
    assert not Setting.objects.get(urn=990008).is_open


def test_importing_gias_again_updates_rather_than_duplicates():
    text = (SAMPLES / "gias_establishments_sample.csv").read_text()
    import_gias(upload("gias.csv", text))
    result = import_gias(upload("gias.csv", text.replace("Alder Lane Primary School", "Alder Lane Academy")))
    assert (result.created, result.updated) == (0, 8)
    assert Setting.objects.get(urn=990001).name == "Alder Lane Academy"


def test_a_gias_file_with_any_error_imports_nothing_and_names_row_and_column():
    text = (SAMPLES / "gias_establishments_sample.csv").read_text().splitlines()
    text[2] = text[2].replace(",Secondary,", ",Senior,").replace("BF2 3CD", "NOPE")
    result = import_gias(upload("gias.csv", "\n".join(text)))
    assert not result.ok
    assert {(p.row, p.column) for p in result.problems} == {(3, "PhaseOfEducation (name)"), (3, "Postcode")}
    assert Setting.objects.count() == 0


def test_a_file_missing_a_required_column_is_refused():
    result = import_gias(upload("gias.csv", "URN,EstablishmentName\n1,A school\n"))
    assert "The file has no 'LA (code)' column" in [p.message for p in result.problems]


def children_csv(*rows):
    lines = [",".join(CHILD_COLUMNS)]
    lines += [",".join(row) for row in rows]
    return "\n".join(lines)


GOOD = [
    "Amira",
    "Hussain",
    "",
    "14/05/2015",
    "F",
    "B801200005001",
    "9434765870",
    "",
    "APKN",
    "URD",
    "BF1 2AB",
    "",
    "E",
    "ASD",
    "SLCN",
]


def test_children_import_from_csv_with_their_school():
    import_gias(upload("gias.csv", (SAMPLES / "gias_establishments_sample.csv").read_text()))
    second = [
        "Jacob",
        "Walsh",
        "Jake",
        "2009-11-02",
        "M",
        "",
        "4010232137",
        "",
        "WBRI",
        "ENG",
        "",
        "990002",
        "K",
        "SEMH",
        "",
    ]
    result = import_children(upload("c.csv", children_csv(GOOD, second)))
    assert result.ok, result.problems
    jacob = Child.objects.get(legal_last_name="Walsh")
    assert jacob.setting.urn == 990002 and jacob.preferred_name == "Jake"
    assert jacob.history.count() == 1  # the import is the first entry in its change history
    assert Child.objects.get(upn="B801200005001").search_name == "amira hussain"


def test_any_error_in_a_children_file_imports_nothing_and_lists_each_problem():
    bad = list(GOOD)
    bad[3], bad[5], bad[6], bad[12] = "31/02/2015", "A801200005001", "123", "X"
    duplicate = list(GOOD)
    result = import_children(upload("c.csv", children_csv(GOOD, bad, duplicate)))
    problems = {(p.row, p.column) for p in result.problems}
    assert {
        (3, "Date of birth"),
        (3, "UPN"),
        (3, "NHS number"),
        (3, "SEN provision"),
        (4, "UPN"),
        (4, "NHS number"),
    } <= problems
    assert Child.objects.count() == 0


def test_children_import_from_xlsx():
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(CHILD_COLUMNS)
    from datetime import datetime

    row = list(GOOD)
    row[3] = datetime(2015, 5, 14)
    sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = import_children(SimpleUploadedFile("children.xlsx", buffer.getvalue()))
    assert result.ok, result.problems
    assert Child.objects.get().date_of_birth.isoformat() == "2015-05-14"


def test_an_unreadable_spreadsheet_is_reported_not_crashed(area, login):
    client = login("administrator")
    response = client.post(
        reverse("people:import_children"),
        {"file": SimpleUploadedFile("children.xlsx", b"not really a spreadsheet")},
    )
    # The import runs as a background job; its page says why it stopped, and offers no retry.
    soup = check_page(client.get(response["Location"]))
    assert "could not be read" in soup.select_one(".govuk-error-summary").get_text()
    assert not soup.select("#job-retry")


def test_an_administrator_imports_through_the_page_and_sees_problems_by_row(area, login):
    client = login("administrator")
    bad = list(GOOD)
    bad[4] = "Q"
    response = client.post(
        reverse("people:import_children"), {"file": upload("c.csv", children_csv(bad)), "form_token": ""}
    )
    soup = check_page(client.get(response["Location"]))
    assert "Nothing was imported: the file has 1 problem" in soup.select_one("#job-error").get_text()
    rows = [
        [td.get_text(strip=True) for td in tr.select("td")] for tr in soup.select("#import-problems tbody tr")
    ]
    assert rows[0][:2] == ["2", "Sex"]
    assert Child.objects.filter(legal_last_name="Hussain", upn="B801200005001").count() == 0

    response = client.post(
        reverse("people:import_children"),
        {"file": upload("c.csv", children_csv(GOOD)), "form_token": "0a0e1c4a-98d0-4f5e-8d55-1d2c3b4a5e6f"},
    )
    assert response.status_code == 302
    again = client.post(
        reverse("people:import_children"),
        {"file": upload("c.csv", children_csv(GOOD)), "form_token": "0a0e1c4a-98d0-4f5e-8d55-1d2c3b4a5e6f"},
    )
    assert again.status_code == 302
    assert Child.objects.filter(upn="B801200005001").count() == 1
    assert AuditEvent.objects.filter(action=Action.IMPORT).count() == 1


def test_the_sample_files_download(area, login):
    response = login("administrator").get(
        reverse("people:import_sample", args=["children_import_template.csv"])
    )
    assert b"".join(response.streaming_content).decode().startswith("Legal first name,")
    assert (
        login("administrator").get(reverse("people:import_sample", args=["settings.py"])).status_code == 404
    )


def test_the_gias_import_runs_on_the_job_queue_and_its_page_ends_with_the_count(area, login, settings):
    from jobs import services as jobs
    from jobs.models import Job, Status

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    before = Setting.objects.count()
    client = login("administrator")
    sample = (SAMPLES / "gias_establishments_sample.csv").read_text()
    response = client.post(
        reverse("people:import_schools"), {"file": upload("gias.csv", sample), "form_token": ""}
    )
    job = Job.objects.get(kind="people.import_schools")
    assert response.status_code == 302 and response["Location"] == jobs.job_url(job)
    assert Setting.objects.count() == before, "nothing imported in the request"
    assert check_page(client.get(response["Location"])).select_one("progress") is not None

    assert jobs.execute(str(job.public_id)) == Status.SUCCEEDED  # the worker
    added = Setting.objects.count() - before
    soup = check_page(client.get(response["Location"]))
    assert added > 0
    assert soup.select_one("#import-summary").get_text(strip=True) == (
        f"Imported schools and settings: {added} added, 0 updated."
    )
    assert (
        AuditEvent.objects.filter(action=Action.IMPORT, summary="Imported schools and settings").count() == 1
    )
    assert Job.objects.get(pk=job.pk).input_data is None
