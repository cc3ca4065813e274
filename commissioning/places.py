"""Reads for sufficiency, placements and the high-needs budget (constant query counts).

Sufficiency: demand for specialist places by need is the forecast of plans for that need times the
share of that need's plans in specialist provision today (current roll / plans in force), held
steady; capacity is the places commissioned for that need open in the year. A shortfall is demand
above capacity.

Budget: a placement's cost for the financial year (April to March) is its latest cost for a whole
year, times the share of the year's days the placement covers (to its end date, or all year).
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

import numpy as np
from django.conf import settings
from django.db.models import Prefetch, Q, Sum

from clock.dates import days_inclusive, financial_year_span
from commissioning import forecast
from commissioning.models import (
    HighNeedsBudget,
    Placement,
    PlacementCost,
    PlacementKind,
    ProvisionPlaces,
)
from people import codelists
from people.search import fold

PARTS = ("education", "health", "social_care")


def need_label(need: str) -> str:
    return codelists.label(codelists.SEN_TYPE, need) or need


# --- sufficiency ---------------------------------------------------------------------------


def capacity_rows() -> list[dict]:
    """Commissioned places and roll by need and the year they open (one query)."""
    return list(
        ProvisionPlaces.objects.values("need", "from_year")
        .annotate(places=Sum("commissioned"), roll=Sum("roll"))
        .order_by("need", "from_year")
    )


def sufficiency(plans, base_year: int, growth: dict | None = None, capacity: list[dict] | None = None):
    """[{need, label, years: [{year, demand, capacity, shortfall}]}] for the base year and the five
    forecast years, needs with specialist places or pupils only. Raises forecast.AssumptionError."""
    capacity = capacity_rows() if capacity is None else capacity
    needs_with_places = sorted({row["need"] for row in capacity})
    if not needs_with_places:
        return []
    plans = forecast.compact(plans)
    projected = forecast.by_need(forecast.project(plans, base_year, growth)) if not plans.empty else None
    plan_needs = sorted(plans["need"].unique()) if not plans.empty else []
    now = forecast.in_force(plans, base_year, plan_needs).sum(axis=1) if plan_needs else np.array([])
    in_force = dict(zip(plan_needs, now, strict=True))
    out = []
    for need in needs_with_places:
        rows = [r for r in capacity if r["need"] == need]
        roll = sum(r["roll"] for r in rows if r["from_year"] is None or r["from_year"] <= base_year)
        share = min(roll / in_force[need], 1.0) if in_force.get(need) else 0.0
        years = []
        for year in range(base_year, base_year + forecast.YEARS + 1):
            places = sum(r["places"] for r in rows if r["from_year"] is None or r["from_year"] <= year)
            if year == base_year:
                demand = roll
            elif projected is not None and need in projected.columns:
                demand = round(float(projected.loc[year, need]) * share)
            else:
                demand = roll
            years.append(
                {"year": year, "demand": demand, "capacity": places, "shortfall": max(demand - places, 0)}
            )
        out.append({"need": need, "label": need_label(need), "years": years})
    return out


# --- placements ----------------------------------------------------------------------------


def out_of_district_q() -> Q:
    """Placed out of area, or with a provider in another local authority."""
    return Q(kind=PlacementKind.OUT_OF_AREA) | (
        ~Q(provider__la_code="") & ~Q(provider__la_code=settings.AREA_LA_CODE) & Q(provider__isnull=False)
    )


def current_q(on: date) -> Q:
    return Q(start_on__lte=on) & (Q(end_on__isnull=True) | Q(end_on__gte=on))


def placements(on: date, *, kind="", status="", out_of_district=False, q=""):
    """Placements with child, provider and costs (three queries however many)."""
    rows = Placement.objects.select_related("child", "provider").prefetch_related(
        Prefetch("costs", queryset=PlacementCost.objects.order_by("created_at", "pk"))
    )
    if kind:
        rows = rows.filter(kind=kind)
    if status == "current":
        rows = rows.filter(current_q(on))
    elif status == "ended":
        rows = rows.filter(end_on__lt=on)
    if out_of_district:
        rows = rows.filter(out_of_district_q())
    if q:
        rows = rows.filter(Q(child__search_name__contains=fold(q)) | Q(provider__name__icontains=q))
    return rows.order_by("child__legal_last_name", "child__legal_first_name", "-start_on")


def latest_cost(placement):
    costs = list(placement.costs.all())
    return costs[-1] if costs else None


# --- the high-needs budget ---------------------------------------------------------------


def share_of_year(placement, year: int) -> Decimal:
    first, last = financial_year_span(year)
    start = max(placement.start_on, first)
    end = min(placement.end_on or last, last)
    if end < start:
        return Decimal(0)
    return Decimal(days_inclusive(start, end)) / Decimal(days_inclusive(first, last))


@dataclass
class Budget:
    year: int
    budget: HighNeedsBudget | None
    by_kind: list[dict] = field(default_factory=list)
    totals: dict = field(default_factory=dict)
    placements: int = 0

    @property
    def label(self) -> str:
        return f"April {self.year} to March {self.year + 1}"

    @property
    def remaining(self):
        return None if self.budget is None else self.budget.amount - self.totals["education"]

    @property
    def gap(self):
        return None if self.remaining is None else abs(self.remaining)

    @property
    def over(self) -> bool:
        return self.remaining is not None and self.remaining < 0


def budget(year: int) -> Budget:
    """Forecast spend on placements in the financial year, by type and funder, beside the budget."""
    first, last = financial_year_span(year)
    rows = (
        Placement.objects.filter(start_on__lte=last)
        .filter(Q(end_on__isnull=True) | Q(end_on__gte=first))
        .prefetch_related(Prefetch("costs", queryset=PlacementCost.objects.order_by("created_at", "pk")))
    )
    sums = {kind: {p: Decimal(0) for p in (*PARTS, "total")} | {"count": 0} for kind in PlacementKind.values}
    count = 0
    for placement in rows:
        cost = latest_cost(placement)
        if cost is None:
            continue
        share = share_of_year(placement, year)
        entry = sums[placement.kind]
        entry["count"] += 1
        count += 1
        for part in (*PARTS, "total"):
            entry[part] += cost.annual(part) * share
    by_kind = [
        {"kind": kind, "label": PlacementKind(kind).label}
        | {k: (v.quantize(Decimal("1")) if k != "count" else v) for k, v in sums[kind].items()}
        for kind in PlacementKind.values
    ]
    totals = {part: sum(r[part] for r in by_kind) for part in (*PARTS, "total", "count")}
    return Budget(
        year=year,
        budget=HighNeedsBudget.objects.filter(year=year).first(),
        by_kind=by_kind,
        totals=totals,
        placements=count,
    )
