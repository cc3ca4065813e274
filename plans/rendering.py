"""A plan version's PDF and Word file, rendered once on the job queue and kept (RenderedDocument):
WeasyPrint takes seconds over a long plan, more than a page request should. Staff and family
download links both come here through plans/views/documents.py, which checks who may read the
version on every download; the job only renders and stores.

A stored file is served while its fingerprint (a hash of the plan's HTML, drawn from the same
layout as both files) matches the version as it is now, so an edited draft is rendered again."""

import hashlib

from django.db import IntegrityError, transaction

from plans import documents, word
from plans.content import load_content
from plans.models import RenderedDocument

RENDER_JOB = "plans.render_document"
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
FORMAT_NAMES = {"pdf": "a PDF", "docx": "a Word file"}


def fingerprint(plan, content) -> str:
    return hashlib.sha256(documents.render_html(plan, content).encode()).hexdigest()


def _render(fmt, plan, content) -> bytes:
    if fmt == "pdf":
        return documents.render_pdf(plan, content)

    return word.render_docx(plan, content)


def stored(plan, version, fmt) -> bytes | None:
    """The kept file of this version, if it is still the version as it is now."""
    found = RenderedDocument.objects.filter(version=version, format=fmt).values_list("fingerprint", "content")
    found = found.first()
    if found is None or found[0] != fingerprint(plan, load_content(version)):
        return None
    return bytes(found[1])


def render_and_keep(plan, version, fmt) -> bytes:
    content = load_content(version)
    mark = fingerprint(plan, content)  # of the content the file is drawn from
    data = _render(fmt, plan, content)
    try:
        with transaction.atomic():
            RenderedDocument.objects.update_or_create(
                version=version, format=fmt, defaults={"fingerprint": mark, "content": data}
            )
    except IntegrityError:  # two renderings of one version at once: the other one's file is as good
        pass
    return data
