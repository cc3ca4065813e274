"""Plan quality figures for the performance framework, over every live plan's current issued
version, in a fixed number of queries (plans.facts loads them all at once; plans.checks judges).

- checks: for each quality check, how many plans pass it (none of its findings).
- no_findings: plans with no finding at all.
- pfa: Year 9 and above, plans with an outcome in each of the four preparing for adulthood areas.
- health_advice: plans whose newest health advice was under 12 months old when the plan was issued.
- social_care_advice: of plans whose child is known to social care (CIN, CP, LAC) or that have
  social care needs in section D, those with social care advice.
- advice_current: plans with none of the advice findings (section K): health advice where there are
  health needs and current when issued, social care advice where it is needed.
- no_named_setting: plans that name no school or setting in section I (a type only, or nothing).
"""

from dataclasses import dataclass, field
from datetime import date

from casework.measures import Proportion
from clock import dates
from plans import checks
from plans.codes import KNOWN_TO_SOCIAL_CARE, PFA_FROM_YEAR, PfaArea
from plans.facts import facts_for_many
from plans.models import EHCPlan, PlanVersion, QualityResult

PFA_AREAS = frozenset(PfaArea.values)
ADVICE_CHECKS = frozenset(code for code, (section, _) in checks.CHECKS.items() if section == "K")


@dataclass(frozen=True)
class PlanMeasures:
    on: date
    plans: int = 0
    checks: dict = field(default_factory=dict)  # check code -> Proportion passing
    no_findings: Proportion = Proportion()
    pfa: Proportion = Proportion()
    health_advice: Proportion = Proportion()
    social_care_advice: Proportion = Proportion()
    advice_current: Proportion = Proportion()
    no_named_setting: int = 0


def current_versions():
    """The issued version in force for every live plan."""
    live = EHCPlan.objects.filter(ceased_on__isnull=True, latest_issued__isnull=False)
    return PlanVersion.objects.filter(pk__in=live.values("latest_issued"))


def _needs_social_care(facts) -> bool:
    return facts.social_care_status in KNOWN_TO_SOCIAL_CARE or any(n.section == "D" for n in facts.needs)


def summary(facts) -> dict:
    """What the measures need of one plan: the checks it fails and the facts they count. Stored per
    version by plans.stored_checks; judged afresh by measure()."""
    return {
        "codes": sorted({f.code for f in checks.findings(facts)}),
        "older": facts.year_group >= PFA_FROM_YEAR,
        "pfa_complete": PFA_AREAS.issubset({o.pfa_area for o in facts.outcomes}),
        "health_advice_current": checks.advice_is_current(
            checks.newest(facts, checks.HEALTH), facts.written_on
        ),
        "needs_social_care": _needs_social_care(facts),
        "social_care_advice": checks.newest(facts, checks.SOCIAL_CARE) is not None,
        "named_setting": bool(facts.named_setting),
    }


def aggregate(today: date, summaries: list[dict]) -> PlanMeasures:
    found = [set(s["codes"]) for s in summaries]
    total = len(summaries)
    older = [s for s in summaries if s["older"]]
    needing = [s for s in summaries if s["needs_social_care"]]
    return PlanMeasures(
        on=today,
        plans=total,
        checks={code: Proportion(total, sum(code not in codes for codes in found)) for code in checks.CHECKS},
        no_findings=Proportion(total, sum(not codes for codes in found)),
        pfa=Proportion(len(older), sum(s["pfa_complete"] for s in older)),
        health_advice=Proportion(total, sum(s["health_advice_current"] for s in summaries)),
        social_care_advice=Proportion(len(needing), sum(s["social_care_advice"] for s in needing)),
        advice_current=Proportion(total, sum(not codes & ADVICE_CHECKS for codes in found)),
        no_named_setting=sum(not s["named_setting"] for s in summaries),
    )


def measure(today: date | None = None) -> PlanMeasures:
    """Every live plan judged now (the KPI snapshot)."""
    today = today or dates.today()
    return aggregate(today, [summary(f) for f in facts_for_many(current_versions(), today).values()])


def measure_stored(today: date | None = None) -> PlanMeasures:
    """The same figures from the stored results (plans.stored_checks keeps them current)."""

    today = today or dates.today()
    rows = QualityResult.objects.filter(
        version__in=current_versions(), school_year=dates.academic_year_start(today)
    ).values(*SUMMARY_FIELDS)
    return aggregate(today, list(rows.iterator(chunk_size=5000)))


SUMMARY_FIELDS = (
    "codes",
    "older",
    "pfa_complete",
    "health_advice_current",
    "needs_social_care",
    "social_care_advice",
    "named_setting",
)
