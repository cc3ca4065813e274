"""Keeping records: when a young person's record is due for review and deletion.

The area's schedule (settings RETENTION_AGE_YEARS, RETENTION_EXTRA_YEARS; default the common local
authority rule for SEN files, date of birth + 25 years + 6 years) applied to a date of birth, and
the latest date of birth whose record is due on a given day. Pure, like the rest of the clock."""

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta


def review_due(date_of_birth: date, age_years: int, extra_years: int) -> date:
    return date_of_birth + relativedelta(years=age_years + extra_years)


def born_on_or_before(today: date, age_years: int, extra_years: int) -> date:
    """Records of everyone born on or before this day are due for review on `today`."""
    return today - relativedelta(years=age_years + extra_years)


def hold_ends(changed_on: date, hold_days: int) -> date:
    """The day a hold on deletion ends when a change of date of birth moved a record past its
    retention on `changed_on` (a typo, or an attempt to erase a record, must not delete it)."""
    return changed_on + timedelta(days=hold_days)
