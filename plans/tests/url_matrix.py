"""This app's rows of the permission matrix (core/tests/test_permission_matrix.py): url name ->
(arguments from the test area, roles that may open it, status for others).

Readers of the own child's plan: area case staff, the SENCo of the child's school and the child's
parent (an auditor only reads plans in their own audits: quality/tests/test_plan_access.py).
Writers: caseworkers and managers. Everyone else is told "not found".
The PDF and Word downloads are files: the matrix test lists them in NOT_HTML_PAGES.
"""

from datetime import timedelta

from casework.tests.factories import case_at, sibling_of
from plans import services
from plans.models import EHCPlan
from plans.tests.factories import add_need, issued_plan

STAFF = {"caseworker", "manager", "panel"}
READERS = STAFF | {"senco", "parent"}
WRITERS = {"caseworker", "manager"}


def _issued(area):
    """The own child's plan, issued (made once: the matrix builds arguments once per persona)."""
    plan = EHCPlan.objects.filter(child=area.own_child).first()
    return plan or issued_plan(area.own_child)[0]


def _draft(area):
    """The plan with an amendment being written (not yet sent to the family)."""
    plan = _issued(area)
    draft = plan.versions.filter(status="draft").first()
    return plan, draft or services.start_amendment(None, plan)


def _amended(area):
    """A plan with two issued versions, so there is something to compare."""
    plan = _issued(area)
    if plan.versions.filter(status="issued").count() < 2:
        _, draft = _draft(area)
        add_need(draft, "Finds busy places overwhelming", area="semh", sen_type="SEMH", rank="2")
        services.serve_draft(None, draft, plan.latest_issued.issued_on)
        services.issue(None, draft, draft.served_on + timedelta(days=15))  # after the family's 15 days
    return plan


def _version(area):
    return [_issued(area).public_id, 1]


def _draft_args(area, *extra):
    plan, draft = _draft(area)
    return [plan.public_id, draft.number, *extra]


def _item(area):
    plan, draft = _draft(area)
    return [plan.public_id, draft.number, "needs", draft.needs.first().key]


MATRIX = {
    "plans:plan_list": (None, STAFF, 403),
    "plans:quality": (None, STAFF, 403),
    "plans:start_plan": (lambda a: [case_at(sibling_of(a.own_child), "drafting").public_id], WRITERS, 404),
    "plans:plan_detail": (lambda a: [_issued(a).public_id], READERS, 404),
    "plans:start_amendment": (lambda a: [_issued(a).public_id], WRITERS, 404),
    "plans:cease": (lambda a: [_issued(a).public_id], WRITERS, 404),
    "plans:compare": (lambda a: [_amended(a).public_id], READERS, 404),
    "plans:version_detail": (_version, READERS, 404),
    "plans:version_profile": (_version, READERS, 404),
    "plans:version_pdf": (_version, READERS, 404),
    "plans:version_docx": (_version, READERS, 404),
    "plans:serve_draft": (_draft_args, WRITERS, 404),
    "plans:issue": (_draft_args, WRITERS, 404),
    "plans:edit_section": (lambda a: _draft_args(a, "A"), WRITERS, 404),
    "plans:item_add": (lambda a: _draft_args(a, "provision"), WRITERS, 404),
    "plans:item_edit": (_item, WRITERS, 404),
    "plans:item_remove": (_item, WRITERS, 404),
}

# Who may POST to each URL that takes one (core/tests/test_post_matrix.py).
POSTERS = {
    "plans:plan_list": STAFF,  # the names typed go to the session, not the URL
    "plans:start_plan": WRITERS,
    "plans:start_amendment": WRITERS,
    "plans:cease": WRITERS,
    "plans:serve_draft": WRITERS,
    "plans:issue": WRITERS,
    "plans:edit_section": WRITERS,
    "plans:item_add": WRITERS,
    "plans:item_edit": WRITERS,
    "plans:item_remove": WRITERS,
}
