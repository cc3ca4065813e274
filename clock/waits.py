"""Waiting times the NHS counts in weeks (referral to first appointment, assessment or treatment).

NHS waiting-time standards (the 18-week referral-to-treatment standard, NICE's 13 weeks from
referral to the start of an autism diagnostic assessment, NICE CG128/QS51) count completed weeks
from the referral date: a child referred on a Monday has waited one week the next Monday.
"""

from datetime import date


def weeks_waited(start: date, on: date) -> int:
    """Completed weeks from `start` to `on` (0 for the first six days, never negative)."""
    return max((on - start).days, 0) // 7


def days_waited(start: date, on: date) -> int:
    return max((on - start).days, 0)


def within_weeks(start: date, stopped: date, weeks: int) -> bool:
    """Whether a clock stopped on `stopped` was within `weeks` weeks of `start` (day 7*weeks counts)."""
    return (stopped - start).days <= weeks * 7
