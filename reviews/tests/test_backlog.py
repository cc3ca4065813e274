"""The backlog figures (overdue review meetings now and a week ago) are two index-served counts:
they must equal a plain count of the rows, by the definitions, on every mix of dates around
"a week ago" and "today"."""

import itertools
import uuid
from datetime import date, timedelta

import pytest

from people.tests.factories import ChildFactory
from reviews import queries
from reviews.models import AnnualReview
from reviews.tests.factories import at, quick_review

pytestmark = pytest.mark.django_db
TODAY = date(2027, 6, 1)
THEN = TODAY - timedelta(days=7)


def around(*days):
    return [day + timedelta(days=shift) for day in days for shift in (-1, 0, 1)]


def varied_reviews():
    """One row for each mix of due date, cycle start, meeting held and closed dates, each either
    side of (and on) a week ago and today, plus open reviews not due yet."""
    with at(TODAY):
        template = quick_review(ChildFactory(), date(2026, 5, 1))
    rows = []
    mixes = itertools.product(
        around(THEN, TODAY) + [TODAY + timedelta(days=40)],  # due
        [THEN - timedelta(days=300), THEN, THEN + timedelta(days=1)],  # cycle start
        [None, *around(THEN), TODAY],  # meeting held
        [None, *around(THEN), TODAY],  # closed
    )
    for n, (due_on, cycle_start, held_on, closed_on) in enumerate(mixes):
        row = AnnualReview.objects.get(pk=template.pk)
        row.pk, row.public_id, row.reference = None, uuid.uuid4(), f"T{n:06d}"
        # "held" keeps the copies out of the one-awaiting-meeting-per-plan rule; the counts read
        # only the dates.
        row.stage = "held"
        row.due_on, row.cycle_start = due_on, cycle_start
        row.meeting_held_on, row.closed_on = held_on, closed_on
        rows.append(row)
    AnnualReview.objects.bulk_create(rows)
    return AnnualReview.objects.all()


def overdue_now(r):
    return r.meeting_held_on is None and r.closed_on is None and r.due_on < TODAY


def overdue_a_week_ago(r):
    def not_by_then(day):
        return day is None or day > THEN

    started_and_due = r.cycle_start <= THEN and r.due_on < THEN
    return started_and_due and not_by_then(r.meeting_held_on) and not_by_then(r.closed_on)


def test_the_backlog_counts_equal_a_plain_count_of_the_rows():
    everything = list(varied_reviews())
    expected = queries.Backlog(
        now=sum(map(overdue_now, everything)), week_ago=sum(map(overdue_a_week_ago, everything))
    )
    assert expected.now > 10 and expected.week_ago > 10  # the mix has both kinds, not just zeros
    assert queries.backlog(TODAY) == expected


def test_the_backlog_counts_only_the_reviews_it_is_given():
    everything = varied_reviews()
    some = everything.filter(reference__endswith="7")
    expected = queries.Backlog(
        now=sum(map(overdue_now, some)), week_ago=sum(map(overdue_a_week_ago, some))
    )
    assert queries.backlog(TODAY, reviews=some) == expected
