"""Checking uploaded documents: the one place every upload form asks.

A document is accepted only if its first bytes say it is a PDF, a Word (DOCX) file or an image
(the name and the browser's word are not trusted), it is under the size limit
(`MAX_UPLOAD_BYTES`), and, when a ClamAV daemon is configured (`CLAMD_SOCKET`, or `CLAMD_HOST` and
`CLAMD_PORT`), clamd finds nothing in it. Without clamd configured the scan is skipped (README,
"Uploads"). Accepted files get a random stored name and are saved under MEDIA_ROOT, which is never
served directly: only the permission-checked download views read them.
"""

import logging
import os
import uuid
import zipfile
from dataclasses import dataclass

import clamd
from django import forms
from django.conf import settings
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

DEFAULT_MAX_UPLOAD_BYTES = 10 * 1024 * 1024
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# content type -> extension the stored file gets
ALLOWED_TYPES = {"application/pdf": ".pdf", DOCX: ".docx", "image/png": ".png", "image/jpeg": ".jpg"}
ALLOWED_HINT = "PDF, Word (DOCX), PNG or JPEG"
SIGNATURES = [
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
]


def max_upload_bytes() -> int:
    return getattr(settings, "MAX_UPLOAD_BYTES", DEFAULT_MAX_UPLOAD_BYTES)


def size_limit_label() -> str:
    """The limit in words, e.g. "10MB"."""
    return f"{max_upload_bytes() // (1024 * 1024)}MB"


def upload_hint() -> str:
    return _("%(types)s, smaller than %(limit)s") % {"types": ALLOWED_HINT, "limit": size_limit_label()}


def _is_docx(upload) -> bool:
    """A DOCX is a zip holding a Word document part; any other zip is refused."""
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError):
        return False
    finally:
        upload.seek(0)
    return "[Content_Types].xml" in names and "word/document.xml" in names


def detect_type(upload) -> str | None:
    """The file's real type from its first bytes (its name and the browser's word are not trusted)."""
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    for signature, content_type in SIGNATURES:
        if head.startswith(signature):
            return content_type
    if head.startswith(b"PK\x03\x04") and _is_docx(upload):
        return DOCX
    return None


def scanner():
    """The clamd client for the configured daemon, or None when no scanner is configured."""
    socket_path = getattr(settings, "CLAMD_SOCKET", "")
    host = getattr(settings, "CLAMD_HOST", "")
    timeout = getattr(settings, "CLAMD_TIMEOUT", 30)
    if socket_path:
        return clamd.ClamdUnixSocket(path=socket_path, timeout=timeout)
    if host:
        port = getattr(settings, "CLAMD_PORT", 3310)
        return clamd.ClamdNetworkSocket(host=host, port=port, timeout=timeout)
    return None


def scan(upload, title: str) -> None:
    """Refuse a file clamd finds a virus in. When clamd is configured but cannot answer the file is
    refused too: an unchecked file must not get in just because the scanner is down."""
    client = scanner()
    if client is None:
        return
    upload.seek(0)
    try:
        result = client.instream(upload)
    except (clamd.ClamdError, OSError):
        logger.exception("Virus scanner did not answer")
        raise forms.ValidationError(
            _("%(title)s could not be checked for viruses. Try again later") % {"title": title}
        ) from None
    finally:
        upload.seek(0)
    status, virus = (result or {}).get("stream", ("ERROR", None))
    if status == "FOUND":
        # The virus name is useful to the service desk; the file name may hold a child's name.
        logger.warning("Upload refused: virus scanner found %s", virus)
        raise forms.ValidationError(_("%(title)s contains a virus. It has not been saved") % {"title": title})
    if status != "OK":
        raise forms.ValidationError(
            _("%(title)s could not be checked for viruses. Try again later") % {"title": title}
        )


@dataclass
class CheckedUpload:
    upload: object
    title: str
    content_type: str


def check_upload(upload) -> CheckedUpload:
    """The upload if it is an allowed type, under the size limit and clean; otherwise a
    ValidationError naming the file and what is wrong."""
    title = os.path.basename(upload.name or "document")[:200]
    if upload.size > max_upload_bytes():
        raise forms.ValidationError(
            _("%(title)s must be smaller than %(limit)s") % {"title": title, "limit": size_limit_label()}
        )
    content_type = detect_type(upload)
    if content_type is None:
        raise forms.ValidationError(
            _("%(title)s must be a %(types)s file") % {"title": title, "types": ALLOWED_HINT}
        )
    scan(upload, title)
    # Stored under a random name: the original name (often a child's name) stays in the title only.
    upload.name = uuid.uuid4().hex + ALLOWED_TYPES[content_type]
    return CheckedUpload(upload, title, content_type)
