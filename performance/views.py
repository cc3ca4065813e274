"""KPI pages: the dashboard (filters and export), one KPI's chart and figures, typing in a figure
from elsewhere, comparison figures, and a manager's "refresh now"."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from audit.models import Action
from audit.services import record
from clock import dates
from core import chart, exports, list_exports
from core.concurrency import StaleEditError
from core.idempotency import create_once, once_per_form
from core.list_exports import list_export
from core.permissions import permission_required
from performance import rag, services
from performance.data.bradford_wsa import AREAS
from performance.filters import RAG_CHOICES, KPIFilter
from performance.forms import ComparisonForm, MeasurementChangeForm, MeasurementForm
from performance.models import KPI, MANUAL, Measurement
from performance.scorecard import kpi_scorecard, milestones
from performance.sources import SOURCES

EXPORT_HEADERS = [
    "Code",
    "KPI",
    "Area",
    "Unit",
    "Better when",
    "Owner",
    "Source",
    "Baseline",
    "Baseline date",
    "Latest figure",
    "Figure date",
    "Numerator",
    "Denominator",
    "Target",
    "RAG",
    "Trend",
]


def _filters(query, rows):
    filters = KPIFilter(query, rows)
    return filters.rows, filters


def _export_row(row):
    return [
        row["code"],
        row["name"],
        row["area"],
        row["unit"],
        row["direction"],
        row["owner"],
        "Entered by hand" if row["source"] == MANUAL else "OpenSEND",
        row["baseline"],
        row["baseline_on"],
        row["latest"],
        row["latest_on"],
        row["numerator"],
        row["denominator"],
        row["target"],
        rag.RAG(row["rag"]).short,
        rag.Trend(row["trend"]).label,
    ]


@list_export(
    "performance.kpis",
    title="the KPI dashboard",
    filename="kpis",
    permission="performance.export_kpis",
    headers=EXPORT_HEADERS,
)
def export_kpis(user, query, terms, today):
    return _filters(query, kpi_scorecard(today))[0], _export_row


@permission_required("performance.view_kpis")
def kpi_list(request):
    today = dates.today()
    every = kpi_scorecard(today)
    rows, filters = _filters(request.GET, every)
    fmt = exports.wants_export(request)
    if fmt and filters.is_valid() and request.user.has_perm("performance.export_kpis"):
        return list_exports.start(request, "performance.kpis", fmt, filters=filters.chosen)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    counts = {value: sum(1 for r in rows if r["rag"] == value) for value, _ in RAG_CHOICES}
    return render(
        request,
        "performance/kpi_list.html",
        {
            "page_obj": page,
            "filters": filters,
            "counts": counts,
            "today": today,
            "can_export": request.user.has_perm("performance.export_kpis"),
            "can_refresh": request.user.has_perm("performance.refresh_kpis"),
        },
    )


def _kpi_for(request, public_id, perm="performance.view_kpi") -> KPI:
    kpi = get_object_or_404(KPI.objects.select_related("owner"), public_id=public_id)
    if not request.user.has_perm(perm, kpi):
        # A KPI is not a child's record, but the rule is the same everywhere: no hint it exists.
        raise Http404
    return kpi


def _table(kpi, measurements):
    """The rows of the data table beside the chart: each figure with the target it is rated against."""
    trajectory = milestones(kpi)
    rows = []
    for m in measurements:
        target = rag.target_at(trajectory, m.period_end)
        rating = rag.rate(m.value, target, kpi.higher_is_better)
        rows.append({"measurement": m, "target": target, "rag": rating})
    return rows


@permission_required("performance.view_kpis_or_own")
def kpi_detail(request, public_id):
    kpi = _kpi_for(request, public_id)
    today = dates.today()
    row = kpi_scorecard(today, KPI.objects.filter(pk=kpi.pk))[0]
    measurements = list(kpi.measurements.filter(period_end__lte=today).select_related("created_by"))
    table = _table(kpi, measurements)
    points = [chart.Point(m.period_end, m.value) for m in measurements]
    has_baseline = kpi.baseline_value is not None and kpi.baseline_on
    baseline = chart.Point(kpi.baseline_on, kpi.baseline_value) if has_baseline else None
    targets = [chart.Point(t.due_on, t.value) for t in kpi.targets.all()]
    caption = f"{kpi.name}: figures and targets"
    svg = chart.draw(
        f"{kpi.name} against its trajectory",
        points,
        targets,
        unit=kpi.unit,
        table_caption=caption,
        end=today,
        baseline=baseline,
    )
    return render(
        request,
        "performance/kpi_detail.html",
        {
            "kpi": kpi,
            "row": row,
            "table": list(reversed(table)),
            "caption": caption,
            "chart": svg,
            "targets": kpi.targets.all(),
            "comparisons": kpi.comparisons.all(),
            "source": SOURCES.get(kpi.source),
            "area_title": AREAS.get(kpi.area_code, ""),
            "can_record": request.user.has_perm("performance.record_measurement", kpi),
            "can_compare": request.user.has_perm("performance.record_comparison"),
            "can_refresh": request.user.has_perm("performance.refresh_kpis"),
        },
    )


@permission_required("performance.record_any_measurement")
@once_per_form
def measurement_add(request, public_id):
    kpi = _kpi_for(request, public_id, "performance.record_measurement")
    form = MeasurementForm(request.POST or None, request.FILES or None, kpi=kpi)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def add():
            figure = services.add_measurement(
                request.user,
                kpi,
                as_at=data["as_at"],
                value=data["value"],
                numerator=data["numerator"],
                denominator=data["denominator"],
                note=data["note"],
                evidence=data["evidence"],
            )
            record(
                request,
                Action.CREATE,
                obj=figure,
                summary=f"KPI {kpi.code}: figure for {data['as_at']:%B %Y}",
            )
            messages.success(request, f"Figure for {data['as_at']:%B %Y} saved")
            return reverse("performance:kpi_detail", args=[kpi.public_id])

        try:
            return redirect(create_once(data["form_token"], request.user, add))
        except services.MonthTaken as taken:
            change = reverse(
                "performance:measurement_change", args=[kpi.public_id, taken.measurement.public_id]
            )
            form.add_error(
                "as_at", f"There is already a figure for {data['as_at']:%B %Y}: change that one instead"
            )
            return render(
                request, "performance/measurement_form.html", {"form": form, "kpi": kpi, "change": change}
            )
    return render(request, "performance/measurement_form.html", {"form": form, "kpi": kpi})


@permission_required("performance.record_any_measurement")
def measurement_change(request, public_id, measurement_id):
    kpi = _kpi_for(request, public_id, "performance.record_measurement")
    measurement = get_object_or_404(Measurement, kpi=kpi, public_id=measurement_id)
    initial = {f: getattr(measurement, f) for f in ("value", "numerator", "denominator", "note", "version")}
    form = MeasurementChangeForm(request.POST or None, request.FILES or None, kpi=kpi, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.change_measurement(
                request.user,
                measurement,
                data["version"],
                value=data["value"],
                numerator=data["numerator"],
                denominator=data["denominator"],
                note=data["note"],
                evidence=data["evidence"],
            )
        except StaleEditError as error:
            form.add_error(None, str(error))
        else:
            summary = f"KPI {kpi.code}: changed the figure for {measurement.period_end:%B %Y}"
            record(request, Action.UPDATE, obj=measurement, summary=summary)
            messages.success(request, f"Figure for {measurement.period_end:%B %Y} changed")
            return redirect("performance:kpi_detail", kpi.public_id)
    return render(
        request, "performance/measurement_form.html", {"form": form, "kpi": kpi, "measurement": measurement}
    )


@permission_required("performance.view_kpis_or_own")
def evidence_download(request, public_id, measurement_id):
    kpi = _kpi_for(request, public_id)
    measurement = get_object_or_404(Measurement, kpi=kpi, public_id=measurement_id)
    if not measurement.evidence:
        raise Http404
    try:
        handle = measurement.evidence.open("rb")
    except FileNotFoundError as error:
        raise Http404("The file is missing") from error
    record(
        request, Action.VIEW, obj=measurement, summary=f"KPI {kpi.code}: opened {measurement.evidence_title}"
    )
    return FileResponse(
        handle,
        as_attachment=True,
        filename=measurement.evidence_title or "evidence",
        content_type=measurement.evidence_type or "application/octet-stream",
    )


@permission_required("performance.record_comparison")
@once_per_form
def comparison_add(request, public_id):
    kpi = _kpi_for(request, public_id)
    form = ComparisonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def add():
            services.record_comparison(
                request.user,
                kpi,
                group=data["group"],
                on=data["on"],
                value=data["value"],
                source=data["source"],
            )
            messages.success(request, "Comparison figure saved")
            return reverse("performance:kpi_detail", args=[kpi.public_id])

        return redirect(create_once(data["form_token"], request.user, add))
    return render(request, "performance/comparison_form.html", {"form": form, "kpi": kpi})


@require_POST
@permission_required("performance.refresh_kpis")
def refresh(request):
    counts = services.snapshot(dates.today())
    record(request, Action.UPDATE, summary="Refreshed the KPI figures")
    messages.success(
        request,
        f"KPIs refreshed: {counts['created']} new figures and {counts['updated']} updated for this month",
    )
    target = request.POST.get("next", "")
    if target.startswith("/performance/") and "//" not in target:
        return redirect(target)
    return redirect("performance:kpi_list")
