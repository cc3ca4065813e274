"""Scheduled tasks are safe with two workers: each (task, day) is claimed once in the database, in
the same transaction as its enqueue, so a second worker enqueues nothing. Checked with real
concurrent claims from two threads (two database connections) on SQLite and on PostgreSQL."""

import threading
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django_tasks_db.models import DBTaskResult

from jobs import schedule
from jobs.models import ScheduledRun

LONDON = ZoneInfo("Europe/London")
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
EVERY_TASK = {
    "performance.snapshot_kpis",
    "casework.send_reminders",
    "casework.refresh_stored_clocks",
    "reviews.send_review_reminders",
    "reviews.refresh_stored_clocks",
    "improvement.remind_action_leads",
    "directory.directory_reminders",
    "waiting.send_register_reminders",
}


def at(hour, minute=0):
    return datetime(2026, 3, 10, hour, minute, tzinfo=LONDON)


def together(work, count=2):
    """Run `work()` in `count` threads released at the same moment; their results."""
    barrier = threading.Barrier(count)
    results, errors = [], []

    def run():
        try:
            barrier.wait()
            results.append(work())
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert not errors, errors
    return results


def test_every_scheduled_task_is_declared():
    assert set(schedule.SCHEDULE) >= EVERY_TASK


@pytest.mark.django_db
def test_a_period_is_claimed_once():
    assert schedule.claim("casework.send_reminders", "2026-03-10", "worker-a")
    assert not schedule.claim("casework.send_reminders", "2026-03-10", "worker-b")
    assert schedule.claim("casework.send_reminders", "2026-03-11", "worker-b")
    assert ScheduledRun.objects.get(period="2026-03-10").claimed_by == "worker-a"


@pytest.mark.django_db(transaction=True)
def test_two_workers_claiming_at_the_same_moment_get_one_claim():
    for period in ("2026-03-10", "2026-03-11", "2026-03-12"):
        results = together(lambda p=period: schedule.claim("performance.snapshot_kpis", p, "w"))
        assert sorted(results) == [False, True], period
    assert ScheduledRun.objects.count() == 3


@pytest.mark.django_db(transaction=True)
def test_two_workers_enqueue_each_task_once_a_day(settings):
    settings.TASKS = DATABASE_QUEUE
    together(lambda: schedule.enqueue_due(now=at(8), worker=threading.current_thread().name))
    queued = list(DBTaskResult.objects.values_list("args_kwargs", flat=True))
    names = [task["args"][0] for task in queued]
    assert set(names) >= EVERY_TASK
    assert len(names) == len(set(names)), "no task was enqueued twice"
    assert schedule.enqueue_due(now=at(23)) == [], "later the same day there is nothing more to do"


@pytest.mark.django_db
def test_tasks_are_due_only_from_their_time_of_day(settings):
    settings.TASKS = DATABASE_QUEUE
    assert schedule.enqueue_due(now=at(1)) == []
    assert schedule.enqueue_due(now=at(3)) == ["performance.snapshot_kpis"]
    assert "casework.send_reminders" in schedule.enqueue_due(now=at(7, 40))
    assert DBTaskResult.objects.count() == len(schedule.SCHEDULE)


@pytest.mark.django_db
def test_a_scheduled_task_runs_and_records_its_outcome(area):
    # The tests' ImmediateBackend runs the enqueued task at once, as a worker would.
    assert "performance.snapshot_kpis" in schedule.enqueue_due(now=at(3))
    run = ScheduledRun.objects.get(name="performance.snapshot_kpis", period="2026-03-10")
    assert run.finished_at is not None
    assert "created" in run.outcome and "updated" in run.outcome
