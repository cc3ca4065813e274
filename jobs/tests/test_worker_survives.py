"""A worker that survives: a locked database or a lost connection is waited out, not fatal; a job
stuck "in progress" past its kind's time limit is queued again, then failed with a reason, and never
finishes twice; a job nobody picks up says so on its page; `run_worker --supervise` restarts it."""

import time
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.db import InterfaceError, OperationalError, connection
from django.db.models import F
from django.db.models.query import QuerySet
from django.urls import reverse
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from jobs import db, heartbeat, registry, services
from jobs.management.commands import run_worker as worker_command
from jobs.models import BEHIND_OTHERS, NO_WORKER, Job, Status
from jobs.tests.kinds import job_for

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
T0 = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)


@pytest.fixture
def queue(settings):
    """Jobs wait in the database queue (as in production) instead of running at once."""
    settings.TASKS = DATABASE_QUEUE


def killed_mid_run(job, at):
    """What a worker killed while running `job` leaves behind: its claim, and nothing more."""
    Job.objects.filter(pk=job.pk).update(status=Status.RUNNING, started_at=at, attempts=F("attempts") + 1)
    job.refresh_from_db()


# Stuck jobs ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_stuck_job_is_queued_again_after_its_time_limit_then_runs(area, queue):
    with time_machine.travel(T0, tick=False):
        job = job_for(area.users["manager"], to=3)
    limit = registry.time_limit("tests.count")
    killed_mid_run(job, T0)
    first_task = job.task_id

    assert services.recover_stuck(now=T0 + limit - timedelta(seconds=1)) == {"requeued": 0, "failed": 0}
    assert Job.objects.get(pk=job.pk).status == Status.RUNNING, "within its limit it is left alone"

    assert services.recover_stuck(now=T0 + limit + timedelta(seconds=1)) == {"requeued": 1, "failed": 0}
    job.refresh_from_db()
    assert job.status == Status.QUEUED and job.queued_at == T0 + limit + timedelta(seconds=1)
    assert job.task_id != first_task and DBTaskResult.objects.get(id=job.task_id).status == "READY"
    assert services.recover_stuck(now=T0 + 2 * limit) == {"requeued": 0, "failed": 0}, "once only"

    assert services.execute(str(job.public_id)) == Status.SUCCEEDED
    job.refresh_from_db()
    assert job.status == Status.SUCCEEDED and job.attempts == 2 and job.result == {"counted": 3}


@pytest.mark.django_db
def test_a_job_whose_worker_stopped_beating_is_queued_again_long_before_its_time_limit(area, queue, settings):
    """A worker killed mid-job leaves its heartbeat behind: once it is older than
    JOB_HEARTBEAT_STALE_SECONDS the job is restarted, though its kind's time limit is far off."""
    settings.JOB_HEARTBEAT_STALE_SECONDS = 90
    with time_machine.travel(T0, tick=False):
        job = job_for(area.users["manager"], to=3)
    killed_mid_run(job, T0)
    Job.objects.filter(pk=job.pk).update(heartbeat_at=T0 + timedelta(minutes=2))
    assert registry.time_limit("tests.count") > timedelta(minutes=10)

    beat = T0 + timedelta(minutes=2)
    assert services.recover_stuck(now=beat + timedelta(seconds=89)) == {"requeued": 0, "failed": 0}
    assert services.recover_stuck(now=beat + timedelta(seconds=91)) == {"requeued": 1, "failed": 0}
    job.refresh_from_db()
    assert job.status == Status.QUEUED
    assert services.execute(str(job.public_id)) == Status.SUCCEEDED


@pytest.mark.django_db
def test_a_job_this_process_is_running_is_not_taken_for_lost_when_its_heartbeat_was_held_up(
    area, queue, settings, monkeypatch
):
    """On SQLite a long write (an import's transaction) holds up the heartbeat too: the worker's own
    housekeeping knows the job is still running here."""
    settings.JOB_HEARTBEAT_STALE_SECONDS = 90
    with time_machine.travel(T0, tick=False):
        job = job_for(area.users["manager"], to=3)
    killed_mid_run(job, T0)
    Job.objects.filter(pk=job.pk).update(heartbeat_at=T0)
    monkeypatch.setattr(heartbeat, "RUNNING_HERE", {job.pk})
    assert services.recover_stuck(now=T0 + timedelta(minutes=5)) == {"requeued": 0, "failed": 0}
    monkeypatch.setattr(heartbeat, "RUNNING_HERE", set())
    assert services.recover_stuck(now=T0 + timedelta(minutes=5)) == {"requeued": 1, "failed": 0}


@pytest.mark.django_db
def test_a_job_still_beating_is_left_alone_until_its_time_limit(area, queue, settings):
    settings.JOB_HEARTBEAT_STALE_SECONDS = 90
    with time_machine.travel(T0, tick=False):
        job = job_for(area.users["manager"], to=3)
    killed_mid_run(job, T0)
    limit = registry.time_limit("tests.count")
    Job.objects.filter(pk=job.pk).update(heartbeat_at=T0 + limit)
    assert services.recover_stuck(now=T0 + limit - timedelta(seconds=1)) == {"requeued": 0, "failed": 0}
    assert services.recover_stuck(now=T0 + limit + timedelta(seconds=1)) == {"requeued": 1, "failed": 0}


@pytest.mark.django_db(transaction=True)
def test_the_worker_writes_a_heartbeat_while_it_runs_a_job(area, settings, monkeypatch):
    settings.JOB_HEARTBEAT_SECONDS = 0.05
    job = job_for(area.users["manager"], to=1)
    Job.objects.filter(pk=job.pk).update(status=Status.RUNNING, attempts=1, heartbeat_at=T0)
    this_run = Job.objects.filter(pk=job.pk, status=Status.RUNNING, attempts=1)
    with heartbeat.beating(this_run):
        time.sleep(0.5)
    job.refresh_from_db()
    assert job.heartbeat_at > T0 + timedelta(days=1)


@pytest.mark.django_db
def test_a_job_stuck_on_its_last_allowed_run_fails_with_a_reason(area, queue):
    job = job_for(area.users["manager"])
    limit = registry.time_limit("tests.count")
    for _ in range(registry.max_attempts("tests.count")):
        killed_mid_run(job, T0)
        Job.objects.filter(pk=job.pk).update(status=Status.QUEUED)
    Job.objects.filter(pk=job.pk).update(status=Status.RUNNING)

    assert services.recover_stuck(now=T0 + limit + timedelta(minutes=1)) == {"requeued": 0, "failed": 1}
    job.refresh_from_db()
    assert job.status == Status.FAILED and job.can_retry and job.finished_at
    assert "stopped before it finished" in job.error
    assert f"{limit.seconds // 60} minutes" in job.error and str(job.public_id)[:8] in job.error
    assert services.retry(job).status == Status.QUEUED, "its owner can start it again"


@pytest.mark.django_db
def test_a_restarted_job_finishes_once_even_if_its_first_run_was_only_slow(area, queue):
    job = job_for(area.users["manager"], kind="tests.overtaken")
    # The first run: overtaken by the second, which finishes; the first's own ending is refused.
    assert services.execute(str(job.public_id)) == "superseded"
    job.refresh_from_db()
    assert job.status == Status.SUCCEEDED and job.attempts == 2
    assert job.result == {"run": 2}, "the ending recorded is the second run's, and only that"


@pytest.mark.django_db
def test_an_overtaken_run_stops_at_its_next_progress_report(area, queue):
    job = job_for(area.users["manager"], kind="tests.overtaken", then="progress")
    assert services.execute(str(job.public_id)) == "superseded"
    job.refresh_from_db()
    assert job.status == Status.SUCCEEDED and job.result == {"run": 2} and job.stage == ""


# A job no worker picks up ----------------------------------------------------------------------


def notice(client, job):
    soup = client.page(reverse("jobs:detail", args=[job.public_id]))
    box = soup.select_one("#job-notice")
    assert soup.select_one('noscript meta[http-equiv="refresh"]'), "the page keeps refreshing itself"
    return "" if box.has_attr("hidden") else soup.select_one("#job-notice-text").get_text(strip=True)


@pytest.mark.django_db
def test_a_job_no_worker_picks_up_within_a_minute_says_the_worker_is_not_running(area, login, queue):
    with time_machine.travel(T0, tick=False):
        job = job_for(area.users["manager"])
    client = login("manager")
    with time_machine.travel(T0 + timedelta(seconds=59), tick=False):
        assert notice(client, job) == ""
        assert client.get(reverse("jobs:status", args=[job.public_id])).json()["notice"] == ""
    with time_machine.travel(T0 + timedelta(seconds=61), tick=False):
        assert notice(client, job) == "The background worker is not running. Tell your administrator."
        assert client.get(reverse("jobs:status", args=[job.public_id])).json()["notice"] == NO_WORKER


@pytest.mark.django_db
def test_a_job_waiting_behind_a_running_one_says_so_instead(area, login, queue):
    with time_machine.travel(T0, tick=False):
        busy = job_for(area.users["caseworker"])
        job = job_for(area.users["manager"])
    killed_mid_run(busy, T0 + timedelta(seconds=30))
    client = login("manager")
    with time_machine.travel(T0 + timedelta(minutes=5), tick=False):
        assert notice(client, job) == BEHIND_OTHERS
    # Once the running job is past its own limit it is no sign of a live worker.
    with time_machine.travel(T0 + registry.time_limit("tests.count") + timedelta(minutes=1), tick=False):
        assert notice(client, job) == NO_WORKER


@pytest.mark.django_db
def test_a_retried_job_counts_its_wait_from_when_it_was_queued_again(area, login, queue):
    with time_machine.travel(T0, tick=False):
        job = job_for(area.users["manager"], kind="tests.refuse")
    Job.objects.filter(pk=job.pk).update(status=Status.FAILED)
    with time_machine.travel(T0 + timedelta(hours=1), tick=False):
        services.retry(Job.objects.get(pk=job.pk))
        assert notice(login("manager"), job) == ""


# A locked database or a lost connection --------------------------------------------------------

LOCKED = OperationalError("database is locked")


def failing_first(original, times=1, error=LOCKED):
    calls = {"n": 0}

    def patched(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] <= times:
            raise error
        return original(*args, **kwargs)

    return patched, calls


# Outside a test's transaction, as in the worker (inside one, a retry cannot help and is not tried).
@pytest.mark.django_db(transaction=True)
def test_claiming_and_finishing_a_job_wait_out_a_locked_database(area, queue, monkeypatch):
    job = job_for(area.users["manager"], to=2)
    patched, calls = failing_first(QuerySet.update, times=2)
    monkeypatch.setattr(QuerySet, "update", patched)
    monkeypatch.setattr(db, "FIRST_PAUSE", 0.001)
    assert services.execute(str(job.public_id)) == Status.SUCCEEDED
    job.refresh_from_db()
    assert calls["n"] > 2 and job.status == Status.SUCCEEDED and job.attempts == 1


@pytest.mark.django_db(transaction=True)  # outside a transaction, where a retry could be tried
def test_retrying_gives_up_on_errors_that_waiting_cannot_mend():
    connection.ensure_connection()  # it answers: the error is not a lost connection
    patched, calls = failing_first(lambda: "done", times=1, error=OperationalError("no such table: x"))
    with pytest.raises(OperationalError):
        db.retrying(patched, sleep=lambda s: None)
    assert calls["n"] == 1


@pytest.mark.django_db(transaction=True)
def test_retrying_reopens_a_lost_connection(monkeypatch):
    pauses, closed = [], []
    answers = iter([False, False])  # the server went away: the connection no longer answers
    monkeypatch.setattr(connection, "is_usable", lambda: next(answers, True))
    real_close = connection.close
    monkeypatch.setattr(connection, "close", lambda: closed.append(1) or real_close())

    def query():
        if not pauses:
            raise InterfaceError("connection already closed")
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone()[0]

    assert db.retrying(query, sleep=pauses.append) == 1
    assert len(pauses) == 1 and closed, "closed, so that Django opens a new connection"


@pytest.mark.django_db(transaction=True)
def test_the_worker_carries_on_when_the_database_is_locked_as_it_claims(area, settings, monkeypatch):
    settings.TASKS = DATABASE_QUEUE
    job = job_for(area.users["manager"], to=3)
    real = db_worker.exclusive_transaction
    attempts = {"n": 0}

    @contextmanager
    def locked_once(using=None):
        attempts["n"] += 1
        if attempts["n"] == 1:
            raise LOCKED  # BEGIN EXCLUSIVE found another writer: outside db_worker's own retry
        with real(using):
            yield

    monkeypatch.setattr(db_worker, "exclusive_transaction", locked_once)
    monkeypatch.setattr(worker_command.SturdyWorker, "sleep", staticmethod(lambda s: None))
    call_command("run_worker", "--batch", "--no-schedule", "--no-startup-delay", "--interval=0", verbosity=0)
    job.refresh_from_db()
    assert attempts["n"] > 1 and job.status == Status.SUCCEEDED


@pytest.mark.django_db(transaction=True)
def test_the_worker_run_restarts_a_stuck_job_before_taking_work(area, settings):
    settings.TASKS = DATABASE_QUEUE
    job = job_for(area.users["manager"], to=2)
    DBTaskResult.objects.filter(id=job.task_id).update(status="RUNNING")  # the killed worker's claim
    killed_mid_run(job, T0)
    call_command("run_worker", "--batch", "--no-schedule", "--no-startup-delay", "--interval=0", verbosity=0)
    job.refresh_from_db()
    assert job.status == Status.SUCCEEDED and job.attempts == 2
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"FAILED", "SUCCESSFUL"}


# Supervision -----------------------------------------------------------------------------------


class FakeWorker:
    def __init__(self, code):
        self.code = code

    def wait(self):
        return self.code

    def poll(self):
        return self.code


def test_the_supervisor_starts_the_worker_again_each_time_it_exits():
    started, pauses = [], []

    def spawn(argv):
        started.append(argv)
        return FakeWorker(1 if len(started) == 1 else 0)

    code = worker_command.supervise_worker(
        ["run_worker"], spawn=spawn, sleep=pauses.append, should_stop=lambda: len(started) == 3
    )
    assert code == 0 and started == [["run_worker"]] * 3
    assert pauses == [worker_command.RESTART_PAUSE] * 3
