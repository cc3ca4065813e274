"""Feedback from the public pages: "Is this page useful?" and "Report a problem with this page".

Anyone can send it, so it is throttled per browser session and per network address
(core.throttle: counters in the cache, keyed by hashes), cut to a sensible length and kept as
plain text; the rows keep keyed hashes of both, never the session or address. It is
shown to the service's owner and to Local Offer editors, always escaped by the templates.
"""

import hashlib
import hmac
import re

from django.conf import settings
from django.db import transaction
from django.urls import Resolver404, resolve

from audit.models import Action
from audit.services import record as audit
from core import throttle
from core.client_ip import client_ip
from directory.choices import FeedbackKind, FeedbackStatus
from directory.models import Feedback, Service

# A school, library or family hub may share one address, so it gets more than one session.
PER_SESSION = int(throttle.LIMITS["feedback"]["account"].split("/")[0])
PER_ADDRESS = int(throttle.LIMITS["feedback"]["client"].split("/")[0])
MAX_TEXT = 1200
PUBLIC_PREFIX = "/local-offer/"
SAFE_PATH = re.compile(r"/local-offer/[A-Za-z0-9/_-]*")
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _keyed_hash(kind: str, value: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), f"{kind}:{value}".encode(), hashlib.sha256).hexdigest()


def page_path(raw: str) -> str:
    """The Local Offer page the feedback is about; anything else counts as the Local Offer home."""
    path = str(raw or "").split("?")[0][:300]
    # Only plain Local Offer paths: this value is redirected to, so nothing else may get through.
    return path if SAFE_PATH.fullmatch(path) else PUBLIC_PREFIX


def service_on_page(path: str) -> Service | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    if match.view_name != "directory:service_detail":
        return None
    return Service.objects.filter(pk=match.kwargs["service_id"]).first()


def plain_text(text: str) -> str:
    """What the person typed, minus control characters, at most MAX_TEXT characters."""
    return CONTROL_CHARACTERS.sub("", str(text or "")).strip()[:MAX_TEXT]


def record(request, *, kind: str, page: str, useful: bool | None = None, text: str = "") -> Feedback:
    if not request.session.session_key:
        request.session.save()  # an anonymous visitor gets a session to count against
    session_hash = _keyed_hash("session", request.session.session_key)
    client_hash = _keyed_hash("address", client_ip(request) or "unknown")
    throttle.attempt(request, "feedback", account=session_hash)  # raises TooManyAttempts
    path = page_path(page)
    return Feedback.objects.create(
        kind=kind,
        page=path,
        service=service_on_page(path),
        useful=useful if kind == FeedbackKind.USEFUL else None,
        text=plain_text(text) if kind == FeedbackKind.PROBLEM else "",
        session_hash=session_hash,
        client_hash=client_hash,
    )


@transaction.atomic
def mark_done(request, item: Feedback) -> bool:
    """The owner or an editor has dealt with the feedback: it leaves the list of new feedback.
    Audited; marking it again changes nothing. Returns whether anything changed."""
    new = Feedback.objects.filter(pk=item.pk, status=FeedbackStatus.NEW)
    changed = new.update(status=FeedbackStatus.DONE)
    if changed:
        item.status = FeedbackStatus.DONE
        audit(request, Action.UPDATE, obj=item, summary="Marked Local Offer feedback as dealt with")
    return bool(changed)
