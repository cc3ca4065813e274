"""This part's rows of the permission matrix (see core/tests/test_permission_matrix.py)."""

ADVISERS = {"ep", "health", "social_care", "dco", "dsco"}


def _school(area):
    return [area.school.public_id]


MATRIX: dict = {
    "portal:professional_home": (None, ADVISERS | {"senco"}, 403),
    "portal:pupil_list": (None, {"senco"}, 403),
    # The area's SENCo persona is not its school's administrator: everyone but the area's
    # administrator finds no such page.
    "portal:school_staff": (_school, {"administrator"}, 404),
    "portal:school_staff_add": (_school, "post-only", None),
    "portal:school_staff_remove": (_school, "post-only", None),
    "portal:school_administrator_set": (_school, "post-only", None),
}
NOT_HTML_PAGES: set[str] = set()
