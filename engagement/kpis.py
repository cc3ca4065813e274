"""The KPI figure counted from family surveys (core/kpis.py): % who feel kept informed;
engagement.survey_measures owns the rule."""

from core.kpis import from_proportion, kpi_measure, kpi_source
from engagement.survey_measures import kept_informed_by_month

ORDER = 70


@kpi_measure("kept_informed")
def kept_informed(measured) -> dict:
    """Month start -> Share of families' survey answers saying they feel kept informed."""
    return kept_informed_by_month(measured.start, measured.end)


def _kept_informed(measured, month):
    return from_proportion(measured.of("kept_informed").get(month))


kpi_source(
    "survey_kept_informed", "% of parents who feel kept informed (surveys)", _kept_informed, order=ORDER
)
