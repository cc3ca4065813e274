"""Liveness and readiness: open to the load balancer, and readiness fails when a check does."""

import json

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_liveness_answers_without_signing_in():
    response = Client().get("/health/", headers={"accept": "application/json"})
    assert response.status_code == 200
    assert json.loads(response.content) == {}


def test_readiness_checks_the_database_document_storage_and_job_queue(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    response = Client().get("/ready/", headers={"accept": "application/json"})
    assert response.status_code == 200
    body = json.loads(response.content)
    assert len(body) == 3 and set(body.values()) == {"OK"}
    assert any("JobQueue" in check for check in body)
    assert not any(tmp_path.rglob("*.txt")), "the storage check leaves no file behind"


def test_readiness_fails_when_documents_cannot_be_written(settings, tmp_path):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the documents folder should be")
    settings.MEDIA_ROOT = blocked
    response = Client().get("/ready/", headers={"accept": "application/json"})
    assert response.status_code == 500
    assert "OK" in json.loads(response.content).values()  # the database still answers


# The checks run in threads with their own connections: the data they read must be committed.
@pytest.mark.django_db(transaction=True)
def test_the_worker_check_fails_when_a_job_has_waited_too_long(settings):
    from datetime import timedelta

    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    from jobs.tasks import run_scheduled

    assert Client().get("/health/worker/", headers={"accept": "application/json"}).status_code == 200
    result = run_scheduled.enqueue("casework.send_reminders", "2026-03-10")
    assert Client().get("/health/worker/", headers={"accept": "application/json"}).status_code == 200
    DBTaskResult.objects.filter(id=result.id).update(enqueued_at=timezone.now() - timedelta(minutes=16))
    response = Client().get("/health/worker/", headers={"accept": "application/json"})
    assert response.status_code == 500
    assert "is a worker running?" in json.dumps(json.loads(response.content))
