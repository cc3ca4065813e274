"""This app's rows of the permission matrix (see core/tests/test_permission_matrix.py)."""

READERS = {"commissioner", "manager", "board_member"}
COSTS = {"commissioner", "manager"}

MATRIX: dict = {
    "commissioning:needs": (None, READERS, 403),
    "commissioning:forecast": (None, READERS, 403),
}
NOT_HTML_PAGES: set[str] = set()
