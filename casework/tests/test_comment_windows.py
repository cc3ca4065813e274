"""The family's 15 days to comment on a draft plan or on proposed amendments: the day the draft is
sent is day 1, so the last day is 14 days later (reg 13(1), reg 22(2))."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from clock.assessment import draft_comments_last_day
from clock.reviews import amendment_comments_last_day


def test_it_gives_served_plus_fourteen_for_a_draft():
    assert draft_comments_last_day(date(2026, 7, 6)) == date(2026, 7, 20)


def test_it_counts_calendar_days_across_a_month_end_and_a_bank_holiday():
    # 22 December: Christmas and Boxing Day still count, so the last day is 5 January.
    assert draft_comments_last_day(date(2026, 12, 22)) == date(2027, 1, 5)


def test_it_gives_the_same_window_for_proposed_amendments():
    assert amendment_comments_last_day(date(2027, 7, 5)) == date(2027, 7, 19)


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 1, 1)))
def test_the_window_is_always_fifteen_days_counting_the_first(served_on):
    last = draft_comments_last_day(served_on)
    assert (last - served_on) + timedelta(days=1) == timedelta(days=15)
    assert amendment_comments_last_day(served_on) == last
