"""For tests of a list's export: follow its link to the job it starts, and fetch the file."""

from django.urls import reverse

from core.list_exports import EXPORT_LIST_JOB
from jobs.models import Job, Status
from jobs.services import job_url


def export_job(client, url) -> Job:
    response = client.get(url)
    assert response.status_code == 302, response.status_code
    job = Job.objects.get(public_id=response["Location"].rstrip("/").rsplit("/", 1)[1])
    assert response["Location"] == job_url(job) and job.kind == EXPORT_LIST_JOB
    return job


def exported(client, url):
    """The download the export link ends with (the test queue runs the job in place)."""
    job = export_job(client, url)
    assert job.status == Status.SUCCEEDED, job.error
    return client.get(reverse("jobs:download", args=[job.public_id]))


def csv_lines(response) -> list[str]:
    assert response["Content-Type"].startswith("text/csv")
    return response.content.decode().splitlines()
