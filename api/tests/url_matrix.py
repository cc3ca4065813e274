"""This app's rows of the permission matrix (core/tests/test_permission_matrix.py): url name ->
(arguments from the test area, roles that may open it, status for others[, anonymous status]).

The matrix signs in with a session, which the API accepts as well as tokens. Anonymous callers get
401 (the API never redirects to a sign-in page); the OpenAPI description is public."""

from conftest import PERSONA_ROLES

ALL = set(PERSONA_ROLES)
CASE = {"caseworker", "manager", "panel"}


def area_case(area):
    """The parent persona's child's case, gathering advice from the `ep` persona: case staff,
    that professional and the parent may read it; nobody else learns it exists."""
    if not hasattr(area, "api_case"):
        from casework.tests.factories import case_at

        area.api_case = case_at(area.own_child, "assessing", ep=area.users["ep"])
    return area.api_case


MATRIX = {
    "api:openapi": (None, ALL, None, 200),
    "api:child_create": (None, "post-only", None, 401),
    "api:child_detail": (lambda a: [a.own_child.public_id], CASE | {"senco", "parent"}, 404, 401),
    # Everyone signed in gets a list: of the cases casework.access lets them see (often none).
    "api:case_list": (None, ALL, None, 401),
    "api:case_detail": (lambda a: [area_case(a).public_id], CASE | {"ep", "parent"}, 404, 401),
    "api:case_events": (lambda a: [area_case(a).public_id], "post-only", None, 401),
    "api:case_advice_requests": (lambda a: [area_case(a).public_id], "post-only", None, 401),
}
