"""Board reports: the reporting schedule, making and previewing a report, issuing it, and reopening
an issued report exactly as it was sent (its stored JSON and files, never recomputed)."""

from datetime import date

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_POST

from clock import dates
from core.idempotency import create_once, once_per_form
from core.permissions import permission_required
from improvement import documents
from improvement import snapshot as snapshots
from improvement.forms import IssueReportForm, ReportForm
from improvement.jobs import ISSUE_REPORT_JOB
from improvement.models import REPORT_KINDS, Report, ReportKind, ScheduledReport
from jobs import services as jobs


@permission_required("improvement.read_reports")
def schedule(request):
    today = dates.today()
    slots = ScheduledReport.objects.select_related("report").order_by("due_on", "kind")
    upcoming = [s for s in slots if s.report_id is None and s.due_on >= today][:12]
    missed = [s for s in slots if s.report_id is None and s.due_on < today]
    issued = Report.objects.select_related("issued_by").order_by("-issued_at")[:50]
    return render(
        request,
        "improvement/schedule.html",
        {
            "kinds": [
                (ReportKind(k).label, audience, months) for k, (audience, months, _) in REPORT_KINDS.items()
            ],
            "upcoming": upcoming,
            "missed": missed,
            "issued": issued,
            "today": today,
            "can_issue": request.user.has_perm("improvement.issue_reports"),
        },
    )


@permission_required("improvement.issue_reports")
def report_new(request):
    form = ReportForm(request.POST or None, initial={"as_of": dates.today()})
    if request.method == "POST" and form.is_valid():
        query = urlencode(
            {"kind": form.cleaned_data["kind"], "as_of": form.cleaned_data["as_of"].isoformat()}
        )
        return redirect(f"{reverse('improvement:report_preview')}?{query}")
    return render(request, "improvement/report_new.html", {"form": form})


def _chosen(params) -> tuple[str, date]:
    kind = params.get("kind", "")
    if kind not in ReportKind.values:
        kind = ReportKind.QUARTERLY
    try:
        as_of = date.fromisoformat(params.get("as_of", ""))
    except ValueError:
        as_of = dates.today()
    return kind, min(as_of, dates.today())


@permission_required("improvement.issue_reports")
def report_preview(request):
    kind, as_of = _chosen(request.GET)
    preview = snapshots.build(kind, as_of, prepared_by=request.user)
    form = IssueReportForm(initial={"kind": kind, "as_of": as_of})
    return render(request, "improvement/report_preview.html", {"snapshot": preview, "form": form})


@require_POST
@permission_required("improvement.issue_reports")
@once_per_form
def report_issue(request):
    form = IssueReportForm(request.POST)
    if not form.is_valid():
        return redirect("improvement:report_new")
    kind, as_of = form.cleaned_data["kind"], min(form.cleaned_data["as_of"], dates.today())

    def issue():
        # Rendering the PDF takes seconds: a background job does it, and the manager watches its
        # progress (a second submit of the same form goes to the same job).
        job = jobs.start(
            ISSUE_REPORT_JOB,
            request.user,
            params={"kind": kind, "as_of": as_of.isoformat()},
            title=f"Issue the {ReportKind(kind).label.lower()}: {as_of:%-d %B %Y}",
        )
        return jobs.next_url(job)

    return redirect(create_once(form.cleaned_data["form_token"], request.user, issue))


def _report(public_id) -> Report:
    return get_object_or_404(Report.objects.select_related("issued_by"), public_id=public_id)


@permission_required("improvement.read_reports")
def report_detail(request, public_id):
    report = _report(public_id)
    return render(request, "improvement/report_detail.html", {"report": report, "snapshot": report.snapshot})


def _stored_file(field, content_type, name):
    try:
        handle = field.open("rb")
    except FileNotFoundError as missing:
        raise Http404("The stored file is missing") from missing
    return FileResponse(handle, content_type=content_type, as_attachment=True, filename=name)


@permission_required("improvement.read_reports")
def report_pdf(request, public_id):
    report = _report(public_id)
    return _stored_file(report.pdf, "application/pdf", documents.file_name(report, "pdf"))


@permission_required("improvement.read_reports")
def report_docx(request, public_id):
    report = _report(public_id)
    return _stored_file(report.docx, documents.DOCX_TYPE, documents.file_name(report, "docx"))
