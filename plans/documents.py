"""The plan as an accessible PDF (PDF/UA-1: tagged headings, real tables, language and title) and
as a Word file, both drawn from plans.layout."""

import logging

from django.conf import settings
from django.template.loader import render_to_string

from plans.layout import document_title, plan_parts, version_line


def document_context(plan, content) -> dict:
    child = plan.child
    return {
        "title": document_title(child),
        "child": child,
        "plan": plan,
        "version": content.version,
        "version_line": version_line(content.version),
        "parts": plan_parts(content),
        "area_name": settings.AREA_NAME,
    }


def render_html(plan, content) -> str:
    return render_to_string("plans/document.html", document_context(plan, content))


def render_pdf(plan, content) -> bytes:
    # WeasyPrint logs every layout step at INFO; one plan would fill the service log.
    logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
    from weasyprint import HTML  # imported here: slow to load, and only documents need it

    return HTML(string=render_html(plan, content)).write_pdf(pdf_variant="pdf/ua-1")


def file_name(plan, version, extension) -> str:
    # The child's name stays out of file names: they end up in logs and download folders.
    return f"ehc-plan-{str(plan.public_id)[:8]}-v{version.number}.{extension}"
