"""Uploads: type from content, the size limit, the clamd virus scan, and storage out of reach.

clamd is an outside service, so these tests start a small stand-in that speaks clamd's INSTREAM
protocol on a local UNIX socket; the client under test is the real `clamd` package.
"""

import os
import socket
import struct
import tempfile
import threading
from datetime import date
from pathlib import Path

import clamd
import pytest
import time_machine
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from casework.forms import check_upload as casework_check_upload
from casework.models import CaseDocument
from casework.tests.factories import case_at
from core.uploads import check_upload

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
EICAR = clamd.EICAR


class FakeClamd:
    """Answers INSTREAM like clamd: "stream: Eicar-Test-Signature FOUND" when the EICAR test string
    is in the stream, "stream: OK" otherwise. Counts the files it was shown."""

    def __init__(self, path):
        self.path = path
        self.scanned = 0
        self.server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.server.bind(path)
        self.server.listen(4)
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _read_exact(self, conn, size):
        data = b""
        while len(data) < size:
            chunk = conn.recv(size - len(data))
            if not chunk:
                raise ConnectionError("client went away")
            data += chunk
        return data

    def _serve(self):
        while True:
            try:
                conn, _ = self.server.accept()
            except OSError:
                return
            with conn:
                command = b""
                while not command.endswith(b"\n"):
                    command += self._read_exact(conn, 1)
                assert command in (b"nINSTREAM\n", b"zINSTREAM\0")
                body = b""
                while True:
                    (size,) = struct.unpack("!L", self._read_exact(conn, 4))
                    if size == 0:
                        break
                    body += self._read_exact(conn, size)
                self.scanned += 1
                found = EICAR in body
                conn.sendall(b"stream: Eicar-Test-Signature FOUND\n" if found else b"stream: OK\n")

    def close(self):
        self.server.close()


@pytest.fixture
def fake_clamd(settings):
    # A short path: UNIX socket paths are limited to about 100 characters.
    folder = tempfile.mkdtemp(prefix="clamd")
    server = FakeClamd(os.path.join(folder, "clamd.sock"))
    settings.CLAMD_SOCKET = server.path
    yield server
    server.close()


def test_the_type_comes_from_the_content_not_the_name():
    checked = check_upload(SimpleUploadedFile("notes.txt", PDF, content_type="text/plain"))
    assert checked.content_type == "application/pdf"
    assert checked.title == "notes.txt"
    assert checked.upload.name.endswith(".pdf") and "notes" not in checked.upload.name
    with pytest.raises(Exception, match="report.pdf must be a PDF, Word"):
        check_upload(
            SimpleUploadedFile("report.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
        )


def test_the_old_import_is_the_same_check():
    assert casework_check_upload is check_upload


def test_the_size_limit_comes_from_settings(settings):
    settings.MAX_UPLOAD_BYTES = 1024 * 1024
    with pytest.raises(Exception, match="big.pdf must be smaller than 1MB"):
        check_upload(SimpleUploadedFile("big.pdf", PDF + b"0" * (1024 * 1024)))
    assert check_upload(SimpleUploadedFile("small.pdf", PDF)).content_type == "application/pdf"


def test_without_clamd_configured_no_scan_runs(settings):
    settings.CLAMD_SOCKET = ""
    settings.CLAMD_HOST = ""
    assert check_upload(SimpleUploadedFile("eicar.pdf", PDF + EICAR)).content_type == "application/pdf"


def test_clamd_passes_a_clean_file_and_refuses_an_infected_one(fake_clamd):
    assert check_upload(SimpleUploadedFile("clean.pdf", PDF)).content_type == "application/pdf"
    with pytest.raises(Exception, match="eicar.pdf contains a virus. It has not been saved"):
        check_upload(SimpleUploadedFile("eicar.pdf", PDF + EICAR))
    assert fake_clamd.scanned == 2


def test_a_configured_scanner_that_does_not_answer_refuses_the_file(settings, tmp_path):
    settings.CLAMD_SOCKET = str(tmp_path / "nobody-listening.sock")
    with pytest.raises(Exception, match="could not be checked for viruses"):
        check_upload(SimpleUploadedFile("clean.pdf", PDF))


@time_machine.travel(date(2026, 11, 22), tick=False)
def test_an_infected_advice_document_is_refused_with_a_govuk_error_and_nothing_is_saved(
    area, login, fake_clamd
):
    case = case_at(area.own_child, "assessing", received_on=date(2026, 10, 1), ep=area.users["ep"])
    advice = case.advice_requests.get()
    url = reverse("casework:advice_detail", args=[advice.public_id])
    data = {
        "needs": "Difficulty with social communication.",
        "provision": "Weekly 30-minute social skills group of 4.",
        "form_token": "0b6bd0d4-36a5-4a57-9f4b-0c3c6b1d1f11",
        "document": SimpleUploadedFile("report.pdf", PDF + EICAR),
    }
    response = login("ep").post(url, data)
    assert response.status_code == 200
    summary = response.content.decode()
    assert "govuk-error-summary" in summary and "report.pdf contains a virus" in summary
    advice.refresh_from_db()
    assert advice.received_on is None
    assert not CaseDocument.objects.filter(case=case).exists()
    stored = [p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()]
    assert stored == []


def test_documents_are_stored_outside_the_static_files_and_are_not_served_directly(area, login):
    media = Path(settings.MEDIA_ROOT).resolve()
    web_roots = [Path(settings.STATIC_ROOT), Path(settings.WHITENOISE_ROOT)]
    web_roots += [
        Path(entry[1] if isinstance(entry, tuple) else entry) for entry in settings.STATICFILES_DIRS
    ]
    for root in web_roots:
        root = root.resolve()
        assert not media.is_relative_to(root) and not root.is_relative_to(media), root
    media.mkdir(parents=True, exist_ok=True)
    (media / "advice").mkdir(exist_ok=True)
    (media / "advice" / "secret.pdf").write_bytes(PDF)
    prefix = settings.MEDIA_URL or "/"
    for client in (login("caseworker"), login("parent")):
        for url in (f"{prefix}advice/secret.pdf", "/media/advice/secret.pdf", "/documents/advice/secret.pdf"):
            assert client.get(url).status_code == 404, url
