"""This part's rows of the permission matrix (see core/tests/test_permission_matrix.py): asking
for an assessment online. A saved request is its author's alone: everyone else gets "page not
found", whatever their role."""

from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory

from core.tests.writes import Post
from core.uploads import check_upload
from portal import request_wizard as wizard

ASKERS = {"parent", "young_person", "senco"}
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def as_request(user, path="/portal/request-an-assessment/"):
    """A request made by `user`, for calling the services the way the pages do."""
    request = RequestFactory().post(path)
    request.user = user
    return request


def answered_draft(user, child=None, **answers):
    """A request with every question answered, about `child` (or a child not listed)."""
    draft = wizard.start_draft(user)
    fields = {
        "child": child,
        "child_not_listed": child is None,
        "needs": "Finds reading and writing very hard.",
        "current_support": "Help in class three mornings a week.",
        "why_now": "The help is not enough and she is falling behind.",
        "contact_preference": "email" if draft.route == wizard.FAMILY else "",
        "consent_given": True,
    }
    if child is None:
        fields.update(
            child_first_name="Noor",
            child_last_name="Hussain",
            child_date_of_birth=date(2016, 5, 4),
            child_school="Alder Lane Primary School",
            relationship="mother" if user.role == "parent" else "",
        )
    fields.update(answers)
    wizard.save_answers(user, draft, **fields)
    return draft


def add_pdf(draft, name="report.pdf"):
    upload = SimpleUploadedFile(name, PDF, content_type="application/pdf")
    return wizard.add_document(draft.author, draft, check_upload(upload))


def _draft(area):
    return answered_draft(area.users["parent"], area.own_child)


def _sent(area):
    draft = _draft(area)
    wizard.send(as_request(area.users["parent"]), draft)
    return draft


MATRIX = {
    "portal:request_start": (None, ASKERS, 403),
    "portal:request_step": (lambda a: [_draft(a).public_id, "needs"], {"parent"}, 404),
    "portal:request_documents": (lambda a: [_draft(a).public_id], {"parent"}, 404),
    "portal:request_document_remove": (
        lambda a: [(d := _draft(a)).public_id, add_pdf(d).public_id],
        "post-only",
        None,
    ),
    "portal:request_check": (lambda a: [_draft(a).public_id], {"parent"}, 404),
    "portal:request_discard": (lambda a: [_draft(a).public_id], {"parent"}, 404),
    "portal:request_sent": (lambda a: [_sent(a).public_id], {"parent"}, 404),
}
NOT_HTML_PAGES: set[str] = set()

# Who may POST to each URL that takes one (core/tests/test_post_matrix.py).
POSTERS = {
    "portal:request_start": ASKERS,
    "portal:request_step": {"parent"},
    "portal:request_documents": {"parent"},
    "portal:request_document_remove": Post({"parent"}, refused=404),  # another's draft: not found
    "portal:request_check": {"parent"},
    "portal:request_discard": {"parent"},
}
