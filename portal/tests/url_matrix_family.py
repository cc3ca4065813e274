"""This part's rows of the permission matrix (see core/tests/test_permission_matrix.py): the
family's pages and linking. Each case row opens a case for the parent persona's own child."""

from django.core.files.uploadedfile import SimpleUploadedFile

from casework import services
from casework.tests.factories import case_at
from conftest import PERSONA_ROLES
from portal.models import LinkRequest

ALL = set(PERSONA_ROLES)

FAMILY = {"parent", "young_person"}
ACTORS = {"caseworker", "manager"}
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def _case(area):
    return [case_at(area.own_child, "assessing").public_id]


def _document(area):
    case = case_at(area.own_child, "received")
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


MATRIX = {
    "portal:home": (None, FAMILY, 403),
    # Only the parent may see the own child's case; the young person has their own, not this one.
    "portal:case_detail": (_case, {"parent"}, 404),
    "portal:case_document": (_document, {"parent"}, 404),
    # Anyone may follow an invitation link (it moves the token into the session), and the join
    # page then says whether it works; signed-in people are sent home.
    "portal:follow_invitation": (lambda area: ["not-a-real-token"], "redirect", None, 302),
    "portal:join": (None, "redirect", None, 200),
    "portal:create_account": (None, "redirect", None, 200),
    # Verifying a new family's email: the link moves its token into the session (like an
    # invitation); the pages then say whether it works. Nothing in them is anyone's record.
    "portal:check_email": (None, ALL, None, 200),
    "portal:verify_email_link": (lambda area: ["not-a-real-token"], "redirect", None, 302),
    "portal:verify_email": (None, ALL, None, 200),
    "portal:link_request": (None, {"parent"}, 403),
    "portal:link_request_list": (None, ACTORS, 403),
    "portal:link_request_decide": (_link_request, ACTORS, 403),
    "portal:invite": (lambda area: [area.own_child.public_id], ACTORS, 403),
}
NOT_HTML_PAGES: set[str] = {"portal:case_document"}
