"""The plan as a Word file (python-docx), for people who annotate or adapt it: real headings
(Heading 1 and 2 styles), tables with a repeating header row, the title and language set."""

import io

from plans.documents import document_context

# python-docx is imported where it is used: only Word downloads need it, and a server without it
# still serves every other page.


def _set_language(document, tag="en-GB") -> None:
    """Screen readers and spelling checks read the language from the default run properties."""
    # python-docx loads only when a Word file is made, not with every page.
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    defaults = document.styles.element.find(qn("w:docDefaults"))
    run_props = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = run_props.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        run_props.append(lang)
    lang.set(qn("w:val"), tag)
    lang.set(qn("w:eastAsia"), tag)
    lang.set(qn("w:bidi"), tag)


def _header_row(row) -> None:
    # python-docx loads only when a Word file is made, not with every page.
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _table(document, table) -> None:
    grid = document.add_table(rows=1, cols=len(table.headers))
    grid.style = "Table Grid"
    for cell, text in zip(grid.rows[0].cells, table.headers, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(text).bold = True
    _header_row(grid.rows[0])
    for values in table.rows:
        for cell, text in zip(grid.add_row().cells, values, strict=True):
            cell.text = str(text)
    document.add_paragraph()


def _paragraphs(document, pairs) -> None:
    for label, text in pairs:
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{label}: ").bold = True
        paragraph.add_run(text)


def render_docx(plan, content) -> bytes:
    # python-docx loads only when a Word file is made, not with every page.
    from docx import Document

    context = document_context(plan, content)
    document = Document()
    _set_language(document)
    document.core_properties.title = context["title"]
    document.core_properties.author = f"{context['area_name']} Council SEND team"
    document.core_properties.language = "en-GB"
    document.add_heading(context["title"], level=1)
    child = context["child"]
    document.add_paragraph(context["version_line"])
    document.add_paragraph(f"Date of birth: {child.date_of_birth:%-d %B %Y}")
    for part in context["parts"]:
        document.add_heading(part.heading, level=2)
        if not part.has_content:
            document.add_paragraph(part.empty)
        _paragraphs(document, part.paragraphs)
        for heading, pairs, tables in part.subheadings:
            document.add_heading(heading, level=3)
            _paragraphs(document, pairs)
            for table in tables:
                _table(document, table)
        for table in part.tables:
            _table(document, table)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
