"""This app's rows of the permission matrix (see core/tests/test_permission_matrix.py)."""

from core.tests.writes import Post
from quality.tests.factories import audit_cycle

READERS = {"manager", "board_member", "service_owner", "action_lead"}
MANAGER = {"manager"}


def _cycle(attribute):
    return lambda area: [getattr(audit_cycle(area), attribute).public_id]


MATRIX = {
    "quality:dashboard": (None, READERS, 403),
    "quality:samples": (None, MANAGER, 403),
    "quality:sample_detail": (_cycle("sample"), MANAGER, 403),
    "quality:my_audits": (None, {"auditor", "caseworker", "manager"}, 403),
    "quality:audit_list": (None, MANAGER, 403),
    "quality:audit_detail": (_cycle("assigned"), {"auditor", "manager"}, 403),
    "quality:moderate": (_cycle("submitted"), {"auditor", "manager"}, 403),
    "quality:resolve": (_cycle("moderation"), MANAGER, 403),
    "quality:findings": (None, MANAGER, 403),
    "quality:action_list": (None, {"caseworker", "manager"}, 403),
    "quality:action_detail": (_cycle("action"), {"caseworker", "manager"}, 403),
    "quality:rubric": (None, MANAGER, 403),
}
NOT_HTML_PAGES: set[str] = set()

def _first_audit(args):
    from quality.models import Sample

    return str(Sample.objects.get(public_id=args[0]).audits.order_by("pk").first().public_id)


# Who may POST to each URL that takes one (core/tests/test_post_matrix.py).
POSTERS = {
    "quality:samples": MANAGER,
    # Assigning one audit of the sample: the form names which (an unknown one is refused).
    "quality:sample_detail": Post(MANAGER, data=lambda args: {"audit": _first_audit(args)}),
    "quality:audit_list": MANAGER,  # the child's name searched for goes to the session, not the URL
    "quality:audit_detail": {"auditor"},  # the assigned auditor grades; a manager only reads
    "quality:moderate": {"auditor", "manager"},
    "quality:resolve": MANAGER,
    "quality:action_detail": {"caseworker", "manager"},
    "quality:rubric": MANAGER,
}
