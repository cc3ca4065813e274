"""The referral list's export runs on the job queue: the old export link starts the job and sends
the officer to its page, which ends with the file to download. Filters apply, each referral
exported is audited as read by the officer, and a second click while it runs starts nothing more."""

import csv
import io

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from jobs import services
from jobs.models import Job, Status
from waiting.jobs import EXPORT_REFERRALS_JOB
from waiting.tests.factories import ReferralFactory, pathways

pytestmark = pytest.mark.django_db
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def export(client, query):
    response = client.get(reverse("waiting:referral_list") + query)
    assert response.status_code == 302
    job = Job.objects.get(public_id=response["Location"].rstrip("/").rsplit("/", 1)[1])
    assert response["Location"] == services.job_url(job)
    return job


def test_the_export_link_starts_a_job_whose_page_ends_with_the_download(area, login):
    ReferralFactory(provider_reference="A-1", pathway=pathways()["autism"])
    ReferralFactory(provider_reference="C-1", pathway=pathways()["camhs"])
    client = login("health_officer")
    job = export(client, f"?format=csv&pathway={pathways()['camhs'].public_id}")
    assert job.kind == EXPORT_REFERRALS_JOB and job.status == Status.SUCCEEDED
    assert (job.done, job.total) == (1, 1)

    soup = client.page(services.job_url(job))
    link = soup.select_one(f'a[href="{reverse("jobs:download", args=[job.public_id])}"]')
    assert link and "referrals.csv" in link.get_text()
    response = client.get(link["href"])
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][0] == "Provider reference" and [r[0] for r in rows[1:]] == ["C-1"], "filtered"

    officer = job.owner
    exported = AuditEvent.objects.filter(actor=officer, summary__startswith="Exported")
    assert exported.count() == 1 and exported.get().path == reverse("waiting:referral_list")


def test_a_second_click_while_the_export_waits_starts_nothing_more(area, login, settings):
    settings.TASKS = DATABASE_QUEUE
    ReferralFactory()
    client = login("health_officer")
    first = export(client, "?format=xlsx&status=waiting")
    assert first.status == Status.QUEUED
    assert export(client, "?format=xlsx&status=waiting") == first
    other = export(client, "?format=csv&status=waiting")
    assert other != first, "another format is another file"
    assert services.execute(str(first.public_id)) == Status.SUCCEEDED
    assert export(client, "?format=xlsx&status=waiting") != first, "a finished one is not reused"


def test_the_export_of_a_large_list_reports_progress_as_it_goes(area, login, settings, monkeypatch):
    from waiting import jobs

    monkeypatch.setattr(jobs, "EXPORT_CHUNK", 2)
    ReferralFactory.create_batch(5)
    seen = []
    real = services.Progress.__call__

    def spy(self, done, total=None, stage=None):
        seen.append((done, total, stage))
        return real(self, done, total, stage)

    monkeypatch.setattr(services.Progress, "__call__", spy)
    job = export(login("health_officer"), "?format=csv")
    assert seen[0] == (0, 5, "Reading the referrals") and (2, None, None) in seen and (4, None, None) in seen
    assert job.status == Status.SUCCEEDED and job.result == {"rows": 5}
    assert AuditEvent.objects.filter(summary__startswith="Exported").count() == 5
