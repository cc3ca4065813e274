"""This app's rows of the permission matrix (core/tests/test_permission_matrix.py): url name ->
(arguments from the test area, roles that may open it, status for others[, anonymous status]).

The pages' matrix signs in with a session, which the API refuses: every role gets 401, as an
anonymous caller does; only the OpenAPI description is public. What each role's token may do, by
method, is api/tests/test_api_matrix.py."""

from conftest import PERSONA_ROLES

ALL = set(PERSONA_ROLES)
NONE: set[str] = set()


def area_case(area):
    """The parent persona's child's case, gathering advice from the `ep` persona: only area case
    staff may read its file; nobody else learns it exists."""
    if not hasattr(area, "api_case"):
        from casework.tests.factories import case_at, sibling_of

        # A sibling's: other rows open cases for the own child, and a child has one open case.
        area.api_case = case_at(sibling_of(area.own_child), "assessing", ep=area.users["ep"])
    return area.api_case


def _child(area):
    return [area.own_child.public_id]


def _case(area):
    return [area_case(area).public_id]


MATRIX = {
    "api:openapi": (None, ALL, None, 200),
    "api:child_create": (None, NONE, 401, 401),
    "api:child_detail": (_child, NONE, 401, 401),
    "api:case_list": (None, NONE, 401, 401),
    "api:case_detail": (_case, NONE, 401, 401),
    "api:case_events": (_case, NONE, 401, 401),
    "api:case_advice_requests": (_case, NONE, 401, 401),
}
