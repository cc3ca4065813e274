"""The KPI figures counted from EHC needs assessments (core/kpis.py): decisions, new plans and advice
within their time limits (casework.measures owns the rules)."""

from decimal import Decimal

from casework.measures import Proportion, assessment_measures
from core.kpis import Figure, from_proportion, kpi_source, monthly_measure

ORDER = 10  # listed first among the KPI sources

ASSESSMENTS = monthly_measure("casework", assessment_measures)


def _advice(*adviser_types):
    def read(measured, month):
        figures = ASSESSMENTS.figures(measured, month)
        if not figures:
            return None
        total = Proportion()
        for kind in adviser_types or tuple(figures.advice):
            total += figures.advice.get(kind, Proportion())
        return from_proportion(total)

    return read


def _median_weeks(measured, month):
    figures = ASSESSMENTS.figures(measured, month)
    if not figures or figures.median_weeks_to_plan is None:
        return None
    return Figure(Decimal(str(figures.median_weeks_to_plan)), None, figures.plans_including.count)


kpi_source(
    "decisions_6w",
    "Decisions whether to assess within 6 weeks",
    ASSESSMENTS.proportion("decisions"),
    order=ORDER,
)
kpi_source(
    "plans_20w_including",
    "New plans within 20 weeks, including exceptions",
    ASSESSMENTS.proportion("plans_including"),
    order=ORDER,
)
kpi_source(
    "plans_20w_excluding",
    "New plans within 20 weeks, excluding exceptions",
    ASSESSMENTS.proportion("plans_excluding"),
    order=ORDER,
)
kpi_source("median_weeks_to_plan", "Median weeks from request to plan", _median_weeks, order=ORDER)
kpi_source("advice_6w", "Advice within 6 weeks, every adviser", _advice(), order=ORDER)
kpi_source("advice_6w_ep", "Educational psychology advice within 6 weeks", _advice("ep"), order=ORDER)
kpi_source("advice_6w_health", "Health advice within 6 weeks", _advice("health"), order=ORDER)
kpi_source("advice_6w_social_care", "Social care advice within 6 weeks", _advice("social_care"), order=ORDER)
