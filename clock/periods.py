"""Periods the law counts in: months ("within 12 months of") and working days."""

from datetime import date, timedelta

import holidays
from dateutil.relativedelta import relativedelta


def within_months(start: date, months: int) -> date:
    """Last day of "within N months of" `start`: the period starts with that date, so a plan made
    on 10 March 2025 must be reviewed by 9 March 2026 (CFA s.44(1); STATUTORY_RULES.md). Where the
    later month has no corresponding day (29 February), the period ends on that month's last day."""
    corresponding = start + relativedelta(months=months)
    if corresponding.day != start.day:
        return corresponding
    return corresponding - timedelta(days=1)


# England and Wales bank holidays (the holidays package follows the published gov.uk list).
_BANK_HOLIDAYS = holidays.country_holidays("GB", subdiv="ENG")


def is_working_day(day: date) -> bool:
    """Monday to Friday and not a bank holiday in England and Wales (STATUTORY_RULES.md)."""
    return day.weekday() < 5 and day not in _BANK_HOLIDAYS


def add_working_days(start: date, count: int) -> date:
    """The date `count` working days after `start` (the start day itself is not counted), for the
    rules that say working days: transfers between areas (reg 15), mediation certificates, and
    the area's own service levels such as replying to families within 5 working days."""
    day = start
    remaining = count
    while remaining > 0:
        day += timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    return day


def working_days_beginning_with(start: date, count: int) -> date:
    """The last of `count` working days "beginning with" `start` (reg 15(2)): `start` is day 1
    when it is a working day; otherwise the next working day is."""
    return add_working_days(start - timedelta(days=1), count)
