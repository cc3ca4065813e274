"""This app's rows of the permission matrix (see core/tests/test_permission_matrix.py)."""

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
