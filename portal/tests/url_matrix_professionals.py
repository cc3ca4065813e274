"""This part's rows of the permission matrix (see core/tests/test_permission_matrix.py)."""

from core.tests.writes import Post

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

def _member(args):
    from people.models import SchoolMembership

    member = SchoolMembership.objects.filter(setting__public_id=args[0], is_active=True).first()
    return {"username": member.user.username}


# Who may POST to each URL that takes one (core/tests/test_post_matrix.py).
POSTERS = {
    "portal:pupil_list": {"senco"},
    # A school's staff pages answer 404 to everyone else, as they do for a GET.
    "portal:school_staff_add": Post({"administrator"}, refused=404),
    # Removing a member, or making one the school's administrator: the form names who.
    "portal:school_staff_remove": Post({"administrator"}, refused=404, data=_member),
    "portal:school_administrator_set": Post({"administrator"}, refused=404, data=_member),
}
