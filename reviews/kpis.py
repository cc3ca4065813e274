"""The KPI figures counted from annual reviews (core/kpis.py); reviews.measures owns the rules."""

from core.kpis import kpi_source, monthly_measure
from reviews.measures import review_measures

ORDER = 20

REVIEWS = monthly_measure("reviews", review_measures)

kpi_source("reviews_in_time", "Review meetings within 12 months", REVIEWS.proportion("held"), order=ORDER)
kpi_source(
    "review_decisions_4w", "Review decisions within 4 weeks", REVIEWS.proportion("decisions"), order=ORDER
)
kpi_source(
    "amended_12w", "Amended plans within 12 weeks of the review", REVIEWS.proportion("amended"), order=ORDER
)
