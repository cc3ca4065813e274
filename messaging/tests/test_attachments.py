"""A family attaches a file to a message, checked like every upload (core.uploads); the caseworker
downloads it; a file that fails the checks is refused with the reason and the typed message kept."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from audit.models import AuditEvent
from messaging.models import Message, MessageAttachment

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
TYPED = "Here is the speech therapist's report you asked for."


def _send(client, child, upload):
    url = reverse("messaging:child_thread", args=[child.public_id])
    token = client.page(url).find("input", {"name": "form_token"})["value"]
    return client.post(url, {"body": TYPED, "form_token": token, "attachment": upload})


def test_a_parent_sends_a_report_and_the_caseworker_opens_it(area, login):
    parent = login("parent")
    sent = _send(parent, area.own_child, SimpleUploadedFile("Amira SALT report.pdf", PDF))
    assert sent.status_code == 302
    (attachment,) = MessageAttachment.objects.all()
    assert attachment.title == "Amira SALT report.pdf"
    assert "Amira" not in attachment.file.name  # stored under a random name
    caseworker = login("caseworker")
    thread = caseworker.page(reverse("messaging:child_thread", args=[area.own_child.public_id]))
    url = reverse("messaging:attachment", args=[area.own_child.public_id, attachment.public_id])
    assert thread.find("a", href=url)
    download = caseworker.get(url)
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    assert AuditEvent.objects.filter(summary="Opened a file sent with a message").exists()
    # Another family's child's address with this file: not found.
    other = reverse("messaging:attachment", args=[area.other_child.public_id, attachment.public_id])
    assert caseworker.get(other).status_code == 404


def test_a_refused_file_says_why_and_keeps_the_message(area, login):
    parent = login("parent")
    page = _send(parent, area.own_child, SimpleUploadedFile("notes.exe", b"MZ\x90\x00not a document"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "notes.exe must be a PDF, Word (DOCX), PNG or JPEG file" in html
    assert TYPED.replace("'", "&#x27;") in html
    assert not Message.objects.exists() and not MessageAttachment.objects.exists()


def test_a_caseworker_attaches_a_letter_to_a_reply_and_the_family_opens_it(area, login):
    caseworker = login("caseworker")
    refused = _send(caseworker, area.own_child, SimpleUploadedFile("virus.bin", b"\x00\x01nothing"))
    assert refused.status_code == 200
    assert "virus.bin must be a PDF, Word (DOCX), PNG or JPEG file" in refused.content.decode()
    assert TYPED.replace("'", "&#x27;") in refused.content.decode()
    assert not Message.objects.exists()
    assert (
        _send(caseworker, area.own_child, SimpleUploadedFile("Decision letter.pdf", PDF)).status_code == 302
    )
    (attachment,) = MessageAttachment.objects.filter(message__from_family=False)
    url = reverse("messaging:attachment", args=[area.own_child.public_id, attachment.public_id])
    parent = login("parent")
    assert parent.page(reverse("messaging:child_thread", args=[area.own_child.public_id])).find("a", href=url)
    download = parent.get(url)
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
