"""Structured logs without personal data: one JSON object a line, and one line a request.

A request's line carries an id (the X-Request-ID a proxy set, if it looks like one, else a new one),
the user as an opaque id (a keyed hash: the same person reads the same across lines, but the log
alone does not say who), the path with only its UUIDs (any other value captured from the URL, like
an Open Referral id or a token, is replaced by its name; a path that matched no page is not logged),
the status and the duration. Query strings are never logged: searches may hold names.
"""

import hashlib
import hmac
import json
import logging
import re
import time
import uuid

from django.conf import settings
from django.utils.functional import empty

REQUESTS = logging.getLogger("opensend.requests")
REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    def format(self, record):
        entry = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        entry |= {k: v for k, v in vars(record).items() if k not in STANDARD and not k.startswith("_")}
        entry.pop("request", None)  # Django attaches the request object to its own log records
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str)


def opaque_user_id(user) -> str | None:
    if user is None or not user.is_authenticated:
        return None
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, f"user:{user.pk}".encode(), hashlib.sha256).hexdigest()[:16]


def _is_uuid(value) -> bool:
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True


def loggable_path(request) -> str:
    match = getattr(request, "resolver_match", None)
    if match is None:
        return "<no page>"
    path = request.path
    for name, value in match.kwargs.items():
        if not isinstance(value, uuid.UUID) and not _is_uuid(value):
            path = path.replace(f"/{value}", f"/<{name}>")
    return path


def _known_user(request):
    """The user, if something (a page, the API's token check) already looked them up."""
    user = request.__dict__.get("user")
    wrapped = getattr(user, "_wrapped", user)  # a lazy user not yet evaluated stays unevaluated
    return None if wrapped is empty else wrapped


class RequestLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.headers.get("X-Request-ID", "")
        request.request_id = given if REQUEST_ID.match(given) else uuid.uuid4().hex
        started = time.perf_counter()
        response = self.get_response(request)
        REQUESTS.info(
            "request",
            extra={
                "request_id": request.request_id,
                # Only a user already looked up: no query of its own, none while the database is down.
                "user": opaque_user_id(_known_user(request)),
                "method": request.method,
                "path": loggable_path(request),
                "status": response.status_code,
                "duration_ms": round((time.perf_counter() - started) * 1000, 1),
            },
        )
        response["X-Request-ID"] = request.request_id
        return response
