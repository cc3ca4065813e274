"""The plan as files: an accessible PDF (PDF/UA-1) and a Word file, read back."""

import io

import docx
import pypdf
import pytest
from django.urls import reverse
from docx.oxml.ns import qn

from casework.tests.test_letters import _structure_roles
from plans import documents, word
from plans.content import load_content
from plans.tests.factories import issued_plan

pytestmark = pytest.mark.django_db
HEADINGS = (
    "Section A: Views, interests and aspirations",
    "Section B: Special educational needs",
    "Section E: Outcomes",
    "Section F: Special educational provision",
    "Section K: Advice and information",
)


def test_the_plan_pdf_is_tagged_with_headings_tables_language_and_title(area):
    plan, version = issued_plan(area.own_child)
    data = documents.render_pdf(plan, load_content(version))
    reader = pypdf.PdfReader(io.BytesIO(data))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "Amira Hussain" in text
    for heading in HEADINGS:
        assert heading in text, heading
    assert "Speech and language therapy on instructions" in text and "Once a week" in text
    assert "Final plan, version 1, issued 27 July 2026" in text
    assert reader.metadata.title == "Education, health and care plan: Amira Hussain"
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en-GB"
    assert bool(root["/MarkInfo"]["/Marked"])
    roles = _structure_roles(root["/StructTreeRoot"])
    assert {"/H1", "/H2", "/H3", "/Table", "/TH", "/TD"} <= roles, roles


def test_the_plan_as_a_word_file_has_headings_tables_title_and_language(area):
    plan, version = issued_plan(area.own_child)
    document = docx.Document(io.BytesIO(word.render_docx(plan, load_content(version))))
    assert document.core_properties.title == "Education, health and care plan: Amira Hussain"
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings[0] == "Education, health and care plan: Amira Hussain"
    assert "Section F: Special educational provision" in headings and "In their own words" in headings
    provision = next(t for t in document.tables if t.rows[0].cells[1].text == "What help")
    assert [c.text for c in provision.rows[1].cells][:4] == [
        "F1",
        "Speech and language therapy on instructions",
        "Speech and language therapist",
        "Once a week",
    ]
    assert provision.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    defaults = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    assert defaults.find(qn("w:rPr")).find(qn("w:lang")).get(qn("w:val")) == "en-GB"


def test_downloads_are_named_without_the_childs_name_and_audited(area, login):
    plan, version = issued_plan(area.own_child)
    client = login("parent")
    for name in ("plans:version_pdf", "plans:version_docx"):
        response = client.get(reverse(name, args=[plan.public_id, 1]))
        assert response.status_code == 200
        assert (
            "Amira" not in response["Content-Disposition"] and "ehc-plan-" in response["Content-Disposition"]
        )
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    from audit.models import Action, AuditEvent

    reads = AuditEvent.objects.filter(child=area.own_child, action=Action.VIEW, actor=area.users["parent"])
    assert (
        reads.filter(summary__contains="as PDF").exists() and reads.filter(summary__contains="Word").exists()
    )


def test_the_one_page_profile_is_in_plain_words(area, login):
    plan, _ = issued_plan(area.own_child)
    page = login("parent").page(reverse("plans:version_profile", args=[plan.public_id, 1]))
    assert page.h1.get_text(strip=True) == "All about Amira"
    headings = [h.get_text(strip=True) for h in page.select("h2")]
    assert "Who helps me, and how" in headings and "What I find hard" in headings
    assert (
        "Speech and language therapy on instructions, from speech and language therapist, once a week"
        in page.select_one("#help").get_text(" ", strip=True)
    )
    text = page.select_one("main").get_text(" ")
    for jargon in ("Section F", "provision", "SLCN"):
        assert jargon not in text, jargon
