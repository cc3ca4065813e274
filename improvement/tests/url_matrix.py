"""This app's rows of the permission matrix (see core/tests/test_permission_matrix.py)."""

from improvement.tests.factories import action_for, issued_report_for, plan_for

PLAN_READERS = {"manager", "action_lead", "board_member", "dco", "dsco"}
REPORT_READERS = {"manager", "board_member", "action_lead"}
MANAGERS = {"manager"}


def _plan(area):
    plan_for(area)
    return []


def _action(area):
    return [action_for(area).public_id]


def _report(area):
    return [issued_report_for(area).public_id]


MATRIX = {
    "improvement:plan": (_plan, PLAN_READERS, 403),
    "improvement:action_detail": (_action, PLAN_READERS, 403),
    # The action's lead (the action_lead persona) or a manager; nobody else, even other readers.
    "improvement:action_update": (_action, {"manager", "action_lead"}, 403),
    "improvement:changes": (_plan, PLAN_READERS, 403),
    "improvement:exceptions": (_plan, PLAN_READERS, 403),
    "improvement:schedule": (_plan, REPORT_READERS, 403),
    "improvement:report_new": (None, MANAGERS, 403),
    "improvement:report_preview": (_plan, MANAGERS, 403),
    "improvement:report_issue": (None, "post-only", None),
    "improvement:report_detail": (_report, REPORT_READERS, 403),
    "improvement:report_pdf": (_report, REPORT_READERS, 403),
    "improvement:report_docx": (_report, REPORT_READERS, 403),
}
NOT_HTML_PAGES: set[str] = {"improvement:report_pdf", "improvement:report_docx"}

# Who may POST to each URL that takes one (core/tests/test_post_matrix.py).
POSTERS = {
    "improvement:plan": PLAN_READERS,  # the words searched for go to the session, not the URL
    "improvement:action_update": {"manager", "action_lead"},
    "improvement:report_new": MANAGERS,
    "improvement:report_issue": MANAGERS,
}
