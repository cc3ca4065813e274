"""This app's rows of the permission matrix (see core/tests/test_permission_matrix.py)."""

FAMILY_AND_CASE_STAFF = {"caseworker", "manager", "panel", "parent", "young_person"}

MATRIX: dict = {
    "messaging:inbox": (None, FAMILY_AND_CASE_STAFF, 403),
    # Another family's child, or a professional: "page not found", never "forbidden".
    "messaging:child_thread": (
        lambda a: [a.own_child.public_id],
        {"caseworker", "manager", "panel", "parent"},
        404,
    ),
    "messaging:service_level": (None, {"manager"}, 403),
}
NOT_HTML_PAGES: set[str] = set()
