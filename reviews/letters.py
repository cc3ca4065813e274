"""The letter telling the family the area will stop maintaining the plan, with their appeal and
mediation rights and the last day to appeal (clock.reviews.appeal_deadline).

Made the way casework.letters makes assessment decision letters: plain-text wording with
placeholders, the same letter template, rendered to an accessible PDF (PDF/UA-1) and kept with the
review. The wording is in default_letters/; it can move into the managers' editable letter
templates once notifications has a letter kind for it.
"""

from pathlib import Path

from django.core.files.base import ContentFile
from django.template.loader import render_to_string

from audit.models import Action
from audit.services import record
from casework import letters
from notifications.defaults import long_date
from people.family import family_for
from people.models import ParentCarer
from reviews.models import ReviewDocument

WORDING = Path(__file__).resolve().parent / "default_letters" / "decided_to_cease.txt"
LETTER_TITLE = "Decision letter"


def wording() -> tuple[str, str]:
    first, _, body = WORDING.read_text(encoding="utf-8").partition("\n")
    return first.removeprefix("Title:").strip(), body.strip()


def cease_values(review, people) -> dict:
    # casework.letters fills in the child, reference, caseworker and dates for anything with those.
    values = letters.letter_values(review, review.decided_on, review.decision_reasons, people)
    reason = review.get_cease_reason_display()
    return values | {
        "appeal_deadline": long_date(review.appeal_deadline),
        "cease_reason": reason[:1].lower() + reason[1:],  # keeps "EHC" in capitals
    }


def render_html(review, people) -> tuple[str, str]:
    title, body = wording()
    values = cease_values(review, people)
    address = next((p for p in people if isinstance(p, ParentCarer) and p.address), None)
    html = render_to_string(
        "casework/letter_decision.html",
        {
            "title": letters.fill(title, values),
            "blocks": letters.blocks(letters.fill(body, values)),
            "values": values,
            "address": address,
        },
    )
    return letters.fill(title, values), html


def save_cease_letter(request, review) -> ReviewDocument:
    """Make the letter and keep it with the review (inside the decision's transaction)."""
    _, html = render_html(review, family_for(review.child))
    document = ReviewDocument(
        review=review,
        title=f"{LETTER_TITLE}: stop maintaining the plan ({long_date(review.decided_on)})",
        content_type="application/pdf",
        created_by=request.user if request is not None and request.user.is_authenticated else None,
    )
    # The file name carries the reference, never the child's name: paths end up in logs.
    document.file.save(
        f"decision-letter-{review.reference}-cease.pdf", ContentFile(letters.render_pdf(html)), save=False
    )
    document.save()
    record(
        request,
        Action.CREATE,
        child=review.child,
        obj=review,
        summary=f"{review.reference}: {document.title}",
    )
    return document
