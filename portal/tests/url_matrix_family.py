"""This part's rows of the permission matrix (see core/tests/test_permission_matrix.py): the
family's pages and linking. Each case row opens a case for a child of the parent persona's family
(a sibling of the own child: a child has one open case at a time)."""

from django.core.files.uploadedfile import SimpleUploadedFile

from casework import services
from casework.tests.factories import case_at, sibling_of
from conftest import PERSONA_ROLES
from portal.models import LinkRequest

ALL = set(PERSONA_ROLES)

FAMILY = {"parent", "young_person"}
ACTORS = {"caseworker", "manager"}
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def _case(area):
    return [case_at(sibling_of(area.own_child), "assessing").public_id]


def _document(area):
    case = case_at(sibling_of(area.own_child), "received")
    upload = SimpleUploadedFile("letter.pdf", PDF, content_type="application/pdf")
    document = services.add_document(
        None, case, title="letter.pdf", upload=upload, content_type="application/pdf"
    )
    return [case.public_id, document.public_id]


def _link_request(area):
    link_request = LinkRequest.objects.create(
        requested_by=area.users["parent"],
        child_first_name="Jacob",
        child_last_name="Walsh",
        child_date_of_birth=area.other_child.date_of_birth,
        relationship="father",
    )
    return [link_request.public_id]


def _plan(area):
    """The own child's plan, issued with one piece of advice in section K and one report (made once:
    the matrix builds arguments once per persona)."""
    from plans import services as plan_services
    from plans.models import EHCPlan
    from plans.tests.factories import ISSUED_ON, SERVED_ON, draft_plan, fill

    plan = EHCPlan.objects.filter(child=area.own_child).first()
    if plan is None:
        version = draft_plan(area.own_child)
        fill(version)
        plan_services.serve_draft(None, version, SERVED_ON)
        plan_services.issue(None, version, ISSUED_ON)
        upload = SimpleUploadedFile("report.pdf", PDF, content_type="application/pdf")
        services.add_document(
            None, version.case, title="report.pdf", upload=upload, content_type="application/pdf"
        )
        plan = EHCPlan.objects.get(pk=version.plan_id)
    return plan


def _plan_advice(area):
    plan = _plan(area)
    # Section K holds the advice the assessment received (the factory's case has the EP's).
    return [plan.public_id, 1, plan.latest_issued.advice.order_by("pk").first().key]


def _plan_document(area):
    plan = _plan(area)
    return [plan.public_id, plan.case.documents.get().public_id]


MATRIX = {
    # A family's child page and the child's plan: only the child's own parent (the young person
    # persona has their own record, not this child's); staff use the staff pages.
    "portal:child": (lambda area: [area.own_child.public_id], {"parent"}, 404),
    "portal:plan": (lambda area: [_plan(area).public_id], {"parent"}, 404),
    "portal:plan_version": (lambda area: [_plan(area).public_id, 1], {"parent"}, 404),
    "portal:plan_advice": (_plan_advice, {"parent"}, 404),
    "portal:plan_document": (_plan_document, {"parent"}, 404),
    # Parents' access to a young person's records (CoP 8.13-8.17): the young person decides on
    # their own record; caseworkers and managers record a lack of mental capacity.
    "portal:parents_access": (lambda area: [area.young_person_child.public_id], {"young_person"}, 404),
    "portal:capacity": (lambda area: [area.own_child.public_id], ACTORS, 404),
    # "Stay signed in" on the timeout warning: a POST only.
    "portal:keep_alive": (None, "post-only", None),
    "portal:home": (None, FAMILY, 403),
    # Only the parent may see the own child's case; the young person has their own, not this one.
    "portal:case_detail": (_case, {"parent"}, 404),
    "portal:case_document": (_document, {"parent"}, 404),
    # Anyone may follow an invitation link (it moves the token into the session), and the join
    # page then says whether it works; signed-in people are sent home.
    "portal:follow_invitation": (lambda area: ["not-a-real-token"], "redirect", None, 302),
    "portal:join": (None, "redirect", None, 200),
    "portal:create_account": (None, "redirect", None, 200),
    # Back from GOV.UK One Login: without verified claims waiting in the session it says "start again".
    "portal:one_login_who_are_you": (None, "redirect", None, 200),
    # Verifying a new family's email: the link moves its token into the session (like an
    # invitation); the pages then say whether it works. Nothing in them is anyone's record.
    "portal:check_email": (None, ALL, None, 200),
    "portal:verify_email_link": (lambda area: ["not-a-real-token"], "redirect", None, 302),
    "portal:verify_email": (None, ALL, None, 200),
    "portal:link_request": (None, FAMILY, 403),
    "portal:link_request_list": (None, ACTORS, 403),
    "portal:link_request_decide": (_link_request, ACTORS, 403),
    "portal:invite": (lambda area: [area.own_child.public_id], ACTORS, 403),
}
NOT_HTML_PAGES: set[str] = {"portal:case_document", "portal:plan_document"}

# Who may POST to each URL that takes one (core/tests/test_post_matrix.py).
POSTERS = {
    "portal:parents_access": {"young_person"},
    "portal:capacity": ACTORS,
    "portal:keep_alive": ALL,
    "portal:join": "signed-out",
    "portal:create_account": "signed-out",
    "portal:one_login_who_are_you": "signed-out",
    "portal:verify_email": "anyone",
    "portal:link_request": FAMILY,
    "portal:link_request_decide": ACTORS,
    "portal:invite": ACTORS,
}
