"""A job's page (its owner only: anyone else gets 404), the JSON its progress bar polls, retrying a
failed job and downloading its result file. URLs carry the job's UUID, nothing about anyone."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from jobs import registry, services
from jobs.models import Job, Status


def own_job(request, public_id, *, with_file=False) -> Job:
    jobs = Job.objects.all() if with_file else Job.objects.defer("input_data", "result_file")
    return get_object_or_404(jobs, public_id=public_id, owner=request.user)


def status_data(job: Job) -> dict:
    return {
        "id": str(job.public_id),
        "status": job.status,
        "status_label": job.get_status_display(),
        "stage": job.stage,
        "done": job.done,
        "total": job.total,
        "percent": job.percent,
        "finished": job.is_finished,
        "error": job.error,
        "notice": job.waiting_notice,
        "url": job.result_url,
        "label": job.result_label,
        "retry_url": reverse("jobs:retry", args=[job.public_id])
        if job.status == Status.FAILED and job.can_retry
        else "",
    }


@login_required
def detail(request, public_id):
    job = own_job(request, public_id)
    try:
        result_template = registry.get(job.kind).result_template
    except LookupError:
        result_template = ""
    return render(request, "jobs/detail.html", {"job": job, "result_template": result_template})


@login_required
def status(request, public_id):
    response = JsonResponse(status_data(own_job(request, public_id)))
    response["Cache-Control"] = "no-store"
    return response


@require_POST
@login_required
def retry(request, public_id):
    job = services.retry(own_job(request, public_id))
    return redirect(services.job_url(job))


@login_required
def download(request, public_id):
    job = own_job(request, public_id, with_file=True)
    if job.status != Status.SUCCEEDED or job.result_file is None:
        raise Http404
    response = HttpResponse(
        bytes(job.result_file), content_type=job.result_content_type or "application/octet-stream"
    )
    response["Content-Disposition"] = f'attachment; filename="{job.result_file_name or "result"}"'
    return response
