"""The Local Offer's KPI figure (core/kpis.py): services reviewed in time, point in time."""

from decimal import Decimal

from core.kpis import Figure, kpi_measure, kpi_source
from directory.queries import freshness

ORDER = 40


@kpi_measure("freshness")
def service_freshness(measured):
    return freshness(measured.today)


def _fresh(measured, month):
    if not measured.is_current(month):
        return None
    fresh = measured.of("freshness")
    if not fresh.services:
        return None
    return Figure(Decimal(str(round(100 * fresh.in_time / fresh.services, 1))), fresh.in_time, fresh.services)


kpi_source(
    "local_offer_fresh", "Local Offer services reviewed in time", _fresh, order=ORDER, point_in_time=True
)
