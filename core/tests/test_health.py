"""Liveness and readiness: open to the load balancer, and readiness fails when a check does."""

import json

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_liveness_answers_without_signing_in():
    response = Client().get("/health/", headers={"accept": "application/json"})
    assert response.status_code == 200
    assert json.loads(response.content) == {}


def test_readiness_checks_the_database_and_document_storage(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    response = Client().get("/ready/", headers={"accept": "application/json"})
    assert response.status_code == 200
    body = json.loads(response.content)
    assert len(body) == 2 and set(body.values()) == {"OK"}
    assert not any(tmp_path.rglob("*.txt")), "the storage check leaves no file behind"


def test_readiness_fails_when_documents_cannot_be_written(settings, tmp_path):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the documents folder should be")
    settings.MEDIA_ROOT = blocked
    response = Client().get("/ready/", headers={"accept": "application/json"})
    assert response.status_code == 500
    assert "OK" in json.loads(response.content).values()  # the database still answers
