"""This app's rows of the permission matrix (see core/tests/test_permission_matrix.py)."""

from django.core.files.base import ContentFile
from django.test import RequestFactory

FAMILY_AND_CASE_STAFF = {"caseworker", "manager", "panel", "parent", "young_person"}
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def _attachment(area):
    """A file the parent sent with a message about the own child (made once)."""
    from messaging.models import Message, MessageAttachment
    from messaging.services import send_from_family

    found = MessageAttachment.objects.filter(message__conversation__child=area.own_child).first()
    if found is None:
        request = RequestFactory().post("/")
        request.user = area.users["parent"]
        message = Message.objects.filter(conversation__child=area.own_child).first()
        if message is None:
            message = send_from_family(request, area.own_child, "The school report is attached.")
        found = MessageAttachment(message=message, title="report.pdf", content_type="application/pdf")
        found.file.save("report.pdf", ContentFile(PDF))
    return [area.own_child.public_id, found.public_id]


MATRIX: dict = {
    "messaging:inbox": (None, FAMILY_AND_CASE_STAFF, 403),
    # Another family's child, or a professional: "page not found", never "forbidden".
    "messaging:child_thread": (
        lambda a: [a.own_child.public_id],
        {"caseworker", "manager", "panel", "parent"},
        404,
    ),
    "messaging:attachment": (_attachment, {"caseworker", "manager", "panel", "parent"}, 404),
    "messaging:service_level": (None, {"manager"}, 403),
}
NOT_HTML_PAGES: set[str] = {"messaging:attachment"}

# Who may POST to each URL that takes one (core/tests/test_post_matrix.py).
POSTERS = {
    "messaging:inbox": FAMILY_AND_CASE_STAFF,
    "messaging:child_thread": {"caseworker", "manager", "parent"},
}
