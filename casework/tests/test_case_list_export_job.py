"""Issue 22: the case lists' exports run on the job queue (core/list_exports.py). The link starts
one job (a second click while it waits starts nothing more) and sends its visitor to the job's page,
which ends with the file: the same rows, filters and search as the page, built as the person who
asked; nobody else can fetch it, and who has lost the right to export by the time it runs gets none."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from accounts.roles import Role
from casework.tests.factories import open_case
from core.tests.list_export_helpers import csv_lines, export_job, exported
from jobs import services
from jobs.models import Status
from people.tests.factories import ChildFactory, UserFactory

pytestmark = pytest.mark.django_db
ALL = reverse("casework:case_list")
MINE = reverse("casework:my_cases")
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(datetime(2026, 9, 1, 10, tzinfo=ZoneInfo("Europe/London")), tick=False):
        yield


@pytest.fixture
def cases(area):
    colleague = UserFactory(role=Role.CASEWORKER)
    return {
        "mine": open_case(area.own_child, date(2026, 6, 1), caseworker=area.users["caseworker"]),
        "theirs": open_case(area.other_child, date(2026, 7, 24), caseworker=colleague),
        "nobodys": open_case(ChildFactory(legal_last_name="Quayle"), date(2026, 8, 20)),
    }


def column(lines, n=0):
    return [line.split(",")[n] for line in lines[1:]]


def test_the_export_has_the_pages_rows_in_its_order_with_its_filters(area, login, cases):
    client = login("manager")
    lines = csv_lines(exported(client, ALL + "?sort=-deadline&format=csv"))
    assert column(lines) == [c.reference for c in (cases["nobodys"], cases["theirs"], cases["mine"])]
    assert column(csv_lines(exported(client, ALL + "?caseworker=none&format=csv"))) == [
        cases["nobodys"].reference
    ]


def test_my_cases_are_built_as_the_caseworker_who_asked(area, login, cases):
    lines = csv_lines(exported(login("caseworker"), MINE + "?format=csv"))
    assert column(lines) == [cases["mine"].reference]


def test_a_search_applies_to_the_export_and_its_words_stay_out_of_the_job(area, login, cases):
    client = login("manager")
    listed = client.post(ALL, {"q": "Quayle"})["Location"]
    job = export_job(client, listed + "&format=csv")
    assert "quayle" not in job.params["query"].lower()
    response = client.get(reverse("jobs:download", args=[job.public_id]))
    assert column(csv_lines(response)) == [cases["nobodys"].reference]


def test_nobody_else_can_open_or_download_the_file(area, login, cases):
    job = export_job(login("manager"), ALL + "?format=xlsx")
    assert job.status == Status.SUCCEEDED and job.result_file_name == "cases.xlsx"
    download = reverse("jobs:download", args=[job.public_id])
    assert login("manager").page(services.job_url(job)).select_one(f'a[href="{download}"]')
    for other in ("caseworker", "panel", "administrator"):
        client = login(other)
        assert client.get(reverse("jobs:download", args=[job.public_id])).status_code == 404, other
        assert client.get(services.job_url(job)).status_code == 404, other


def test_a_second_click_while_it_waits_starts_nothing_more(area, login, cases, settings):
    settings.TASKS = DATABASE_QUEUE
    client = login("manager")
    first = export_job(client, ALL + "?status=overdue&format=csv")
    assert first.status == Status.QUEUED
    assert export_job(client, ALL + "?format=csv&status=overdue&page=2") == first, "same filters, same file"
    assert export_job(client, ALL + "?status=overdue&format=xlsx") != first
    assert export_job(client, ALL + "?status=on_track&format=csv") != first


def test_who_may_no_longer_export_when_the_job_runs_gets_no_file(area, login, cases, settings):
    settings.TASKS = DATABASE_QUEUE
    job = export_job(login("manager"), ALL + "?format=csv")
    manager = area.users["manager"]
    manager.role = Role.PANEL
    manager.save()
    assert services.execute(str(job.public_id)) == Status.FAILED
    job.refresh_from_db()
    assert job.result_file is None and "not allowed" in job.error


def test_a_large_export_reports_its_progress_as_it_goes(area, login, cases, monkeypatch):
    from core import jobs

    monkeypatch.setattr(jobs, "EXPORT_CHUNK", 2)
    for _ in range(3):
        open_case(ChildFactory(), date(2026, 8, 1))
    seen = []
    real = services.Progress.__call__

    def spy(self, done, total=None, stage=None):
        seen.append((done, total, stage))
        return real(self, done, total, stage)

    monkeypatch.setattr(services.Progress, "__call__", spy)
    job = export_job(login("manager"), ALL + "?format=csv")
    assert seen[0] == (0, 6, "Reading the rows") and (2, None, None) in seen and (4, None, None) in seen
    assert job.status == Status.SUCCEEDED and job.result == {"rows": 6}
