"""The KPI figure counted from plan audits (core/kpis.py): % of audited plans good or better;
quality.measures owns the rule."""

from decimal import Decimal

from core.kpis import Figure, kpi_measure, kpi_source
from quality.measures import by_month_start

ORDER = 60


@kpi_measure("quality")
def audited_good(measured) -> dict:
    """Month start -> Share of audited plans graded good or better."""
    return by_month_start(measured.start, measured.end)


def _quality(measured, month):
    share = measured.of("quality").get(month)
    if share is None or not share.total:
        return None
    return Figure(Decimal(str(share.percent)), share.good, share.total)


kpi_source("plans_audited_good", "% of audited plans good or better", _quality, order=ORDER)
