import io
from datetime import date

import pypdf
import pytest

from casework import letters
from casework.tests.factories import case_at
from clock.case_events import EventKind as K
from notifications.models import LetterKind, LetterTemplate

pytestmark = pytest.mark.django_db


def read_pdf(data: bytes):
    reader = pypdf.PdfReader(io.BytesIO(data))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    return reader, text


def test_a_decision_not_to_assess_letter_is_an_accessible_pdf_stating_appeal_rights(area):
    case = case_at(
        area.own_child, "not_assessed", received_on=date(2026, 6, 1), caseworker=area.users["caseworker"]
    )
    document = letters.save_decision_letter(
        None, case, K.DECIDED_NOT_TO_ASSESS, date(2026, 6, 8), "Her needs can be met through SEN support."
    )
    assert document.title == "Decision letter: decided not to assess (8 June 2026)"
    assert document.content_type == "application/pdf"
    assert "Amira" not in document.file.name
    reader, text = read_pdf(document.file.read())
    assert "Amira Hussain" in text and case.reference in text
    assert "decided not to carry out an EHC needs assessment" in text
    assert "Her needs can be met through SEN support." in text
    assert "SEND Tribunal" in text and "mediation certificate" in text
    assert (
        "within 2 months of the date of this letter, or within 1 month of the date on your mediation" in text
    )
    assert "Dear Sara Hussain" in text
    # PDF/UA: a title shown as the window title, the document language and a tagged structure.
    assert reader.metadata.title == "We will not carry out an EHC needs assessment"
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en-GB"
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    assert {"/H1", "/H2"} <= _structure_roles(root["/StructTreeRoot"])


def _structure_roles(node, found=None):
    found = set() if found is None else found
    node = node.get_object()
    if isinstance(node, pypdf.generic.DictionaryObject):
        if "/S" in node:
            found.add(node["/S"])
        kids = node.get("/K")
        for kid in kids if isinstance(kids, list) else [kids] if kids is not None else []:
            if isinstance(kid, pypdf.generic.IndirectObject | pypdf.generic.DictionaryObject):
                _structure_roles(kid, found)
    return found


def test_every_decision_has_default_wording_and_refusals_carry_appeal_rights():
    wording = {t.kind: t.body for t in LetterTemplate.objects.all()}
    assert set(wording) == set(LetterKind)
    for kind in (LetterKind.DECIDED_NOT_TO_ASSESS, LetterKind.DECIDED_NOT_TO_ISSUE):
        assert "SEND Tribunal" in wording[kind] and "mediation" in wording[kind]
        assert (
            "within 2 months" in wording[kind]
            and "within 1 month of the date on your mediation" in wording[kind]
        )
    for body in wording.values():
        assert letters.unknown_placeholders(body) == []


def test_the_letter_uses_the_wording_managers_saved(area):
    LetterTemplate.objects.filter(kind=LetterKind.DECIDED_TO_ASSESS).update(
        title="Assessment for {child_first_name}", body="## Decision\n\nWe said yes on {decision_date}."
    )
    case = case_at(area.own_child, "assessing", received_on=date(2026, 6, 1))
    title, html = letters.render_html(case, LetterKind.DECIDED_TO_ASSESS, date(2026, 6, 8), "")
    assert title == "Assessment for Amira"
    assert "<h2>Decision</h2>" in html and "We said yes on 8 June 2026." in html


def test_placeholders_fill_only_plain_names():
    values = {"reference": "EHC-1"}
    assert letters.fill("Ref {reference}, {reference.__class__}, {unknown}", values) == (
        "Ref EHC-1, {reference.__class__}, {unknown}"
    )
    assert letters.unknown_placeholders("{reference} {child_nme} {a.b}") == ["a.b", "child_nme"]


def test_wording_is_split_into_headings_lists_and_paragraphs():
    text = "## What happens next\n\nWe will:\n\n- write a draft\n- send it to you\n\nYours,\nThe team"
    assert letters.blocks(text) == [
        letters.Block("heading", ("What happens next",)),
        letters.Block("paragraph", ("We will:",)),
        letters.Block("list", ("write a draft", "send it to you")),
        letters.Block("paragraph", ("Yours,", "The team")),
    ]


def test_reasons_typed_by_people_are_escaped_in_the_letter(area):
    case = case_at(area.own_child, "assessing", received_on=date(2026, 6, 1))
    _, html = letters.render_html(case, LetterKind.DECIDED_TO_ASSESS, date(2026, 6, 8), "<img src=x> & more")
    assert "<img src=x>" not in html and "&lt;img src=x&gt; &amp; more" in html


def test_missing_wording_falls_back_to_the_default(area):
    LetterTemplate.objects.filter(kind=LetterKind.DECIDED_TO_ISSUE).delete()
    case = case_at(area.own_child, "drafting", received_on=date(2026, 6, 1))
    title, html = letters.render_html(
        case, LetterKind.DECIDED_TO_ISSUE, date(2026, 7, 6), "Needs are complex."
    )
    assert title == "We will issue an EHC plan" and "Needs are complex." in html
