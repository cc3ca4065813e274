"""Calendar arithmetic: school years, year groups and key stages, ages, months and days left.

England's school year runs from 1 September to 31 August; a child's year group is fixed by the
academic year they were born in (CoP 9.x; DfE school census guidance: 1 September cut-off).
Reporting periods are calendar months (SEN2, the KPIs, the waiting-list extracts); lists filter
them, and age bands, through the date ranges worked out here. Statutory deadlines are not here:
the clock engine owns those.
"""

import calendar
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from django.utils import timezone

RECEPTION = 0


def today() -> date:
    """Today in the service's time zone (Europe/London), not the server's UTC date."""
    return timezone.localdate()


def academic_year_start(on: date) -> int:
    """The calendar year in which the academic year containing `on` began."""
    return on.year if on.month >= 9 else on.year - 1


def next_academic_year_start(on: date) -> date:
    """1 September of the school year after the one containing `on` (when a phase transfer happens)."""
    return date(academic_year_start(on) + 1, 9, 1)


def academic_year_label(on: date) -> str:
    start = academic_year_start(on)
    return f"{start}/{str(start + 1)[-2:]}"


def national_curriculum_year(date_of_birth: date, on: date) -> int:
    """Year group on `on`: 0 is Reception, 1 is Year 1 ... 13 is Year 13; below 0 is nursery and
    above 13 is post-19. A child starts Reception in the September after their fourth birthday."""
    cohort = academic_year_start(date_of_birth)
    return academic_year_start(on) - (cohort + 5)


def year_group_label(year: int) -> str:
    if year < -2:
        return "Not yet in nursery"
    if year < 0:
        return "Nursery"
    if year == RECEPTION:
        return "Reception"
    if year <= 13:
        return f"Year {year}"
    return "Post-19"


KEY_STAGES = [
    ("EYFS", "Early years"),
    ("KS1", "Key stage 1"),
    ("KS2", "Key stage 2"),
    ("KS3", "Key stage 3"),
    ("KS4", "Key stage 4"),
    ("KS5", "Post-16"),
    ("POST19", "Post-19"),
]
KEY_STAGE_LABELS = dict(KEY_STAGES)


def key_stage(year: int) -> str:
    """Key stage code for a national curriculum year (Education Act 2002 s.76, 82)."""
    if year <= RECEPTION:
        return "EYFS"
    if year <= 2:
        return "KS1"
    if year <= 6:
        return "KS2"
    if year <= 9:
        return "KS3"
    if year <= 11:
        return "KS4"
    if year <= 13:
        return "KS5"
    return "POST19"


def age_on(date_of_birth: date, on: date) -> int:
    before_birthday = (on.month, on.day) < (date_of_birth.month, date_of_birth.day)
    return on.year - date_of_birth.year - before_birthday


def latest_birth_date_for_age(years: int, on: date) -> date:
    """Everyone born on or before this day is at least `years` old on `on` (as age_on counts: a
    29 February birthday comes on 1 March in other years)."""
    return on - relativedelta(years=years)


def born_for_ages(low: int, high: int, on: date) -> tuple[date, date]:
    """The first and last birth dates (both included) of people aged `low` to `high` whole years
    on `on`: an age band as the date range a query filters `date_of_birth` on."""
    return latest_birth_date_for_age(high + 1, on) + timedelta(days=1), latest_birth_date_for_age(low, on)


# Months -------------------------------------------------------------------------------------------


def month_start(day: date) -> date:
    return day.replace(day=1)


def month_end(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def add_months(day: date, count: int) -> date:
    """The first day of the month `count` months after `day`'s month (before it, if negative)."""
    index = day.year * 12 + day.month - 1 + count
    return date(index // 12, index % 12 + 1, 1)


def month_after(day: date) -> date:
    """The first day of the next month: the exclusive end of `day`'s month in a query."""
    return add_months(day, 1)


def months_to(day: date, count: int) -> date:
    """The first day of a run of `count` months ending with `day`'s month (12 gives a year of
    months including this one)."""
    return add_months(day, 1 - count)


def month_starts(first: date, last: date) -> list[date]:
    """The first day of every month from `first`'s month to `last`'s month, in order."""
    months, month = [], month_start(first)
    while month <= last:
        months.append(month)
        month = month_after(month)
    return months


def month_ends(first: date, last: date) -> list[date]:
    """The last day of every month from `first`'s month to `last`'s month, in order."""
    return [month_end(month) for month in month_starts(first, last)]


def last_month_end(today: date) -> date:
    """The end of the latest complete month: today on a month's last day, else last month's end."""
    return today if month_end(today) == today else month_start(today) - timedelta(days=1)


def quarter_start(day: date) -> date:
    """The first day of `day`'s calendar quarter (January, April, July, October)."""
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def financial_year(on: date) -> int:
    """The financial year (April to March) `on` falls in, named by the year it starts (the
    high-needs budget's year)."""
    return on.year if on.month >= 4 else on.year - 1


def financial_year_span(year: int) -> tuple[date, date]:
    """The first and last days of financial year `year` (1 April to 31 March)."""
    return date(year, 4, 1), date(year + 1, 3, 31)


def days_inclusive(first: date, last: date) -> int:
    """Days from `first` to `last`, both counted (a placement from 1 to 30 April runs 30 days)."""
    return (last - first).days + 1


def year_to(today: date) -> tuple[date, date]:
    """The 12 months to `today`, both days included (a KPI's rolling year): from the day after
    the same date a year before."""
    return today - relativedelta(years=1) + timedelta(days=1), today


def days_from(today: date, due: date) -> int:
    """Days from `today` to `due`: 0 on the day, negative once it has passed."""
    return (due - today).days


def days_ahead(today: date, days: int) -> tuple[date, date]:
    """Today and the `days` days after it, both ends included, for a query's look-ahead
    (`due_on__range=days_ahead(today, 7)`: reminders of what falls due within the week)."""
    return today, today + timedelta(days=days)


def weeks_ahead(today: date, weeks: int) -> tuple[date, date]:
    """Today to the same weekday `weeks` weeks on, both included (a list's "due in the next N weeks")."""
    return days_ahead(today, 7 * weeks)


def days_ago(today: date, days: int) -> date:
    """The day `days` days before `today` ("a week ago" is days_ago(today, 7))."""
    return today - timedelta(days=days)


def day_after(day: date) -> date:
    """The first day after a period whose last day is `day` (e.g. when a plan may be issued once
    the family's days to comment have run)."""
    return day + timedelta(days=1)


def days_left(last_day: date, today: date) -> int:
    """Days left to act up to `last_day`, today and the last day both counted (1 on the last day);
    0 once it has passed. For a family's own period, such as 15 days to comment on a draft."""
    return (last_day - today).days + 1 if today <= last_day else 0


def days_late(done: date, due: date) -> int:
    """Days after `due` that `done` fell (0 if on or before it)."""
    return max(0, (done - due).days)


def weeks_between(start: date, end: date) -> float:
    """Weeks from `start` to `end`, as a fraction (for averages such as weeks taken to issue a plan)."""
    return (end - start).days / 7


def school_leaving_date(date_of_birth: date) -> date:
    """The day a child stops being of compulsory school age: the last Friday in June of the school
    year in which they turn 16 (Education Act 1996 s.8; Education (Start of Compulsory School Age
    and School Leaving Date) Order 1997)."""
    year = academic_year_start(date_of_birth) + 17
    june_30 = date(year, 6, 30)
    return june_30.fromordinal(june_30.toordinal() - (june_30.weekday() - 4) % 7)


def over_compulsory_school_age(date_of_birth: date, on: date) -> bool:
    """A "young person" in law (Children and Families Act 2014 s.83(2)): past the school leaving date."""
    return on > school_leaving_date(date_of_birth)


def latest_birth_date_over_compulsory_school_age(on: date) -> date:
    """Everyone born on or before this day is over compulsory school age on `on` (for queries)."""
    leaving_this_june = school_leaving_date(date(on.year - 16, 8, 31))
    last_cohort = on.year - 16 if on > leaving_this_june else on.year - 17
    return date(last_cohort, 8, 31)
