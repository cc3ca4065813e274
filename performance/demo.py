"""Demo KPIs: Bradford's Written Statement of Action indicators and trajectories (seeds/000, see
performance/data/bradford_wsa.py) with Brookfield's own figures.

- System KPIs: a figure for every month from the WSOA's baseline (September 2022) to today, counted
  from the demo's cases and reviews by the same code the nightly snapshot runs (one pass of each
  measures module over the whole range, a fixed number of queries). Point-in-time measures (plan
  quality, the Local Offer) only know today, so they get this month's figure.
- Figures from elsewhere (health visiting, screening, waiting times, surveys): made-up figures at
  the KPI's frequency, drifting from the baseline towards the trajectory with some noise, each
  marked "Demo data" in its note. Deterministic: every draw comes from context.rng.
"""

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db.models import Q

from clock import dates
from performance import services
from performance.data.bradford_wsa import KPIS
from performance.models import KPI, MANUAL, Measurement, Origin
from performance.rag import Milestone, target_at
from performance.sources import Measured

HISTORY_FROM = date(2022, 9, 1)
DEMO_NOTE = "Demo data: a made-up figure for the Brookfield demonstration area."
# Which demo persona owns which KPIs, so each persona has something to do.
OWNER_PERSONAS = {"1": "manager", "2": "manager", "3": "action_lead", "4": "action_lead"}
OWNER_BY_CODE = {"2.2a": "dsco", "ADV-SC": "dsco", "2.2b": "dco", "ADV-HEALTH": "dco"}
# The months a figure comes in, by the KPI's frequency (terms end in December, March and July).
DUE_MONTHS = {
    "monthly": set(range(1, 13)),
    "quarterly": {3, 6, 9, 12},
    "termly": {12, 3, 7},
    "annual": {12},
}


def build(context):
    users = context.data.get("users", {})
    owners = {}
    for entry in KPIS:
        persona = OWNER_BY_CODE.get(entry["code"]) or OWNER_PERSONAS.get(entry["area"])
        if persona in users:
            owners[entry["code"]] = users[persona]
    # Bradford's indicators, owned in the demo by the demo area's posts (not Bradford's).
    demo_kpis = [entry | {"owner": entry["owner"].replace("Bradford", settings.AREA_NAME)} for entry in KPIS]
    kpis = services.load_definitions(demo_kpis, owners)
    system = [k for k in kpis if k.source != MANUAL]
    months = dates.month_starts(HISTORY_FROM, context.today)
    counted = services.store_history(
        system, Measured(HISTORY_FROM, context.today, today=context.today), months
    )
    manual = [k for k in kpis if k.source == MANUAL]
    typed = Measurement.objects.bulk_create(_manual_figures(context, manual), batch_size=500)
    context.data["kpis"] = kpis
    return {
        "KPIs with their trajectories": len(kpis),
        "monthly figures from the system": counted["created"],
        "figures entered by hand": len(typed),
    }


# KPIs measured from what the builders after this one make (engagement's family surveys, quality's
# plan audits, waiting's lists and health assessments), with the months each builder's data covers.
# Their history is stored again, as the nightly snapshot would have, once those builders have run.
HEALTH_ASSESSMENTS = ["iha_on_time", "rha_on_time"]
MEASURED_LATER = [
    (lambda kpis: kpis.filter(source="survey_kept_informed"), lambda today: _last_months(today, 12)),
    (lambda kpis: kpis.filter(source="plans_audited_good"), lambda today: _last_months(today, 4)),
    (
        lambda kpis: kpis.filter(Q(source__startswith="wait_") | Q(source__in=HEALTH_ASSESSMENTS)),
        lambda today: dates.month_starts(HISTORY_FROM, today),
    ),
]


def _last_months(today, count):
    return dates.month_starts(dates.months_to(today, count), today)


def measured_later(context):
    """The last demo builder: KPI history from the data the builders after `build` made."""
    stored = 0
    for kpis_of, months_of in MEASURED_LATER:
        kpis = list(kpis_of(KPI.objects.order_by("pk")))
        if not kpis:
            continue
        months = months_of(context.today)
        measured = Measured(months[0], context.today, today=context.today)
        counted = services.store_history(kpis, measured, months)
        stored += counted["created"] + counted["updated"]
    return {"monthly figures from surveys, plan audits and waiting lists": stored}


def _manual_figures(context, kpis):
    rng, today = context.rng, context.today
    for kpi in kpis:
        trajectory = [Milestone(t.due_on, t.value) for t in kpi.targets.all()]
        due = DUE_MONTHS[kpi.frequency]
        start = (
            kpi.baseline_value if kpi.baseline_value is not None else (trajectory[0].value * Decimal("0.8"))
        )
        skill = Decimal(str(rng.uniform(0.85, 1.05)))  # how well this service keeps to its plan
        population = rng.randint(60, 900)
        for index, month in enumerate(m for m in dates.month_starts(HISTORY_FROM, today) if m.month in due):
            as_at = dates.month_end(month)
            if as_at > today:
                break
            target = target_at(trajectory, as_at) or start
            # Closing on the target over the first six figures, then holding near it.
            aim = start + (target - start) * min(Decimal(1), Decimal(index + 1) / 6) * skill
            value = max(Decimal(0), aim + Decimal(str(rng.uniform(-4, 4))))
            if kpi.unit == "percent":
                value = min(Decimal(100), value)
            numerator = denominator = None
            if kpi.unit == "percent" and kpi.counts_children:
                denominator = population + rng.randint(-20, 20)
                numerator = round(value * denominator / 100)
                value = Decimal(100 * numerator / denominator)
            yield Measurement(
                kpi=kpi,
                period_start=month,
                period_end=as_at,
                value=value.quantize(Decimal("0.1")),
                numerator=numerator,
                denominator=denominator,
                origin=Origin.MANUAL,
                note=DEMO_NOTE,
                created_by=kpi.owner,
            )
