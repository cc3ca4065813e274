"""Import and export of services: nothing is written unless every row is right, and an export
can be imported again unchanged."""

import csv
import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from core.idempotency import TOKEN_FIELD, new_token
from core.tests.list_export_helpers import csv_lines, export_job, exported
from directory import imports, queries, search
from directory.models import Organization, Service
from directory.tests.factories import make_service, owner, postcode

pytestmark = pytest.mark.django_db
TEMPLATE = Path(__file__).resolve().parent.parent / "data" / "services_import_template.csv"


def csv_file(rows, name="services.csv"):
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=imports.COLUMNS)
    writer.writeheader()
    for row in rows:
        writer.writerow(row)
    return SimpleUploadedFile(name, buffer.getvalue().encode())


def row(**values):
    base = {
        "Name": "Sensory Club",
        "Organisation": "Brookfield Play",
        "What it is": "Play.",
        "Funding": "voluntary",
    }
    return base | values


def test_the_shipped_template_imports():
    postcode("BF3 4AB", 53.84, -1.77)
    result = imports.import_services(SimpleUploadedFile("t.csv", TEMPLATE.read_bytes()))
    assert result.ok, result.problems
    service = Service.objects.get()
    assert service.name == "Saturday Sensory Club"
    assert sorted(t.code for t in service.taxonomy_terms.all()) == [
        "autism",
        "leisure",
        "sensory",
        "short-breaks",
    ]
    location = service.service_at_locations.get().location
    assert (location.postcode, location.latitude) == ("BF3 4AB", 53.84)
    assert [s.name for s in search.search(queries.listed_services(), "sensory club").services] == [
        service.name
    ]


def test_one_bad_row_means_nothing_is_imported_and_every_problem_is_listed():
    result = imports.import_services(
        csv_file(
            [
                row(Name="Good row"),
                row(Name="", Funding="money", **{"Youngest age": "ten", "Oldest age": "5"}),
                row(Categories="short-breaks; flying", Email="not-an-email", Postcode="nowhere"),
                row(**{"Owner email": "nobody@example.org", "Review due": "31/02/2025", "ID": "123"}),
            ]
        )
    )
    assert not result.ok
    problems = {(p.row, p.column) for p in result.problems}
    assert {(3, "Name"), (3, "Funding"), (3, "Youngest age")} <= problems
    assert {(4, "Categories"), (4, "Email"), (4, "Postcode")} <= problems
    assert {(5, "Owner email"), (5, "Review due"), (5, "ID")} <= problems
    assert (2, "Name") not in problems
    assert not Service.objects.exists()
    assert not Organization.objects.exists()


def test_missing_columns_are_reported():
    upload = SimpleUploadedFile("s.csv", b"Name,Organisation\nClub,Org\n")
    result = imports.import_services(upload)
    assert {p.column for p in result.problems} == {"What it is", "Funding"}


def test_export_then_import_updates_in_place():
    provider = owner("club.owner")
    service = make_service(
        name="Club",
        owner=provider,
        tags=["leisure"],
        phone="01632 960001",
        postcode="BF1 1AA",
        town="Alderley",
    )
    exported = list(imports.export_rows(Service.objects.all()))
    assert exported[0][0] == str(service.pk)
    data = dict(zip(imports.COLUMNS, exported[0], strict=True))
    data = {k: "" if v is None else str(v) for k, v in data.items()}
    data["Name"] = "Club (renamed)"
    result = imports.import_services(csv_file([data]))
    assert result.ok, result.problems
    assert (result.created, result.updated) == (0, 1)
    service.refresh_from_db()
    assert (service.name, service.owner, service.version) == ("Club (renamed)", provider, 2)
    assert [t.code for t in service.taxonomy_terms.all()] == ["leisure"]
    assert list(imports.export_rows(Service.objects.all()))[0][1:] == [data["Name"], *exported[0][2:]]


def test_the_same_id_twice_is_a_problem():
    service = make_service(name="Club")
    result = imports.import_services(csv_file([row(ID=str(service.pk)), row(ID=str(service.pk))]))
    assert [(p.row, p.column) for p in result.problems] == [(3, "ID")]


def test_xlsx_imports_too():
    book = Workbook()
    sheet = book.active
    sheet.append(imports.COLUMNS)
    values = row(**{"Youngest age": 5, "Oldest age": 11})
    sheet.append([values.get(c, None) for c in imports.COLUMNS])
    buffer = io.BytesIO()
    book.save(buffer)
    result = imports.import_services(SimpleUploadedFile("s.xlsx", buffer.getvalue()))
    assert result.ok, result.problems
    assert Service.objects.get().age_range == "5 to 11 years old"


def test_the_import_runs_on_the_job_queue_its_page_shows_problems_by_row_and_changes_nothing(login, settings):
    from jobs import services as jobs
    from jobs.models import Job, Status

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    editor = login("manager")
    upload = csv_file([row(Funding="money")])
    response = editor.post(reverse("directory:import_services"), {TOKEN_FIELD: new_token(), "file": upload})
    job = Job.objects.get(kind="directory.import_services")
    assert response.status_code == 302 and response["Location"] == jobs.job_url(job)
    assert jobs.execute(str(job.public_id)) == Status.FAILED  # the worker
    page = editor.page(response["Location"])
    assert "Nothing was imported" in page.select_one("#job-error").get_text()
    assert page.select_one("#import-problems tbody tr td").get_text(strip=True) == "2"
    assert not Service.objects.exists()

    response = editor.post(
        reverse("directory:import_services"), {TOKEN_FIELD: new_token(), "file": csv_file([row()])}
    )
    assert response.status_code == 302
    assert not Service.objects.exists(), "nothing imported in the request"
    assert jobs.execute(response["Location"].split("/")[2]) == Status.SUCCEEDED
    page = editor.page(response["Location"])
    assert page.select_one("#import-summary").get_text(strip=True) == "Imported services: 1 added, 0 updated."
    assert Service.objects.count() == 1


def test_editors_download_every_service_in_the_import_format(login):
    make_service(name="Club")
    make_service(name="Swim")
    lines = csv_lines(exported(login("manager"), reverse("directory:service_list") + "?format=csv"))
    assert lines[0].split(",")[:3] == ["ID", "Name", "Organisation"]
    assert [line.split(",")[1] for line in lines[1:]] == ["Club", "Swim"]
    # On the job queue (issue 22): the page's search applies, and the file is its owner's alone.
    job = export_job(login("manager"), reverse("directory:service_list") + "?q=swim&format=csv")
    lines = csv_lines(login("manager").get(reverse("jobs:download", args=[job.public_id])))
    assert [line.split(",")[1] for line in lines[1:]] == ["Swim"]
    assert login("caseworker").get(reverse("jobs:download", args=[job.public_id])).status_code == 404


def test_the_editors_list_filters_by_name_and_by_overdue_review_through_its_form(login):
    from datetime import date

    make_service(name="Club", review_due=date(2000, 1, 1))
    make_service(name="Swim", review_due=date(2999, 1, 1))
    client = login("manager")

    def names(query):
        page = client.page(reverse("directory:service_list") + query)
        return page, [a.get_text(strip=True) for a in page.select("table tbody tr td:first-child a")]

    page, overdue = names("?overdue=yes")
    assert overdue == ["Club"] and page.select_one("input#overdue[checked]")
    assert names("?q=swim")[1] == ["Swim"]
    assert page.select_one("label[for='q']").get_text(strip=True) == "Service or organisation name"
