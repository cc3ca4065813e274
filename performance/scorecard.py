"""The KPI scorecard: one row per KPI as at a date, for the dashboard, exports and board reports.

    kpi_scorecard(as_of) -> list[dict], one per KPI in plan order, each with:
        code, name, area (improvement area number as text, "" if none), unit ("percent", "weeks",
        "number"), direction ("higher" or "lower" is better), frequency, source ("manual" or a
        performance.sources key), owner (the owner's name, or the post named in the plan),
        baseline, baseline_on, target (the trajectory's target in force at the latest figure's date,
        or at `as_of` when there is no figure), next_target and
        next_target_on (the next milestone after `as_of`), latest (the latest figure on or before
        `as_of`), latest_on, numerator, denominator (of the latest figure, where it is a count),
        rag ("green", "amber", "red" or "none"), rag_label, trend ("improving", "worsening",
        "same" or "none", latest against the figure before), trend_label, counts_children,
        public_id.
    Values are Decimal or None; dates are dates. Three queries however many KPIs and figures.

Counts here are real. For a page, report or file meant for publication, pass the rows through
`for_publication(rows)`: where a KPI counts children and its numerator or denominator is 1-4, both
counts and the figure become "fewer than 5" (core.suppression).
"""

from collections import defaultdict
from datetime import date

from django.db.models import F, Prefetch, Window
from django.db.models.functions import RowNumber

from clock import dates
from core import suppression
from performance import rag
from performance.models import KPI, Frequency, Measurement, Target


def milestones(kpi) -> list[rag.Milestone]:
    return [rag.Milestone(t.due_on, t.value) for t in kpi.targets.all()]


def kpis_with_targets(kpis=None):
    kpis = KPI.objects.all() if kpis is None else kpis
    return kpis.select_related("owner").prefetch_related(
        Prefetch("targets", queryset=Target.objects.order_by("due_on"))
    )


def latest_two(kpi_ids, as_of: date) -> dict:
    """KPI id -> its last two measurements on or before `as_of`, newest first (one query). The
    database numbers each KPI's figures and returns only the first two, so the page reads two rows
    a KPI however many months of history there are."""
    rows = defaultdict(list)
    newest_first = Window(
        RowNumber(), partition_by=F("kpi_id"), order_by=[F("period_end").desc(), F("pk").desc()]
    )
    recent = (
        Measurement.objects.filter(kpi_id__in=kpi_ids, period_end__lte=as_of)
        .annotate(nth=newest_first)
        .filter(nth__lte=2)
        .order_by("kpi_id", "nth")
    )
    for measurement in recent:
        rows[measurement.kpi_id].append(measurement)
    return rows


def row_for(kpi, recent: list, as_of: date) -> dict:
    trajectory = milestones(kpi)
    latest = recent[0] if recent else None
    previous = recent[1] if len(recent) > 1 else None
    # The target the latest figure is rated against (the one in force at its date).
    target = rag.target_at(trajectory, latest.period_end if latest else as_of)
    upcoming = [m for m in trajectory if m.due_on > as_of]
    # A month still in progress (its figure counted part way through) is not rated as a month.
    so_far = bool(
        latest
        and kpi.frequency == Frequency.MONTHLY
        and latest.period_end < dates.month_end(latest.period_start)
    )
    rating = (
        rag.rate_on(latest.value, latest.period_end, trajectory, kpi.higher_is_better)
        if latest and not so_far
        else rag.RAG.NONE
    )
    # Every milestone of the trajectory is in an earlier month: the KPI has no current target, and
    # says so (a milestone for this month is still the one being worked to).
    ended = trajectory and trajectory[-1].due_on < dates.month_start(as_of)
    target_ended_on = trajectory[-1].due_on if ended else None
    direction = rag.trend(previous and previous.value, latest and latest.value, kpi.higher_is_better)
    return {
        "public_id": kpi.public_id,
        "code": kpi.code,
        "name": kpi.name,
        "area": kpi.area_code,
        "unit": kpi.unit,
        "direction": "higher" if kpi.higher_is_better else "lower",
        "frequency": kpi.frequency,
        "source": kpi.source,
        "owner": kpi.owner.get_full_name() if kpi.owner else kpi.owner_post,
        "baseline": kpi.baseline_value,
        "baseline_on": kpi.baseline_on,
        "target": target,
        "next_target": upcoming[0].value if upcoming else None,
        "next_target_on": upcoming[0].due_on if upcoming else None,
        "latest": latest.value if latest else None,
        "latest_on": latest.period_end if latest else None,
        "numerator": latest.numerator if latest else None,
        "denominator": latest.denominator if latest else None,
        "rag": rating.value,
        "rag_label": "Month so far: not rated until the month ends" if so_far else rating.label,
        "so_far": so_far,
        "target_ended_on": target_ended_on,
        "trend": direction.value,
        "trend_label": direction.label,
        "counts_children": kpi.counts_children,
    }


def kpi_scorecard(as_of: date, kpis=None) -> list[dict]:
    """One row per KPI (every KPI, or those in the `kpis` queryset) as at `as_of`."""
    kpis = list(kpis_with_targets(kpis))
    recent = latest_two([k.pk for k in kpis], as_of)
    return [row_for(kpi, recent.get(kpi.pk, []), as_of) for kpi in kpis]


def for_publication(rows: list[dict], marker: str = suppression.TEXT_MARKER) -> list[dict]:
    """Copies of scorecard rows safe to publish: small counts of children suppressed, and the
    figure with them (a rate of a tiny group can be worked back to the children)."""
    published = []
    for row in rows:
        row = dict(row)
        if row["counts_children"] and (
            suppression.is_suppressed(row["numerator"]) or suppression.is_suppressed(row["denominator"])
        ):
            row.update(numerator=marker, denominator=marker, latest=marker, trend="none", trend_label="")
        published.append(row)
    return published
