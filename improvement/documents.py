"""Board reports as files: an accessible PDF (PDF/UA-1 via WeasyPrint: tagged headings, real
tables, title and language) and a Word file (python-docx), both drawn only from the frozen
snapshot, and issuing a report: freezing the snapshot and storing both files with their hashes."""

import hashlib
import io
import json
import logging

from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from improvement import snapshot as snapshots
from improvement.models import Report, ScheduledReport
from plans.word import _header_row, _set_language

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def snapshot_hash(snapshot: dict) -> str:
    return sha256(json.dumps(snapshot, sort_keys=True, separators=(",", ":")).encode())


def render_html(snapshot: dict) -> str:
    return render_to_string("improvement/report_document.html", {"snapshot": snapshot})


def render_pdf(snapshot: dict) -> bytes:
    # WeasyPrint logs every layout step at INFO; one report would fill the service log.
    logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
    from weasyprint import HTML  # imported here: slow to load, and only documents need it

    return HTML(string=render_html(snapshot)).write_pdf(pdf_variant="pdf/ua-1")


def _docx_table(document, headers, rows) -> None:
    grid = document.add_table(rows=1, cols=len(headers))
    grid.style = "Table Grid"
    for cell, text in zip(grid.rows[0].cells, headers, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(text).bold = True
    _header_row(grid.rows[0])
    for values in rows:
        for cell, text in zip(grid.add_row().cells, values, strict=True):
            cell.text = str(text)
    document.add_paragraph()


def render_docx(snapshot: dict) -> bytes:
    # python-docx loads only when a Word file is made, not with every page.
    from docx import Document


    document = Document()
    _set_language(document)
    document.core_properties.title = snapshot["title"]
    document.core_properties.author = f"{snapshot['area_name']} SEND Strategic Partnership"
    document.core_properties.language = "en-GB"
    document.add_heading(snapshot["title"], level=1)
    document.add_paragraph(f"{snapshot['area_name']} Written Statement of Action")
    document.add_paragraph(f"For: {snapshot['audience']}")
    document.add_paragraph(f"Position at {snapshot['as_of_label']}")
    for section in snapshot["sections"]:
        document.add_heading(section["title"], level=2)
        _DOCX_SECTIONS[section["key"]](document, snapshot)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _docx_summary(document, snapshot) -> None:
    summary = snapshot["summary"]
    document.add_paragraph(f"{summary['total']} actions in the plan.")
    _docx_table(document, ["Rating", "Actions"], [(row["label"], row["count"]) for row in summary["counts"]])
    headers = ["Area", "Senior responsible officer"] + [row["label"] for row in summary["counts"]]
    rows = [
        [f"{area['number']}. {area['title']}", area["sro"]] + [c["count"] for c in area["counts"]]
        for area in snapshot["by_area"]
    ]
    _docx_table(document, headers, rows)


def _docx_scorecard(document, snapshot) -> None:
    if not snapshot["scorecard"]:
        document.add_paragraph("No KPIs are defined yet.")
        return
    document.add_paragraph("[c] means the figure is about fewer than 5 children and is not published.")
    _docx_table(
        document,
        ["KPI", "Area", "Baseline", "Target", "Latest", "RAG", "Trend"],
        [
            (
                f"{r['code']} {r['name']}",
                r["area"],
                r["baseline"],
                r["target"],
                f"{r['latest']} {r['latest_on']}".strip(),
                r["rag_label"],
                r["trend_label"],
            )
            for r in snapshot["scorecard"]
        ],
    )


def _docx_exceptions(document, snapshot) -> None:
    if not snapshot["exceptions"]:
        document.add_paragraph("No actions are rated red or amber.")
        return
    for row in snapshot["exceptions"]:
        document.add_heading(f"Action {row['number']}: {row['rating_label']}", level=3)
        document.add_paragraph(row["text"])
        document.add_paragraph(f"Lead: {row['lead'] or row['lead_post']}. Timeframe: {row['timeframe']}.")
        document.add_paragraph(
            f"Update {row['updated_on']}: {row['narrative']}" if row["narrative"] else "No update given."
        )


def _docx_changes(document, snapshot) -> None:
    changes = snapshot["changes"]
    document.add_paragraph(
        f"Since {changes['since_title']} (issued {changes['since']})."
        if changes["since"]
        else "Since the plan began."
    )
    if changes["rating_changes"]:
        _docx_table(
            document,
            ["Action", "When", "Who", "From", "To", "Why"],
            [
                (c["number"], c["when"], c["who"], c["from"], c["to"], c["why"])
                for c in changes["rating_changes"]
            ],
        )
    else:
        document.add_paragraph("No ratings changed.")
    document.add_paragraph(f"{len(changes['updates'])} progress updates were written.")


def _docx_actions(document, snapshot) -> None:
    for area in snapshot["areas"]:
        document.add_heading(f"Area {area['number']}: {area['title']}", level=3)
        document.add_paragraph(f"Senior responsible officer: {area['sro']}")
        for objective in area["objectives"]:
            document.add_paragraph(f"Objective {objective['number']}: {objective['text']}")
            _docx_table(
                document,
                ["Action", "Lead", "Timeframe", "Rating", "Latest update"],
                [
                    (
                        f"{a['number']} {a['text']}",
                        a["lead"] or a["lead_post"],
                        a["timeframe"],
                        a["rating_label"],
                        f"{a['updated_on']}: {a['narrative']}" if a["narrative"] else "",
                    )
                    for a in objective["actions"]
                ],
            )


def _docx_quality(document, snapshot) -> None:
    figures = snapshot["quality"]
    overall = figures["overall"]
    if not overall["total"]:
        document.add_paragraph("No plan audits have been submitted yet.")
        return
    document.add_paragraph(
        f"{overall['percent']}% of audited plans were good or better "
        f"({overall['good']} of {overall['total']})."
    )
    headers = ["", "Good or better", "Audited", "% good or better"]
    for title, rows in (("By month", figures["months"]), ("Automatic checks", figures["checks"])):
        _docx_table(
            document, [title, *headers[1:]], [(r["label"], r["good"], r["total"], r["percent"]) for r in rows]
        )
    if figures["weaknesses"]:
        document.add_paragraph(
            "Weaknesses found in more than one audit: "
            + "; ".join(f"{w['label']} ({w['good']} of {w['total']})" for w in figures["weaknesses"])
        )


_DOCX_SECTIONS = {
    "summary": _docx_summary,
    "scorecard": _docx_scorecard,
    "exceptions": _docx_exceptions,
    "changes": _docx_changes,
    "actions": _docx_actions,
    "quality": _docx_quality,
}


def file_name(report, extension: str) -> str:
    return f"{report.kind}-report-{report.as_of:%Y-%m-%d}-{str(report.public_id)[:8]}.{extension}"


def issue(kind: str, as_of, user, now=None, progress=None) -> Report:
    """Freeze the report as it is now: its JSON, its PDF and Word files and their hashes.
    `progress(done, total, stage)` hears of each step (a background job's progress bar)."""
    progress = progress or (lambda *args, **kwargs: None)
    now = now or timezone.now()
    progress(0, 4, "Gathering the plan's ratings and KPI figures")
    frozen = snapshots.build(kind, as_of, prepared_by=user)
    frozen["issued_on"] = f"{timezone.localtime(now):%-d %B %Y}"
    frozen["issued_by"] = str(user)
    progress(1, stage="Making the PDF")
    pdf = render_pdf(frozen)
    progress(2, stage="Making the Word file")
    docx = render_docx(frozen)
    progress(3, stage="Storing the report")
    with transaction.atomic():
        report = Report(
            kind=kind,
            title=frozen["title"],
            as_of=as_of,
            issued_at=now,
            issued_by=user,
            snapshot=frozen,
            pdf_sha256=sha256(pdf),
            docx_sha256=sha256(docx),
            snapshot_sha256=snapshot_hash(frozen),
        )
        report.pdf.save(file_name(report, "pdf"), ContentFile(pdf), save=False)
        report.docx.save(file_name(report, "docx"), ContentFile(docx), save=False)
        report.save()
        slot = (
            ScheduledReport.objects.select_for_update()
            .filter(kind=kind, report__isnull=True, due_on__gte=as_of)
            .order_by("due_on")
            .first()
        )
        if slot:
            slot.report = report
            slot.save(update_fields=["report"])
    return report
