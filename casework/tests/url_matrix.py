"""This app's rows of the permission matrix (core/tests/test_permission_matrix.py): url name ->
(arguments from the test area, roles that may open it, status for others[, anonymous status])."""

from django.core.files.uploadedfile import SimpleUploadedFile

from casework import services
from casework.tests.factories import case_at, sibling_of
from casework.tests.url_matrix_panels import MATRIX as PANEL_MATRIX
from casework.tests.url_matrix_panels import POSTERS as PANEL_POSTERS
from core.tests.writes import Post

CASE = {"caseworker", "manager", "panel"}
ACTORS = {"caseworker", "manager"}
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def _case(area, stage="received"):
    # The EP is asked for advice, so `view_case` lets them see the case: the staff pages still refuse.
    # Each row builds its own case, so each on its own child of the parent persona's family.
    return case_at(sibling_of(area.own_child), stage, ep=area.users["ep"])


def _advice(area):
    case = _case(area, "assessing")
    return [case.public_id, case.advice_requests.get().public_id]


def _document(area):
    case = _case(area)
    upload = SimpleUploadedFile("report.pdf", PDF, content_type="application/pdf")
    document = services.add_document(
        None, case, title="report.pdf", upload=upload, content_type="application/pdf"
    )
    return [case.public_id, document.public_id]


MATRIX = {
    "casework:advice_list": (None, {"ep", "health", "social_care", "dco", "dsco"}, 403),
    "casework:advice_detail": (lambda a: [_advice(a)[1]], CASE | {"ep"}, 404),
    "casework:case_list": (None, CASE, 403),
    "casework:my_cases": (None, ACTORS, 403),
    "casework:caseloads": (None, {"manager"}, 403),
    "casework:record_integrity": (None, {"manager"}, 403),
    "casework:chosen_cases": (None, "post-only", 405),
    "casework:request_create": (None, ACTORS, 403),
    "casework:case_detail": (lambda a: [_case(a, "assessing").public_id], CASE, 404),
    "casework:allocate": (lambda a: [_case(a).public_id], {"manager"}, 404),
    "casework:case_action": (lambda a: [_case(a).public_id, "decide-assess"], ACTORS, 404),
    "casework:notices": (lambda a: [_case(a).public_id], ACTORS, 404),
    "casework:advice_received": (_advice, ACTORS, 404),
    "casework:advice_chase": (_advice, ACTORS, 404),
    "casework:exception_create": (lambda a: [_case(a).public_id], ACTORS, 404),
    "casework:note_create": (lambda a: [_case(a).public_id], ACTORS, 404),
    "casework:document_create": (lambda a: [_case(a).public_id], ACTORS, 404),
    # A file download, not an HTML page: listed in NOT_HTML_PAGES in the matrix test.
    "casework:document_download": (_document, CASE, 404),
}

# Panel meetings and letters keep their rows beside their own tests.
MATRIX.update(PANEL_MATRIX)

# Who may POST to each URL that takes one (core/tests/test_post_matrix.py).
POSTERS = {
    "casework:case_list": CASE,  # the names typed go to the session, not the URL
    "casework:my_cases": ACTORS,
    # Several cases at once: adding them to a panel (an empty form is refused as no such action).
    "casework:chosen_cases": Post(ACTORS, data=lambda args: {"action": "panel"}),
    "casework:request_create": ACTORS,
    "casework:advice_detail": {"ep"},  # the adviser sends their advice
    "casework:allocate": {"manager"},
    "casework:case_action": ACTORS,
    "casework:notices": ACTORS,
    "casework:advice_received": ACTORS,
    "casework:advice_chase": ACTORS,
    "casework:exception_create": ACTORS,
    "casework:note_create": ACTORS,
    "casework:document_create": ACTORS,
    **PANEL_POSTERS,
}
