"""Small-number suppression: the one home of the rule for published figures.

Figures about fewer than 5 children can identify a child, so any page, report or file meant for
publication (board reports, returns shared outside the service, public pages) shows them as
"fewer than 5" (or the statistical convention "[c]" in tables and files) instead of the number.
A rate whose numerator or denominator is suppressed is suppressed too: a percentage of a tiny group,
or a tiny part of a group, can be worked back to the count.

Internal working pages (a caseworker's own caseload, a manager's dashboard) show real counts; only
call these functions on output that leaves the service or is published.

    suppress(3)                       -> "fewer than 5"
    suppress(3, marker=TABLE_MARKER)  -> "[c]"
    suppress(12)                      -> 12
    suppress_rate(3, 40)              -> "fewer than 5"
    suppress_rate(30, 40)             -> 75.0   (per cent, one decimal place)
    is_suppressed(0)                  -> False (zero is not disclosive: nobody to identify)
"""

THRESHOLD = 5
TEXT_MARKER = "fewer than 5"
TABLE_MARKER = "[c]"


def is_suppressed(count: int | None) -> bool:
    """True for a count of 1 to 4 children. Zero and missing counts are not suppressed."""
    return count is not None and 0 < count < THRESHOLD


def suppress(count: int | None, marker: str = TEXT_MARKER) -> int | str | None:
    """The count, or `marker` when it is 1-4 children. None (no figure) stays None."""
    return marker if is_suppressed(count) else count


def suppress_rate(
    numerator: int | None, denominator: int | None, marker: str = TEXT_MARKER, places: int = 1
) -> float | str | None:
    """numerator / denominator as a percentage, or `marker` when either count is 1-4 children.
    None when there is no denominator (no rate to show)."""
    if is_suppressed(numerator) or is_suppressed(denominator):
        return marker
    if not denominator or numerator is None:
        return None
    return round(100 * numerator / denominator, places)


def suppress_row(row: dict, count_keys, marker: str = TEXT_MARKER) -> dict:
    """A copy of `row` with each of `count_keys` suppressed (for tables built from dicts)."""
    return {key: (suppress(value, marker) if key in count_keys else value) for key, value in row.items()}
