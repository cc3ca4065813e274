"""Commissioning pages: the needs analysis (charts with tables, CSV/XLSX)."""

from datetime import date
from decimal import Decimal

from django.shortcuts import render

from audit.models import Action
from audit.services import record
from commissioning import charts, queries
from core import dates, exports
from core.permissions import permission_required
from performance import chart
from performance.suppression import TABLE_MARKER, suppress

COUNTS = ("plans", "support", "total")
EXPORT_HEADERS = ["Group", "Children with EHC plans", "Children on SEN support", "Total"]


@permission_required("commissioning.view_needs")
def needs(request):
    today = dates.today()
    by = request.GET.get("by", "need")
    if by not in queries.BREAKDOWNS:
        by = "need"
    rows = queries.breakdown(queries.children_frame(), by, today)
    fmt = exports.wants_export(request)
    if fmt:
        # A download leaves the service: small numbers suppressed, no names (there are none).
        record(request, Action.EXPORT, summary=f"Exported the needs analysis as {fmt.upper()}", by=by)
        return exports.export_response(
            fmt,
            f"needs-by-{by.replace('_', '-')}",
            [queries.BREAKDOWNS[by], *EXPORT_HEADERS[1:]],
            ([r["group"], *(suppress(r[k], TABLE_MARKER) for k in COUNTS)] for r in rows),
        )
    trend = queries.plan_trend(today.year)
    trend_chart = chart.draw(
        "Plans in force at the end of each year",
        [chart.Point(date(t["year"], 12, 31), Decimal(t["in_force"])) for t in trend],
        [],
        unit="count",
        table_caption="Plans started, ceased and in force by year",
        end=date(today.year, 12, 31),
    )
    label = queries.BREAKDOWNS[by]
    return render(
        request,
        "commissioning/needs.html",
        {
            "by": by,
            "label": label,
            "breakdowns": queries.BREAKDOWNS.items(),
            "rows": rows,
            "totals": {k: sum(r[k] for r in rows) for k in ("plans", "support", "total")},
            "chart": charts.bars(rows, f"Children by {label.lower()}", chart_id="needs"),
            "trend": trend,
            "trend_chart": trend_chart,
            "today": today,
        },
    )


@permission_required("commissioning.view_forecast")
def forecast_page(request):
    from commissioning import forecast
    from commissioning.forms import GrowthForm

    today = dates.today()
    plans = queries.plans_frame()
    needs = sorted(plans["need"].unique())
    form = GrowthForm(request.GET or None, needs=needs)
    growth = form.growth() if form.is_bound and form.is_valid() else {}
    table, back_test = [], []
    if not plans.empty and (not form.is_bound or form.is_valid()):
        by_need = forecast.by_need(forecast.project(plans, today.year, growth))
        table = [
            {"year": int(year), "cells": [int(row[n]) for n in by_need.columns], "total": int(row.sum())}
            for year, row in by_need.iterrows()
        ]
        back_test = forecast.back_test(plans, today.year).to_dict("records")
    return render(
        request,
        "commissioning/forecast.html",
        {
            "form": form,
            "needs": needs,
            "table": table,
            "back_test": back_test,
            "window": forecast.WINDOW,
            "base_year": today.year,
        },
    )
