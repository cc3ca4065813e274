"""The messaging service level as a measure: how many family messages were answered in time, by month.

Used by the service-level page and by the nightly KPI snapshot (performance). Months are the
calendar months (UK time) in which the family sent the message. For one month's figure:

    [month] = replies_in_time_by_month(date(2026, 10, 1), date(2026, 10, 1), today=dates.today())
    month.share  # 0.92, or None when no message of that month has an outcome yet

A message still waiting counts against the share only once its reply-by date has passed
(`overdue`); until then it is `waiting` and not yet measured.
"""

from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Count, Q
from django.db.models.functions import TruncMonth

from clock import dates
from messaging.models import Message


@dataclass(frozen=True)
class MonthOfReplies:
    month: date  # the first day of the month
    in_time: int  # answered on or before the reply-by date
    late: int  # answered after the reply-by date
    waiting: int  # not answered yet (overdue ones included)
    overdue: int  # not answered and the reply-by date has passed

    @property
    def measured(self) -> int:
        """Messages whose outcome is known: answered, or already too late to be in time."""
        return self.in_time + self.late + self.overdue

    @property
    def share(self) -> float | None:
        """The share answered in time (0 to 1) of those measured; None if none are measured yet."""
        return self.in_time / self.measured if self.measured else None


def replies_in_time_by_month(first_month: date, last_month: date, today: date) -> list[MonthOfReplies]:
    """One MonthOfReplies per calendar month from `first_month` to `last_month` (any day in each;
    both included, oldest first, months without messages given as zeros), counting the family
    messages sent in that month. `today` decides which waiting messages are overdue. One query."""
    start = dates.month_start(first_month)
    months = dates.month_starts(start, last_month)
    after = dates.month_after(months[-1]) if months else start
    london = ZoneInfo(settings.TIME_ZONE)
    rows = (
        Message.objects.filter(
            from_family=True,
            sent_at__gte=datetime.combine(start, time(), tzinfo=london),
            sent_at__lt=datetime.combine(after, time(), tzinfo=london),
        )
        .annotate(month=TruncMonth("sent_at", tzinfo=london))
        .values("month")
        .annotate(
            in_time=Count("pk", filter=Q(answered_in_time=True)),
            late=Count("pk", filter=Q(answered_in_time=False)),
            waiting=Count("pk", filter=Q(answered_at__isnull=True)),
            overdue=Count("pk", filter=Q(answered_at__isnull=True, reply_by__lt=today)),
        )
    )
    found = {_as_date(row["month"]): row for row in rows}
    empty = {"in_time": 0, "late": 0, "waiting": 0, "overdue": 0}
    result = []
    for month in months:
        row = found.get(month, empty)
        result.append(MonthOfReplies(month, row["in_time"], row["late"], row["waiting"], row["overdue"]))
    return result


def _as_date(value) -> date:
    return value.date() if hasattr(value, "date") else value
