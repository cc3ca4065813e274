"""The plan as files and as a one-page profile for the family."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render

from audit.services import record_read
from jobs import services as jobs
from jobs.models import Status
from plans import documents, rendering
from plans.access import get_version_for_user
from plans.content import load_content


def _download(data, content_type, name) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _document(request, public_id, number, fmt, what):
    """The version's file, if it is kept and current; otherwise it is rendered on the job queue and
    the visitor goes to the job's page, which ends with this link again (then instant). Who may
    read the version is checked here on every request, for staff and families alike."""
    plan, version = get_version_for_user(request, public_id, number)
    data = rendering.stored(plan, version, fmt)
    if data is None:
        params = {"plan": str(plan.public_id), "number": version.number, "format": fmt}
        title = f"Prepare version {version.number} of the EHC plan as {rendering.FORMAT_NAMES[fmt]}"
        job = jobs.start_once(rendering.RENDER_JOB, request.user, params=params, title=title)
        if job.status != Status.SUCCEEDED:
            return redirect(jobs.job_url(job))
        data = rendering.stored(plan, version, fmt)  # rendered already (a queue that runs jobs at once)
        if data is None:  # edited while it was rendered: the next request renders it again
            return redirect(jobs.job_url(job))
    record_read(request, plan, f"Downloaded version {number} of the EHC plan as {what}")
    return _download(data, rendering.CONTENT_TYPES[fmt], documents.file_name(plan, version, fmt))


@login_required
def version_pdf(request, public_id, number):
    return _document(request, public_id, number, "pdf", "PDF")


@login_required
def version_docx(request, public_id, number):
    return _document(request, public_id, number, "docx", "a Word file")


@login_required
def version_profile(request, public_id, number):
    """One page, in plain words, for the child and family: who they are, what is hard, what they
    are working towards and who helps."""
    plan, version = get_version_for_user(request, public_id, number)
    record_read(request, plan, f"Viewed the one-page profile of version {number} of the EHC plan")
    content = load_content(version)
    help_items = [p for p in content.provision if p.what.strip()]
    return render(
        request,
        "plans/profile.html",
        {"plan": plan, "child": plan.child, "version": version, "content": content, "help_items": help_items},
    )
