"""The RAG rule (performance.rag): the target in force at a date, and the rating against it."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from performance.rag import RAG, Milestone, Trend, rate, rate_on, target_at, trend

# Bradford's autism/ADHD longest wait (weeks, lower is better) and 2-year checks (per cent).
LONGEST_WAIT = [
    Milestone(date(2023, 3, 31), Decimal(90)),
    Milestone(date(2023, 9, 30), Decimal(60)),
    Milestone(date(2024, 3, 31), Decimal(52)),
    Milestone(date(2024, 9, 30), Decimal(45)),
]


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        (date(2023, 3, 30), None),  # before the first milestone: no target yet
        (date(2023, 3, 31), 90),  # a milestone applies from its own date
        (date(2023, 9, 29), 90),
        (date(2023, 9, 30), 60),
        (date(2024, 6, 1), 52),
        (date(2030, 1, 1), 45),  # after the last milestone it goes on applying
    ],
)
def test_it_takes_the_latest_milestone_on_or_before_the_date(on, expected):
    assert target_at(LONGEST_WAIT, on) == (None if expected is None else Decimal(expected))


def test_it_does_not_depend_on_the_order_milestones_are_given_in():
    assert target_at(list(reversed(LONGEST_WAIT)), date(2023, 10, 1)) == 60


@pytest.mark.parametrize(
    ("value", "target", "higher", "expected"),
    [
        (70, 70, True, RAG.GREEN),
        (75, 70, True, RAG.GREEN),
        (66.5, 70, True, RAG.AMBER),  # exactly 5% below
        (66.4, 70, True, RAG.RED),
        (45, 45, False, RAG.GREEN),
        (40, 45, False, RAG.GREEN),
        (47.25, 45, False, RAG.AMBER),  # exactly 5% above
        (47.3, 45, False, RAG.RED),
        (0, 0, True, RAG.GREEN),
        (None, 70, True, RAG.NONE),
        (70, None, True, RAG.NONE),
    ],
)
def test_it_rates_against_the_target_with_a_five_per_cent_tolerance(value, target, higher, expected):
    assert rate(value, target, higher) is expected


def test_a_figure_before_the_first_milestone_has_no_rating():
    assert rate_on(200, date(2022, 6, 30), LONGEST_WAIT, higher_is_better=False) is RAG.NONE
    assert rate_on(59, date(2023, 12, 1), LONGEST_WAIT, higher_is_better=False) is RAG.GREEN
    assert rate_on(62, date(2023, 12, 1), LONGEST_WAIT, higher_is_better=False) is RAG.AMBER


values = st.decimals(min_value=0, max_value=1000, places=2)


@given(value=values, target=values)
def test_direction_mirrors_the_rating(value, target):
    """Meeting a 'higher is better' target means not beating it the other way, except at equality."""
    up, down = rate(value, target, True), rate(value, target, False)
    if value == target:
        assert up is down is RAG.GREEN
    else:
        assert (up is RAG.GREEN) != (down is RAG.GREEN)


@given(value=values, target=values, better=st.decimals(min_value=0, max_value=100, places=2))
def test_a_better_figure_never_rates_worse(value, target, better):
    order = [RAG.RED, RAG.AMBER, RAG.GREEN]
    assert order.index(rate(value + better, target, True)) >= order.index(rate(value, target, True))
    assert order.index(rate(value, target, False)) >= order.index(rate(value + better, target, False))


@given(
    st.lists(st.tuples(st.dates(), values), min_size=1, max_size=8, unique_by=lambda t: t[0]),
    st.dates(),
)
def test_the_target_is_always_a_milestone_due_by_then(points, on):
    trajectory = [Milestone(d, v) for d, v in points]
    found = target_at(trajectory, on)
    due = [m for m in trajectory if m.due_on <= on]
    if not due:
        assert found is None
    else:
        latest = max(due, key=lambda m: m.due_on)
        assert found == latest.value
        # The day before the next milestone still has this target.
        later = [m.due_on for m in trajectory if m.due_on > on]
        if later:
            assert target_at(trajectory, min(later) - timedelta(days=1)) == found


@pytest.mark.parametrize(
    ("previous", "latest", "higher", "expected"),
    [
        (60, 65, True, Trend.IMPROVING),
        (60, 55, True, Trend.WORSENING),
        (30, 26, False, Trend.IMPROVING),
        (30, 30, False, Trend.SAME),
        (None, 30, True, Trend.NONE),
    ],
)
def test_trend_follows_the_direction(previous, latest, higher, expected):
    assert trend(previous, latest, higher) is expected
