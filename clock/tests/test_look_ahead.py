"""Look-aheads and look-backs lists and reminders filter on, the Local Offer's review rule and
the retention hold: worked examples."""

from datetime import date

from clock import dates, local_offer, retention

TODAY = date(2026, 12, 7)


def test_days_and_weeks_ahead_include_both_ends():
    assert dates.days_ahead(TODAY, 7) == (TODAY, date(2026, 12, 14))
    assert dates.weeks_ahead(TODAY, 12) == (TODAY, date(2027, 3, 1))
    assert dates.days_ago(TODAY, 7) == date(2026, 11, 30)
    assert dates.day_after(date(2026, 12, 31)) == date(2027, 1, 1)


def test_a_local_offer_entry_is_checked_every_six_months_and_reminded_four_weeks_before():
    assert local_offer.next_review_due(date(2026, 8, 31)) == date(2027, 2, 28)
    assert local_offer.checked_on_for(date(2027, 6, 7)) == TODAY
    assert local_offer.remind_until(TODAY) == date(2027, 1, 4)
    assert local_offer.review_state(date(2026, 12, 6), TODAY) == "overdue"
    assert local_offer.review_state(TODAY, TODAY) == "due_soon"
    assert local_offer.review_state(date(2027, 1, 4), TODAY) == "due_soon"
    assert local_offer.review_state(date(2027, 1, 5), TODAY) == "on_track"


def test_a_retention_hold_runs_its_days_from_the_change():
    assert retention.hold_ends(date(2026, 12, 7), 30) == date(2027, 1, 6)
