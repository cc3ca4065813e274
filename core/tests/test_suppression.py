"""Small-number suppression for published figures (core.suppression)."""

import pytest

from core.suppression import (
    TABLE_MARKER,
    TEXT_MARKER,
    is_suppressed,
    suppress,
    suppress_rate,
    suppress_row,
)


@pytest.mark.parametrize(
    ("count", "expected"), [(0, 0), (1, TEXT_MARKER), (4, TEXT_MARKER), (5, 5), (120, 120), (None, None)]
)
def test_counts_of_one_to_four_children_are_hidden(count, expected):
    assert suppress(count) == expected


def test_tables_and_files_use_the_statistical_marker():
    assert suppress(3, marker=TABLE_MARKER) == "[c]"
    assert not is_suppressed(0) and is_suppressed(4) and not is_suppressed(5)


@pytest.mark.parametrize(
    ("numerator", "denominator", "expected"),
    [
        (30, 40, 75.0),
        (3, 40, TEXT_MARKER),  # a small part of a group
        (4, 4, TEXT_MARKER),  # a rate of a tiny group
        (0, 12, 0.0),
        (5, 0, None),
        (None, 10, None),
        (2, 3, TEXT_MARKER),
    ],
)
def test_a_rate_is_hidden_when_either_count_is_small(numerator, denominator, expected):
    assert suppress_rate(numerator, denominator) == expected


def test_a_row_suppresses_only_its_counts():
    row = {"name": "Alder Lane", "plans": 3, "requests": 12, "year": 2}
    assert suppress_row(row, {"plans", "requests"}, marker="[c]") == {
        "name": "Alder Lane",
        "plans": "[c]",
        "requests": 12,
        "year": 2,
    }
