"""The jobs layer: a job's lifecycle and progress, failing with a reason and being retried, its
owner-only pages, and the real django-tasks-db worker running a queued job."""

import json

import pytest
from django.core.management import call_command
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from jobs import services
from jobs.models import Job, Status
from jobs.tests.kinds import job_for

pytestmark = pytest.mark.django_db

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def run_worker():
    """The real worker, in batch mode: runs every queued task, then stops."""
    call_command("run_worker", "--batch", "--no-schedule", "--no-startup-delay", "--interval=0", verbosity=0)


def status(client, job):
    response = client.get(reverse("jobs:status", args=[job.public_id]))
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    return json.loads(response.content)


def test_a_job_runs_to_completion_with_its_progress_and_result(area, login):
    manager = area.users["manager"]
    job = job_for(manager, to=7)
    assert job.status == Status.SUCCEEDED and job.attempts == 1
    assert (job.done, job.total, job.percent) == (7, 7, 100)
    assert job.result == {"counted": 7} and job.result_url == "/"
    assert job.started_at <= job.finished_at

    client = login("manager")
    data = status(client, job)
    assert data["finished"] and data["status"] == "succeeded" and data["percent"] == 100
    assert data["url"] == "/" and data["retry_url"] == ""
    soup = client.page(reverse("jobs:detail", args=[job.public_id]))
    bar = soup.select_one("progress#job-progress-bar")
    assert bar["value"] == bar["max"] == "7"
    assert soup.select_one("#job-progress-status")["aria-live"] == "polite"
    assert soup.select_one("#job-result-link")["href"] == "/"
    assert not soup.select("noscript meta"), "a finished job's page does not refresh itself"
    download = client.get(reverse("jobs:download", args=[job.public_id]))
    assert download.content == b"a,b\n1,2\n" and "n.csv" in download["Content-Disposition"]


def test_only_the_owner_can_see_a_job(area, login):
    job = job_for(area.users["manager"])
    for url in (reverse("jobs:detail", args=[job.public_id]), reverse("jobs:status", args=[job.public_id])):
        assert login("caseworker").get(url).status_code == 404
        assert login("manager").get(url).status_code == 200
    assert login("caseworker").post(reverse("jobs:retry", args=[job.public_id])).status_code == 404


def test_a_refused_job_says_why_and_retrying_it_runs_it_again(area, login):
    job = job_for(area.users["manager"], kind="tests.refuse")
    assert job.status == Status.FAILED
    assert job.error == "The census date is not one the DfE collects."
    client = login("manager")
    data = status(client, job)
    assert data["finished"] and data["error"] == job.error
    assert data["retry_url"] == reverse("jobs:retry", args=[job.public_id])
    soup = client.page(reverse("jobs:detail", args=[job.public_id]))
    assert job.error in soup.select_one("#job-error").get_text()
    assert soup.select_one("#job-retry")

    response = client.post(reverse("jobs:retry", args=[job.public_id]))
    assert response["Location"] == reverse("jobs:detail", args=[job.public_id])
    job.refresh_from_db()
    assert job.status == Status.FAILED and job.attempts == 2  # it ran again (and refused again)


def test_an_unexpected_error_gives_a_general_reason_and_a_retry_succeeds(area, login):
    job = job_for(area.users["manager"], kind="tests.flaky")
    assert job.status == Status.FAILED
    assert "Something went wrong" in job.error and str(job.public_id)[:8] in job.error
    assert "timeout" not in job.error, "the exception's own words stay in the log"
    job = services.retry(job)
    assert job.status == Status.SUCCEEDED and job.result == {"attempt": 2} and job.error == ""


def test_a_job_that_cannot_be_helped_by_retrying_is_not_retried(area):
    job = job_for(area.users["manager"], kind="tests.refuse")
    Job.objects.filter(pk=job.pk).update(can_retry=False)
    job.refresh_from_db()
    assert services.retry(job).attempts == 1


def test_retrying_a_finished_job_does_nothing(area):
    job = job_for(area.users["manager"])
    assert services.retry(job).attempts == 1


def test_an_unknown_kind_is_refused_before_anything_is_saved(area):
    with pytest.raises(LookupError):
        services.start("tests.no_such_kind", area.users["manager"])
    assert not Job.objects.exists()


# The worker commits and reconnects as it does in production: a real transaction, not a test's.
@pytest.mark.django_db(transaction=True)
def test_the_worker_runs_a_queued_job_and_the_page_shows_it_waiting_first(area, login, settings):
    settings.TASKS = DATABASE_QUEUE
    job = job_for(area.users["manager"], to=1200)
    assert job.status == Status.QUEUED and job.task_id
    assert DBTaskResult.objects.get(id=job.task_id).task_path == "jobs.tasks.run_job"
    client = login("manager")
    soup = client.page(reverse("jobs:detail", args=[job.public_id]))
    assert soup.select_one("#job-status-tag").get_text(strip=True) == "Waiting to start"
    assert soup.select_one('noscript meta[http-equiv="refresh"]'), "without JavaScript the page refreshes"
    assert soup.select_one("#job-refresh a")
    assert not status(client, job)["finished"]

    run_worker()
    job.refresh_from_db()
    assert job.status == Status.SUCCEEDED and (job.done, job.total) == (1200, 1200)
    assert DBTaskResult.objects.get(id=job.task_id).status == "SUCCESSFUL"


# The worker commits and reconnects as it does in production: a real transaction, not a test's.
@pytest.mark.django_db(transaction=True)
def test_the_worker_records_a_failed_job_and_a_retry_queues_it_once(area, settings):
    settings.TASKS = DATABASE_QUEUE
    job = job_for(area.users["manager"], kind="tests.flaky")
    run_worker()
    job.refresh_from_db()
    assert job.status == Status.FAILED
    assert DBTaskResult.objects.get(id=job.task_id).status == "FAILED"  # the traceback is kept there
    services.retry(job)
    services.retry(Job.objects.get(pk=job.pk))  # a second click finds it queued: nothing more
    assert DBTaskResult.objects.filter(status="READY").count() == 1
    run_worker()
    job.refresh_from_db()
    assert job.status == Status.SUCCEEDED and job.attempts == 2


def test_progress_is_written_as_the_job_goes(area, settings):
    settings.TASKS = DATABASE_QUEUE
    job = job_for(area.users["manager"], to=3)
    seen = []
    progress = services.Progress(job)
    progress(0, 3, "Counting")
    seen.append(Job.objects.values_list("done", "total", "stage").get(pk=job.pk))
    progress(3)
    seen.append(Job.objects.values_list("done", "total", "stage").get(pk=job.pk))
    assert seen == [(0, 3, "Counting"), (3, 3, "Counting")]


def test_finished_jobs_are_deleted_after_the_keeping_period(area):
    from datetime import timedelta

    from django.utils import timezone

    old = job_for(area.users["manager"])
    Job.objects.filter(pk=old.pk).update(finished_at=timezone.now() - timedelta(days=31))
    recent = job_for(area.users["manager"])
    running = job_for(area.users["manager"])
    Job.objects.filter(pk=running.pk).update(status=Status.RUNNING, finished_at=None)
    assert services.prune()["jobs"] == 1
    assert set(Job.objects.values_list("pk", flat=True)) == {recent.pk, running.pk}
