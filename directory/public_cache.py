"""Signed-out Local Offer answers kept in Django's cache: the public search's results and the Open
Referral UK API's answers, so a busy search costs about what a trivial page does.

Only for people who are not signed in, and only for GET: a signed-in person's request neither
reads nor fills the cache (`key_for` answers None), so no one is ever served a page made for
someone else. A cached answer is found by everything that changes it: what was asked (path and
query string), the host and scheme (the API's links are absolute), the language, today's date (a
service's "may be out of date" tag turns on at midnight) and the directory's version.

The version is a random token in the default (shared) cache, replaced whenever a service or
anything shown with one changes (`directory.signals`, and `directory.search` after bulk loads),
so every worker stops using the old answers at once. The answers themselves live in the cache
named by PUBLIC_CACHE_ALIAS (`PUBLIC_CACHE_URL`: in-process memory unless production names a
shared cache), each for at most PUBLIC_CACHE_SECONDS as a backstop.
"""

import hashlib
import uuid

from django.conf import settings
from django.core.cache import caches
from django.utils.translation import get_language

from clock import dates

VERSION_KEY = "directory:public-version"


def _shared():
    return caches["default"]


def _answers():
    return caches[settings.PUBLIC_CACHE_ALIAS]


def version() -> str:
    current = _shared().get(VERSION_KEY)
    if current is None:
        _shared().add(VERSION_KEY, uuid.uuid4().hex, timeout=None)
        current = _shared().get(VERSION_KEY)
    return current


def changed() -> None:
    """Something the public pages show has changed: every cached answer is out of date."""
    _shared().set(VERSION_KEY, uuid.uuid4().hex, timeout=None)


def key_for(request, kind: str) -> str | None:
    """The cache key of this request's answer, or None when it must not be cached."""
    user = getattr(request, "user", None)
    if request.method != "GET" or (user is not None and user.is_authenticated):
        return None
    parts = [
        kind,
        version(),
        dates.today().isoformat(),
        get_language() or "",
        request.scheme,
        request.get_host(),
        request.get_full_path(),
    ]
    return "directory:public:" + hashlib.sha256("\n".join(parts).encode()).hexdigest()


def get(key: str | None):
    return _answers().get(key) if key else None


def put(key: str | None, value) -> None:
    if key:
        _answers().set(key, value, timeout=settings.PUBLIC_CACHE_SECONDS)
