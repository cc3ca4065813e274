"""Commissioning pages: the needs analysis (charts with tables, CSV/XLSX)."""

from datetime import date
from decimal import Decimal
from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from audit.models import Action
from audit.services import record, record_read
from clock import dates
from commissioning import charts, forecast, places, queries, services
from commissioning.filters import PlacementFilter
from commissioning.forms import (
    BudgetForm,
    CostForm,
    EndPlacementForm,
    GrowthForm,
    IntentionForm,
    PlacementForm,
    PlacesForm,
)
from commissioning.models import CostCorrection, Intention, Placement, Provision
from core import chart, exports, list_exports
from core.concurrency import StaleEditError
from core.idempotency import create_once, once_per_form
from core.list_exports import list_export
from core.permissions import permission_required
from core.suppression import TABLE_MARKER, suppress
from people.codelists import SenProvision
from people.models import Child
from people.search import fold

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
        point_label=lambda point: str(point.on.year),  # each figure is at its year's end
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
            "warnings": forecast.warnings(plans, today.year),
            "window": forecast.WINDOW,
            "base_year": today.year,
        },
    )


# --- sufficiency ---------------------------------------------------------------------------


@permission_required("commissioning.view_sufficiency")
def sufficiency_page(request):
    today = dates.today()
    plans = queries.plans_frame()
    needs = sorted(plans["need"].unique())
    # Only the growth fields bind the form, so a download link keeps the page's assumptions.
    chosen = {k: v for k, v in request.GET.items() if k.startswith("growth_")}
    # A need left out of the address keeps the default assumption (no growth).
    form = GrowthForm({f"growth_{n}": "0" for n in needs} | chosen if chosen else None, needs=needs)
    valid = not form.is_bound or form.is_valid()
    growth = form.growth() if form.is_bound and valid else {}
    rows = places.sufficiency(plans, today.year, growth) if valid else []
    fmt = exports.wants_export(request)
    if fmt and valid:
        # For publication: counts of places and forecast children, small numbers suppressed.
        record(request, Action.EXPORT, summary=f"Exported the sufficiency of places as {fmt.upper()}")
        return exports.export_response(
            fmt,
            "sufficiency-of-places",
            ["Primary need", "Year", "Forecast demand", "Commissioned places", "Shortfall"],
            (
                [
                    r["label"],
                    y["year"],
                    *(suppress(y[k], TABLE_MARKER) for k in ("demand", "capacity", "shortfall")),
                ]
                for r in rows
                for y in r["years"]
            ),
        )
    last = [
        {
            "group": r["label"],
            "total": r["years"][-1]["shortfall"],
            "highlight": r["years"][-1]["shortfall"] > 0,
        }
        for r in rows
    ]
    provisions = Provision.objects.prefetch_related("places").order_by("kind", "name")
    return render(
        request,
        "commissioning/sufficiency.html",
        {
            "form": form,
            "rows": rows,
            "years": [y["year"] for y in rows[0]["years"]] if rows else [],
            "last_year": today.year + forecast.YEARS,
            "chart": charts.bars(
                last, f"Shortfall of specialist places in {today.year + forecast.YEARS}", chart_id="shortfall"
            ),
            "last": last,
            "provisions": provisions,
            "base_year": today.year,
            "query": urlencode(chosen),
        },
    )


# --- placements ----------------------------------------------------------------------------


PLACEMENT_HEADERS = [
    "Child",
    "Type of placement",
    "Provider",
    "Provider LA",
    "Start",
    "End",
    "Contract reference",
]
COST_HEADERS = ["Cost per", "Education", "Health", "Social care", "Total a year"]


def _placement_cells(p, with_costs):
    cells = [
        p.child.full_name,
        p.get_kind_display(),
        p.provider.name if p.provider else "",
        p.provider.la_code if p.provider else "",
        p.start_on.isoformat(),
        p.end_on.isoformat() if p.end_on else "",
        p.contract_reference,
    ]
    if with_costs:

        cost = places.latest_cost(p)
        cells += (
            [cost.get_period_display(), cost.education, cost.health, cost.social_care, cost.annual()]
            if cost
            else ["", "", "", "", ""]
        )
    return cells


def _placements(query, today):
    """The placements as the list shows them, filtered (the page and its export)."""

    filters = PlacementFilter(query, today=today)
    return filters.qs, filters


@list_export(
    "commissioning.placements",
    title="placements",
    filename="placements",
    permission="commissioning.view_placements",
    headers=PLACEMENT_HEADERS,
)
def export_placements(user, query, terms, today):
    # Costs only for who may see them, as on the page.
    with_costs = user.has_perm("commissioning.view_costs")
    headers = PLACEMENT_HEADERS + (COST_HEADERS if with_costs else [])
    return _placements(query, today)[0], lambda p: _placement_cells(p, with_costs), headers


@permission_required("commissioning.view_placements")
def placement_list(request):

    today = dates.today()
    rows, filters = _placements(request.GET, today)
    chosen = filters.audited
    with_costs = request.user.has_perm("commissioning.view_costs")
    fmt = exports.wants_export(request)
    if fmt and filters.is_valid():
        # A named working list for the service, not for publication; the export is audited.
        return list_exports.start(request, "commissioning.placements", fmt, **chosen)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    record(request, Action.VIEW, summary="Viewed the placements list", count=page.paginator.count, **chosen)
    return render(
        request,
        "commissioning/placement_list.html",
        {
            "page_obj": page,
            "rows": [(p, places.latest_cost(p)) for p in page],
            "with_costs": with_costs,
            "filters": filters,
            "export_label": "placements",
        },
    )


@permission_required("commissioning.record_placement")
def placement_child_search(request):
    """Find the child to record a placement for. The name is posted, never put in the address."""


    terms = (request.POST.get("q") or "").strip()
    children, error = [], ""
    if request.method == "POST":
        if len(terms) < 2:
            error = "Enter at least 2 letters of the child's name, or their UPN"
        else:
            children = list(
                Child.objects.filter(Q(search_name__contains=fold(terms)) | Q(upn=terms.upper()))
                .exclude(sen_provision=SenProvision.NONE)
                .order_by("legal_last_name", "legal_first_name")[:25]
            )
            record(
                request,
                Action.SEARCH,
                summary="Searched for a child to record a placement",
                results=len(children),
            )
    return render(
        request,
        "commissioning/placement_search.html",
        {"terms": terms, "children": children, "error": error, "searched": request.method == "POST"},
    )


@permission_required("commissioning.record_placement")
def placement_create(request, public_id):

    child = get_object_or_404(Child, public_id=public_id)
    form = PlacementForm(request.POST or None)

    @once_per_form
    def handle(request):
        confirm = None
        if (
            request.method == "POST"
            and form.is_valid()
            and not (confirm := form.needs_confirming(form.cleaned_data.get("provider")))
        ):
            cost = form.cost() if form.has_cost() else None

            def create():
                placement = services.record_placement(request, request.user, child, form.placement(), cost)
                return reverse("commissioning:placement_detail", args=[placement.public_id])

            try:
                return redirect(create_once(form.cleaned_data.get("form_token"), request.user, create))
            except services.Refused as refused:
                for field_name, message in refused.problems:
                    form.add_error(field_name if field_name in form.fields else None, message)
        else:
            record_read(request, child, "Opened the record-a-placement form")
        return render(
            request, "commissioning/placement_form.html", {"form": form, "child": child, "confirm": confirm}
        )

    return handle(request)


@permission_required("commissioning.view_placements")
def placement_detail(request, public_id):

    placement = get_object_or_404(Placement.objects.select_related("child", "provider"), public_id=public_id)
    record_read(request, placement, "Viewed a placement")
    with_costs = request.user.has_perm("commissioning.view_costs")
    costs = list(placement.costs.order_by("created_at", "pk")) if with_costs else []
    corrections = list(
        CostCorrection.objects.filter(cost__in=costs).select_related("corrected_by").order_by("corrected_at")
        if costs
        else []
    )
    return render(
        request,
        "commissioning/placement_detail.html",
        {
            "placement": placement,
            "costs": costs,
            "corrections": corrections,
            "corrected": {k.cost_id for k in corrections},
            "with_costs": with_costs,
            "form": CostForm() if request.user.has_perm("commissioning.record_placement") else None,
            "can_end": request.user.has_perm("commissioning.record_placement") and placement.end_on is None,
        },
    )


@permission_required("commissioning.record_placement")
def placement_end(request, public_id):

    placement = get_object_or_404(Placement.objects.select_related("child", "provider"), public_id=public_id)
    record_read(request, placement, "Opened a page to change the record (placement end)")
    form = EndPlacementForm(request.POST or None, initial={"version": placement.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.end_placement(
                request, request.user, placement, form.cleaned_data["version"], form.cleaned_data["end_on"]
            )
        except services.Refused as refused:
            for field_name, message in refused.problems:
                form.add_error(field_name, message)
        except StaleEditError as stale:
            form.add_error(None, stale.message)
        else:
            messages.success(request, "The placement has ended")
            return redirect("commissioning:placement_detail", public_id=placement.public_id)
    return render(request, "commissioning/placement_end.html", {"form": form, "placement": placement})


# --- the high-needs budget and out-of-district placements ---------------------------------


@permission_required("commissioning.view_budget")
def budget_page(request):
    today = dates.today()
    try:
        year = int(request.GET.get("year") or dates.financial_year(today))
    except ValueError:
        year = dates.financial_year(today)
    year = min(max(year, 2000), 2100)
    spend = places.budget(year)
    fmt = exports.wants_export(request)
    if fmt:
        # For publication: totals by type; counts of placements under 5 suppressed.
        record(
            request, Action.EXPORT, summary=f"Exported the high-needs budget view as {fmt.upper()}", year=year
        )
        return exports.export_response(
            fmt,
            f"high-needs-spend-{year}",
            ["Type of placement", "Placements", "Education", "Health", "Social care", "Total"],
            (
                [
                    r["label"],
                    suppress(r["count"], TABLE_MARKER),
                    r["education"],
                    r["health"],
                    r["social_care"],
                    r["total"],
                ]
                for r in spend.by_kind
            ),
        )
    chart_rows = [{"group": r["label"], "total": int(r["education"])} for r in spend.by_kind if r["count"]]
    return render(
        request,
        "commissioning/budget.html",
        {
            "spend": spend,
            "chart": charts.bars(
                chart_rows, f"Forecast education spend by type, {spend.label}", chart_id="spend"
            ),
            "previous": year - 1,
            "next": year + 1,
        },
    )


@permission_required("commissioning.set_budget")
def budget_set(request):

    initial_year = dates.financial_year(dates.today())
    form = BudgetForm(request.POST or None, initial={"year": initial_year})
    if request.method == "POST" and form.is_valid():
        try:
            budget = services.set_budget(
                request, request.user, form.cleaned_data["year"], form.cleaned_data["amount"]
            )
        except services.Refused as refused:
            for field_name, message in refused.problems:
                form.add_error(field_name, message)
        else:
            messages.success(
                request, f"The high-needs budget for {places.Budget(budget.year, budget).label} is set"
            )
            if request.user.has_perm("commissioning.view_budget"):
                return redirect(reverse("commissioning:budget") + f"?year={budget.year}")
            return redirect(request.path)
    return render(request, "commissioning/budget_form.html", {"form": form})


@permission_required("commissioning.view_costs")
def out_of_district(request):
    today = dates.today()
    rows = list(places.placements(today, status="current", out_of_district=True))
    fmt = exports.wants_export(request)
    if fmt:
        # For publication: counts by primary need only (no names), small numbers suppressed.
        record(
            request, Action.EXPORT, summary=f"Exported out-of-district placements by need as {fmt.upper()}"
        )
        counts = {}
        for p in rows:
            counts[p.child.primary_need] = counts.get(p.child.primary_need, 0) + 1
        return exports.export_response(
            fmt,
            "out-of-district-by-need",
            ["Primary need", "Children placed out of district"],
            (
                [places.need_label(n) or "Not known", suppress(c, TABLE_MARKER)]
                for n, c in sorted(counts.items())
            ),
        )
    record(request, Action.VIEW, summary="Viewed the out-of-district placements list", count=len(rows))
    listed = [(p, places.latest_cost(p)) for p in rows]
    return render(
        request,
        "commissioning/out_of_district.html",
        {
            "rows": listed,
            "weekly_total": sum((c.annual() / 52 for _, c in listed if c), start=Decimal(0)),
            "annual_total": sum((c.annual() for _, c in listed if c), start=Decimal(0)),
            "today": today,
        },
    )


# --- commissioning intentions ---------------------------------------------------------------


@permission_required("commissioning.view_intentions")
def intention_list(request):
    intentions = Intention.objects.prefetch_related("actions__objective__area").select_related("owner")
    return render(request, "commissioning/intention_list.html", {"intentions": intentions})


@permission_required("commissioning.add_intention")
def intention_create(request):

    form = IntentionForm(request.POST or None)

    @once_per_form
    def handle(request):
        if request.method == "POST" and form.is_valid():

            def create():
                services.add_intention(request, request.user, form.cleaned_data, form.cleaned_data["actions"])
                return reverse("commissioning:intentions")

            try:
                return redirect(create_once(form.cleaned_data.get("form_token"), request.user, create))
            except services.Refused as refused:
                for field_name, message in refused.problems:
                    form.add_error(field_name, message)
        return render(request, "commissioning/intention_form.html", {"form": form})

    return handle(request)


@permission_required("commissioning.add_intention")
def places_create(request):
    """Commissioned places and roll for one need at a provision (new or existing)."""


    form = PlacesForm(request.POST or None)

    @once_per_form
    def handle(request):
        if request.method == "POST" and form.is_valid():

            def create():
                places = services.add_places(request, request.user, form.cleaned_data)
                messages.success(request, f"Added {places.commissioned} places at {places.provision}")
                return reverse("commissioning:sufficiency")

            try:
                return redirect(create_once(form.cleaned_data.get("form_token"), request.user, create))
            except services.Refused as refused:
                for field_name, message in refused.problems:
                    form.add_error(field_name if field_name in form.fields else None, message)
        return render(request, "commissioning/places_form.html", {"form": form})

    return handle(request)
