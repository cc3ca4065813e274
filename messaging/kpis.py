"""The KPI figure counted from messages with families (core/kpis.py): answered within the service
level; messaging.measures owns the rule."""

from casework.measures import Proportion
from core.kpis import from_proportion, kpi_measure, kpi_source
from messaging.measures import replies_in_time_by_month

ORDER = 50


@kpi_measure("messages")
def replies_in_time(measured) -> dict:
    """Month start -> Proportion of family messages answered in time (of those measured)."""
    months = replies_in_time_by_month(measured.start, measured.end, today=measured.today)
    return {row.month: Proportion(row.measured, row.in_time) for row in months}


def _messages(measured, month):
    return from_proportion(measured.of("messages").get(month))


kpi_source("messages_in_time", "Messages answered within the service level", _messages, order=ORDER)
