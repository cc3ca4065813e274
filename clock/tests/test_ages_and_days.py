"""Age bands as birth-date ranges for queries, and days left to a due date."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from clock import dates

DAYS = st.dates(min_value=date(1990, 1, 1), max_value=date(2060, 12, 31))


def test_an_age_band_as_the_birth_dates_it_covers():
    # Aged 5 to 10 on 7 December 2026: born 8 December 2015 to 7 December 2021, both included.
    assert dates.born_for_ages(5, 10, date(2026, 12, 7)) == (date(2015, 12, 8), date(2021, 12, 7))
    assert dates.latest_birth_date_for_age(16, date(2026, 9, 1)) == date(2010, 9, 1)
    # Born 29 February 2008: still 16 on 28 February 2025, 17 on 1 March (as age_on says).
    assert dates.latest_birth_date_for_age(17, date(2025, 2, 28)) == date(2008, 2, 28)
    assert dates.latest_birth_date_for_age(17, date(2025, 3, 1)) == date(2008, 3, 1)
    assert dates.age_on(date(2008, 2, 29), date(2025, 2, 28)) == 16


BORN = st.one_of(DAYS, st.just(date(2008, 2, 29)))


@given(BORN, DAYS, st.integers(min_value=0, max_value=20), st.integers(min_value=0, max_value=6))
def test_the_birth_dates_of_a_band_are_exactly_the_people_of_those_ages(born, on, low, width):
    first, last = dates.born_for_ages(low, low + width, on)
    if born <= on:
        assert (first <= born <= last) == (low <= dates.age_on(born, on) <= low + width)


def test_days_from_today_to_a_due_date():
    today = date(2026, 12, 7)
    assert dates.days_from(today, date(2026, 12, 21)) == 14
    assert dates.days_from(today, today) == 0
    assert dates.days_from(today, today - timedelta(days=3)) == -3


def test_days_left_counts_today_and_the_last_day():
    last_day = date(2026, 12, 21)  # a family's 15 days to comment, sent on 7 December
    assert dates.days_left(last_day, date(2026, 12, 7)) == 15
    assert dates.days_left(last_day, last_day) == 1
    assert dates.days_left(last_day, date(2026, 12, 22)) == 0


def test_days_late_and_weeks_between():
    assert dates.days_late(date(2026, 3, 12), date(2026, 3, 9)) == 3
    assert dates.days_late(date(2026, 3, 9), date(2026, 3, 9)) == 0
    assert dates.days_late(date(2026, 3, 1), date(2026, 3, 9)) == 0
    assert dates.weeks_between(date(2026, 1, 5), date(2026, 5, 25)) == 20
    assert dates.weeks_between(date(2026, 1, 5), date(2026, 1, 8)) == 3 / 7
