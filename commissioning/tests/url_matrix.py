"""This app's rows of the permission matrix (see core/tests/test_permission_matrix.py)."""

from commissioning.tests.factories import placement_for

READERS = {"commissioner", "manager", "board_member"}
COSTS = {"commissioner", "manager"}
PLACEMENTS = COSTS | {"caseworker"}
BUDGET_SETTERS = {"commissioner", "administrator"}


def _child(area):
    return [area.own_child.public_id]


def _placement(area):
    return [placement_for(area).public_id]


def _cost(area):
    return [placement_for(area).costs.get().public_id]


MATRIX: dict = {
    "commissioning:needs": (None, READERS, 403),
    "commissioning:forecast": (None, READERS, 403),
    "commissioning:sufficiency": (None, READERS, 403),
    "commissioning:places_create": (None, {"commissioner"}, 403),
    "commissioning:placements": (None, PLACEMENTS, 403),
    "commissioning:placement_search": (None, COSTS, 403),
    "commissioning:placement_create": (_child, COSTS, 403),
    "commissioning:placement_detail": (_placement, PLACEMENTS, 403),
    "commissioning:cost_create": (_placement, COSTS, 403),
    "commissioning:cost_correct": (_cost, COSTS, 403),
    "commissioning:placement_end": (_placement, COSTS, 403),
    "commissioning:budget": (None, COSTS, 403),
    "commissioning:budget_set": (None, BUDGET_SETTERS, 403),
    "commissioning:out_of_district": (None, COSTS, 403),
    "commissioning:intentions": (None, READERS, 403),
    "commissioning:intention_create": (None, {"commissioner"}, 403),
}
NOT_HTML_PAGES: set[str] = set()

# Who may POST to each URL that takes one (core/tests/test_post_matrix.py).
POSTERS = {
    "commissioning:places_create": {"commissioner"},
    "commissioning:placement_search": COSTS,
    "commissioning:placement_create": COSTS,
    "commissioning:cost_create": COSTS,
    "commissioning:cost_correct": COSTS,
    "commissioning:placement_end": COSTS,
    "commissioning:budget_set": BUDGET_SETTERS,
    "commissioning:intention_create": {"commissioner"},
}
