"""Downloads of a subject access request: everything held about one child, as JSON and as PDF."""

import json
import logging

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.template.loader import render_to_string

from audit.models import Action
from audit.services import record
from clock import dates
from people import subject_access
from people.access import get_child_for_user

PERM = "people.export_subject_access"


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    # The child's name stays out of the file name, so it is not left in download folders' listings.
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def subject_access_json(request, public_id):
    child = get_child_for_user(request, public_id, perm=PERM)
    sections = subject_access.collect(child)
    record(request, Action.EXPORT, child=child, obj=child, summary="Subject access export (JSON)")
    body = {
        "child": str(child.public_id),
        "made_on": dates.today().isoformat(),
        **subject_access.as_json(sections),
    }
    content = json.dumps(body, indent=2, ensure_ascii=False).encode()
    return _download(content, "application/json", f"subject-access-{child.public_id}.json")


@login_required
def subject_access_pdf(request, public_id):
    child = get_child_for_user(request, public_id, perm=PERM)
    sections = subject_access.collect(child)
    record(request, Action.EXPORT, child=child, obj=child, summary="Subject access export (PDF)")
    html = render_to_string(
        "people/subject_access.html", {"child": child, "sections": sections, "made_on": dates.today()}
    )
    logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
    from weasyprint import HTML  # slow to import; only documents need it

    pdf = HTML(string=html).write_pdf(pdf_variant="pdf/ua-1")
    return _download(pdf, "application/pdf", f"subject-access-{child.public_id}.pdf")
