"""This app's rows of the permission matrix (see core/tests/test_permission_matrix.py)."""

from engagement.tests.factories import appeal

CASE_STAFF = {"caseworker", "manager"}


def _child(area):
    return [area.own_child.public_id]


def _appeal(area):
    return [appeal(area.own_child).public_id]


MATRIX = {
    "engagement:disagreements": (None, CASE_STAFF, 403),
    "engagement:mediation_new": (_child, CASE_STAFF, 403),
    "engagement:appeal_new": (_child, CASE_STAFF, 403),
    "engagement:order_new": (_appeal, CASE_STAFF, 403),
    "engagement:complaint_new": (None, CASE_STAFF, 403),
}
NOT_HTML_PAGES: set[str] = set()
