"""Calendar months as reporting periods: worked examples, and properties for any day."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clock import dates

DAYS = st.dates(min_value=date(1990, 1, 1), max_value=date(2060, 12, 31))


def test_month_start_and_end_cover_leap_years():
    assert dates.month_start(date(2024, 2, 10)) == date(2024, 2, 1)
    assert dates.month_end(date(2024, 2, 10)) == date(2024, 2, 29)
    assert dates.month_end(date(2025, 2, 1)) == date(2025, 2, 28)
    assert dates.month_end(date(2026, 12, 31)) == date(2026, 12, 31)


@pytest.mark.parametrize(
    "day,count,first",
    [
        (date(2026, 12, 7), 1, date(2027, 1, 1)),  # across the year end
        (date(2026, 1, 31), 1, date(2026, 2, 1)),  # from a 31st: the first of the next month
        (date(2026, 3, 15), -3, date(2025, 12, 1)),
        (date(2026, 3, 15), -15, date(2024, 12, 1)),
        (date(2026, 3, 15), 0, date(2026, 3, 1)),
    ],
)
def test_add_months_gives_the_first_of_that_month(day, count, first):
    assert dates.add_months(day, count) == first


def test_months_to_counts_this_month_in():
    assert dates.months_to(date(2026, 12, 7), 12) == date(2026, 1, 1)  # a year of months
    assert dates.months_to(date(2026, 12, 7), 6) == date(2026, 7, 1)
    assert dates.months_to(date(2026, 12, 7), 13) == date(2025, 12, 1)
    assert dates.month_after(date(2026, 12, 7)) == date(2027, 1, 1)


def test_month_lists_run_from_the_first_month_to_the_last_in_order():
    assert dates.month_starts(date(2024, 11, 15), date(2025, 2, 1)) == [
        date(2024, 11, 1),
        date(2024, 12, 1),
        date(2025, 1, 1),
        date(2025, 2, 1),
    ]
    assert dates.month_ends(date(2024, 11, 15), date(2025, 2, 1)) == [
        date(2024, 11, 30),
        date(2024, 12, 31),
        date(2025, 1, 31),
        date(2025, 2, 28),
    ]
    assert dates.month_starts(date(2025, 3, 1), date(2025, 2, 28)) == []


def test_the_last_complete_month_ends_today_on_a_month_end():
    assert dates.last_month_end(date(2026, 12, 7)) == date(2026, 11, 30)
    assert dates.last_month_end(date(2026, 11, 30)) == date(2026, 11, 30)
    assert dates.last_month_end(date(2024, 3, 1)) == date(2024, 2, 29)


@pytest.mark.parametrize(
    "day,start",
    [
        (date(2026, 1, 1), date(2026, 1, 1)),
        (date(2026, 3, 31), date(2026, 1, 1)),
        (date(2026, 4, 1), date(2026, 4, 1)),
        (date(2026, 12, 7), date(2026, 10, 1)),
    ],
)
def test_quarter_start(day, start):
    assert dates.quarter_start(day) == start


def test_the_year_to_today_is_twelve_months_both_days_counted():
    assert dates.year_to(date(2026, 12, 7)) == (date(2025, 12, 8), date(2026, 12, 7))
    assert dates.year_to(date(2024, 2, 29)) == (date(2023, 3, 1), date(2024, 2, 29))


@given(DAYS, st.integers(min_value=-60, max_value=60))
def test_month_arithmetic_properties(day, count):
    first = dates.add_months(day, count)
    assert first.day == 1
    assert (first.year - day.year) * 12 + first.month - day.month == count
    end = dates.month_end(day)
    assert dates.month_start(day) <= day <= end
    assert end + timedelta(days=1) == dates.month_after(day)
    months = dates.month_starts(day, first) if count >= 0 else []
    assert len(months) == (count + 1 if count >= 0 else 0)


def test_financial_years_run_from_april_to_march():
    assert dates.financial_year(date(2026, 3, 31)) == 2025
    assert dates.financial_year(date(2026, 4, 1)) == 2026
    assert dates.financial_year_span(2026) == (date(2026, 4, 1), date(2027, 3, 31))
    assert dates.days_inclusive(*dates.financial_year_span(2027)) == 366  # to 31 March 2028, a leap year
    assert dates.days_inclusive(date(2026, 4, 1), date(2026, 4, 30)) == 30


def test_the_next_school_year_starts_on_1_september():
    assert dates.next_academic_year_start(date(2026, 8, 31)) == date(2026, 9, 1)
    assert dates.next_academic_year_start(date(2026, 9, 1)) == date(2027, 9, 1)
