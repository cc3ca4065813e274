from datetime import date

from clock.dates import month_end, month_ends
from clock.waits import weeks_waited, within_weeks


def test_weeks_waited_counts_completed_weeks_from_the_referral():
    referred = date(2025, 3, 3)  # a Monday
    assert weeks_waited(referred, date(2025, 3, 9)) == 0
    assert weeks_waited(referred, date(2025, 3, 10)) == 1
    assert weeks_waited(referred, date(2025, 6, 2)) == 13
    assert weeks_waited(referred, date(2025, 3, 1)) == 0


def test_within_weeks_includes_the_last_day_of_the_period():
    referred = date(2025, 3, 3)
    assert within_weeks(referred, date(2025, 6, 2), 13)
    assert not within_weeks(referred, date(2025, 6, 3), 13)


def test_month_ends_cover_leap_years_and_year_ends():
    assert month_end(date(2024, 2, 10)) == date(2024, 2, 29)
    assert month_ends(date(2024, 11, 15), date(2025, 2, 1)) == [
        date(2024, 11, 30),
        date(2024, 12, 31),
        date(2025, 1, 31),
        date(2025, 2, 28),
    ]
