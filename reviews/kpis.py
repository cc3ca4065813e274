"""The KPI figures counted from annual reviews (core/kpis.py); reviews.measures owns the rules."""

from core.kpis import from_proportion, kpi_measure, kpi_source
from reviews.measures import review_measures

ORDER = 20


@kpi_measure("reviews")
def review_months(measured) -> dict:
    figures = review_measures(measured.start, measured.end, today=measured.today)
    return {month.start.replace(day=1): month for month in figures.months}


def _reviews(attribute):
    def read(measured, month):
        figures = measured.of("reviews").get(month)
        return from_proportion(getattr(figures, attribute)) if figures else None

    return read


kpi_source("reviews_in_time", "Review meetings within 12 months", _reviews("held"), order=ORDER)
kpi_source("review_decisions_4w", "Review decisions within 4 weeks", _reviews("decisions"), order=ORDER)
kpi_source("amended_12w", "Amended plans within 12 weeks of the review", _reviews("amended"), order=ORDER)
