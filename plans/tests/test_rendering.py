"""A plan's PDF and Word file are rendered on the job queue, not in the request, and kept per plan
version: the first request sends its visitor to the job's page (a progress bar, ending with the
download link); the next is served from the kept file; an edited draft is rendered again. Who may
read the version is checked on every download, so a kept file is never anyone else's."""

import pytest
from django.urls import reverse

from jobs import services as jobs
from jobs.models import Job, Status
from plans import documents, rendering
from plans.models import RenderedDocument
from plans.tests.factories import draft_plan, issued_plan

pytestmark = pytest.mark.django_db
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.fixture
def renders(monkeypatch):
    """Counts WeasyPrint renderings."""
    calls = []
    real = documents.render_pdf

    def counting(plan, content):
        calls.append(content.version.pk)
        return real(plan, content)

    monkeypatch.setattr(documents, "render_pdf", counting)
    return calls


def test_the_first_download_goes_through_a_job_page_and_the_second_is_instant(area, login, settings, renders):
    settings.TASKS = DATABASE_QUEUE  # jobs wait for the worker, as in production
    plan, version = issued_plan(area.own_child)
    url = reverse("plans:version_pdf", args=[plan.public_id, 1])
    parent = login("parent")

    response = parent.get(url)
    job = Job.objects.get(kind=rendering.RENDER_JOB)
    assert response.status_code == 302 and response["Location"] == jobs.job_url(job), (
        "not rendered in the request"
    )
    assert renders == [] and job.owner == area.users["parent"] and job.status == Status.QUEUED
    assert parent.get(url)["Location"] == jobs.job_url(job), "a second click joins the job under way"
    assert Job.objects.filter(kind=rendering.RENDER_JOB).count() == 1
    page = parent.page(jobs.job_url(job))
    assert page.select_one("progress") is not None and page.select_one("#job-refresh") is not None

    assert jobs.execute(str(job.public_id)) == Status.SUCCEEDED  # the worker
    page = parent.page(jobs.job_url(job))
    link = page.select_one("#job-result-link")
    assert link["href"] == url and link.get_text(strip=True) == "Download the plan (PDF)"

    response = parent.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert bytes(response.content).startswith(b"%PDF") and renders == [version.pk]
    assert login("caseworker").get(url).status_code == 200, "staff read the same kept file"
    assert renders == [version.pk] and Job.objects.count() == 1


def test_a_kept_file_is_never_served_to_a_family_the_plan_is_not_theirs(area, login):
    plan, version = issued_plan(area.other_child)
    rendering.render_and_keep(plan, version, "pdf")
    for persona in ("parent", "young_person"):
        assert login(persona).get(reverse("plans:version_pdf", args=[plan.public_id, 1])).status_code == 404
    assert not Job.objects.exists()


def test_a_draft_edited_after_it_was_rendered_is_rendered_again(area, login, renders):
    version = draft_plan(area.own_child)
    plan = version.plan
    url = reverse("plans:version_docx", args=[plan.public_id, version.number])
    client = login("caseworker")
    first = client.get(url)  # the tests' queue runs the job at once: the file comes back in place
    assert first.status_code == 200 and first["Content-Type"] == rendering.CONTENT_TYPES["docx"]
    kept = RenderedDocument.objects.get(version=version, format="docx")

    version.child_views = "I like trains and drawing maps."
    version.save()
    assert rendering.stored(plan, version, "docx") is None, "the kept file is of the plan before the edit"
    assert client.get(url).status_code == 200
    assert RenderedDocument.objects.get(pk=kept.pk).fingerprint != kept.fingerprint
    assert Job.objects.filter(kind=rendering.RENDER_JOB, status=Status.SUCCEEDED).count() == 2
    assert renders == []  # Word files are not WeasyPrint's
