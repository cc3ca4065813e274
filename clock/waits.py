"""Waiting times the NHS counts in weeks (referral to first appointment, assessment or treatment).

NHS waiting-time standards (the 18-week referral-to-treatment standard, NICE's 13 weeks from
referral to the start of an autism diagnostic assessment, NICE CG128/QS51) count completed weeks
from the referral date: a child referred on a Monday has waited one week the next Monday.
"""

import calendar
from datetime import date


def weeks_waited(start: date, on: date) -> int:
    """Completed weeks from `start` to `on` (0 for the first six days, never negative)."""
    return max((on - start).days, 0) // 7


def days_waited(start: date, on: date) -> int:
    return max((on - start).days, 0)


def within_weeks(start: date, stopped: date, weeks: int) -> bool:
    """Whether a clock stopped on `stopped` was within `weeks` weeks of `start` (day 7*weeks counts)."""
    return (stopped - start).days <= weeks * 7


def month_end(day: date) -> date:
    return date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])


def month_ends(first: date, last: date) -> list[date]:
    """The last day of every month from `first`'s month to `last`'s month, in order."""
    ends, year, month = [], first.year, first.month
    while (year, month) <= (last.year, last.month):
        ends.append(date(year, month, calendar.monthrange(year, month)[1]))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return ends
