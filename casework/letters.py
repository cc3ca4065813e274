"""Decision letters: the manager-edited wording (notifications.LetterTemplate) filled in for one
case, rendered to an accessible PDF (PDF/UA-1: tagged, real headings, language and title set)
and kept on the case as a document.

Wording is plain text with placeholders in braces; a line starting "## " is a heading, lines
starting "- " are a list, and a blank line starts a new paragraph.
"""

import logging
import re
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.template.loader import render_to_string

from audit.models import Action
from audit.services import record
from casework.models import CaseDocument
from clock import dates
from jobs import services as jobs
from notifications.defaults import DECISION_LETTER_TITLE, default_wording, long_date
from notifications.models import LetterKind, LetterTemplate
from people.family import family_for
from people.models import ParentCarer

DECISION_LETTER_JOB = "casework.decision_letter"

PLACEHOLDERS = {
    "addressee": "who the letter is to (the parents or carers, or the young person)",
    "child_first_name": "the child's first name (their preferred name if they have one)",
    "child_full_name": "the child's legal first and last name",
    "reference": "the case reference",
    "decision_date": "the date of the decision",
    "letter_date": "the date the letter is made",
    "caseworker_name": "the caseworker's name",
    "area_name": "the local area's name",
    "reasons": "the reasons recorded with the decision",
}
# Only plain {name} placeholders: str.format would also let wording reach into attributes.
PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


@dataclass(frozen=True)
class Block:
    kind: str  # "heading", "list" or "paragraph"
    lines: tuple[str, ...]


def unknown_placeholders(text: str) -> list[str]:
    return sorted({name for name in PLACEHOLDER.findall(text) if name not in PLACEHOLDERS})


def fill(text: str, values: dict) -> str:
    return PLACEHOLDER.sub(lambda m: str(values.get(m.group(1), m.group(0))), text)


def blocks(text: str) -> list[Block]:
    result = []
    for chunk in re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip()):
        lines = tuple(line.strip() for line in chunk.strip().split("\n"))
        if lines[0].startswith("## "):
            result.append(Block("heading", (lines[0][3:].strip(),)))
            if lines[1:]:
                result.append(Block("paragraph", lines[1:]))
        elif all(line.startswith("- ") for line in lines):
            result.append(Block("list", tuple(line[2:].strip() for line in lines)))
        else:
            result.append(Block("paragraph", lines))
    return result


def _addressee(people) -> str:
    names = [f"{p.first_name} {p.last_name}" if isinstance(p, ParentCarer) else str(p) for p in people]
    return " and ".join(names) or "parent or carer"


def letter_values(case, decision_date, reasons, people) -> dict:
    child = case.child
    return {
        "addressee": _addressee(people),
        "child_first_name": child.known_as,
        "child_full_name": child.full_name,
        "reference": case.reference,
        "decision_date": long_date(decision_date),
        "letter_date": long_date(dates.today()),
        "caseworker_name": str(case.caseworker) if case.caseworker else "your caseworker",
        "area_name": settings.AREA_NAME,
        "reasons": reasons.strip() or "The reasons are set out in the notes of the meeting.",
    }


def _wording(kind) -> LetterTemplate:
    # Loaded by a migration; if it has gone (a flushed database), the default wording stands in.
    title, body = default_wording(kind)
    template, _ = LetterTemplate.objects.get_or_create(kind=kind, defaults={"title": title, "body": body})
    return template


def render_html(case, kind, decision_date, reasons) -> tuple[str, str]:
    """The letter's title and HTML, from the current wording for `kind`."""
    template = _wording(kind)
    people = family_for(case.child)
    values = letter_values(case, decision_date, reasons, people)
    title = fill(template.title, values)
    address = next((p for p in people if isinstance(p, ParentCarer) and p.address), None)
    html = render_to_string(
        "casework/letter_decision.html",
        {"title": title, "blocks": blocks(fill(template.body, values)), "values": values, "address": address},
    )
    return title, html


def render_pdf(html: str) -> bytes:
    # WeasyPrint logs every layout step at INFO; one letter would fill the service log.
    logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
    from weasyprint import HTML  # imported here: it is slow to load and only letters need it

    return HTML(string=html).write_pdf(pdf_variant="pdf/ua-1")


def queue_decision_letter(request, case, kind, decision_date, reasons, event):
    """Make the decision's letter on the job queue (WeasyPrint takes seconds: more than the decision's
    request should). Called inside the decision's transaction: the job and its queue row are saved
    with the decision, so a refused decision leaves nothing to run, and the worker sees the job only
    once the decision is committed. The job keeps the letter on the case, then tells the family
    (notifications wait for the letter: notifications.events.letter_on_its_way)."""

    params = {
        "case": str(case.public_id),
        "kind": str(LetterKind(kind).value),
        "on": decision_date.isoformat(),
        "reasons": reasons or "",
        "event": event.pk,
    }
    return jobs.start(
        DECISION_LETTER_JOB, request.user, params=params, title=f"Make the decision letter ({case.reference})"
    )


def save_decision_letter(request, case, kind, decision_date, reasons="", *, user=None) -> CaseDocument:
    """Make the letter for a decision and keep it on the case (call inside the decision's
    transaction, so a refused decision leaves no letter behind). `user`: who it is made for when
    there is no request (the decision letter job)."""
    kind = LetterKind(kind)
    title, html = render_html(case, kind, decision_date, reasons)
    document = CaseDocument(
        case=case,
        title=f"{DECISION_LETTER_TITLE}: {kind.label.lower()} ({long_date(decision_date)})",
        content_type="application/pdf",
        created_by=user or (request.user if request is not None and request.user.is_authenticated else None),
    )
    # The file name carries the reference, never the child's name: paths end up in logs.
    document.file.save(
        f"decision-letter-{case.reference}-{kind.value}.pdf", ContentFile(render_pdf(html)), save=False
    )
    document.save()
    record(
        request,
        Action.CREATE,
        child=case.child,
        obj=case,
        summary=f"{case.reference}: {document.title}",
        user=user,
    )
    return document
