"""The plan as files and as a one-page profile for the family."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from plans import documents, word
from plans.access import get_version_for_user
from plans.content import load_content
from plans.views.common import audit_read

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _download(data, content_type, name) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def version_pdf(request, public_id, number):
    plan, version = get_version_for_user(request, public_id, number)
    audit_read(request, plan, f"Downloaded version {number} of the EHC plan as PDF")
    data = documents.render_pdf(plan, load_content(version))
    return _download(data, "application/pdf", documents.file_name(plan, version, "pdf"))


@login_required
def version_docx(request, public_id, number):
    plan, version = get_version_for_user(request, public_id, number)
    audit_read(request, plan, f"Downloaded version {number} of the EHC plan as a Word file")
    data = word.render_docx(plan, load_content(version))
    return _download(data, DOCX, documents.file_name(plan, version, "docx"))


@login_required
def version_profile(request, public_id, number):
    """One page, in plain words, for the child and family: who they are, what is hard, what they
    are working towards and who helps."""
    plan, version = get_version_for_user(request, public_id, number)
    audit_read(request, plan, f"Viewed the one-page profile of version {number} of the EHC plan")
    content = load_content(version)
    help_items = [p for p in content.provision if p.what.strip()]
    return render(
        request,
        "plans/profile.html",
        {"plan": plan, "child": plan.child, "version": version, "content": content, "help_items": help_items},
    )
