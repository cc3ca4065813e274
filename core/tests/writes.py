"""Which URLs change state, read from the views themselves (not from a list someone must keep).

A URL changes state when its view accepts POST, PUT, PATCH or DELETE:
- a class-based view (Django or DRF) with a handler for one of them in `http_method_names`;
- a function view with `require_POST` / `require_http_methods([... "POST" ...])`, or whose code,
  or the code of a project function it calls (followed a few levels deep), reads `request.POST`,
  `request.FILES` or asks whether `request.method` is POST.

The permission matrix (test_permission_matrix.py) fails when such a URL has no row saying who may
POST to it.
"""

import inspect
import re
import types
from collections.abc import Callable
from functools import cache
from typing import NamedTuple

from django.urls import URLPattern, URLResolver, get_resolver

WRITE_METHODS = ("post", "put", "patch", "delete")
PROJECT_PACKAGES = (
    "accounts", "api", "audit", "casework", "commissioning", "core", "directory", "engagement",
    "improvement", "jobs", "messaging", "notifications", "people", "performance", "plans", "portal",
    "quality", "reviews", "waiting",
)  # fmt: skip
# Reading the body or asking for POST: what a view that takes writes does somewhere.
TAKES_WRITES = re.compile(r"request\.(POST|FILES)\b|method\s*[!=]=\s*[\"']POST|[\"']POST[\"']\s+(in|not in)")
FOLLOW_DEPTH = 3
HTTP_METHODS = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}


class Post(NamedTuple):
    """A POSTERS entry that needs more than a set of roles: the status everyone else gets when it is
    not the page's own (a job's or a school's pages answer 404 to strangers), and the form a poster
    sends to get past a check of the form itself (an empty form is refused there, not at the door)."""

    roles: set[str]
    refused: int | None = None
    data: Callable[[list], dict] | None = None


def url_patterns(resolver=None, namespace="", converters=()):
    """(url name, URLPattern, the converters of its whole path) for every named URL."""
    for entry in (resolver or get_resolver()).url_patterns:
        own = (*converters, *getattr(entry.pattern, "converters", {}).values())
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from url_patterns(entry, inner, own)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", entry, own


def patterns():
    """(url name, callback) for every named URL."""
    return ((name, pattern.callback) for name, pattern, _ in url_patterns())


def _project_function(value):
    return isinstance(value, types.FunctionType) and value.__module__.split(".")[0] in PROJECT_PACKAGES


def _names_used(code):
    yield from code.co_names
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            yield from _names_used(const)


@cache
def _function_takes_writes(function, depth=FOLLOW_DEPTH):
    try:
        source = inspect.getsource(function)
    except (OSError, TypeError):
        return False
    if TAKES_WRITES.search(source) or "require_POST" in source:
        return True
    if depth == 0:
        return False
    called = (function.__globals__.get(name) for name in set(_names_used(function.__code__)))
    return any(_function_takes_writes(f, depth - 1) for f in called if _project_function(f))


def _layers(callback):
    """The view and each decorator's wrapper around it, outermost first."""
    while callback is not None:
        yield callback
        callback = getattr(callback, "__wrapped__", None)


def _allowed_by_decorator(layer):
    """The methods `require_http_methods` (and require_POST/GET/safe) lets through, else None."""
    for cell in getattr(layer, "__closure__", None) or ():
        contents = cell.cell_contents
        words = isinstance(contents, list | tuple) and all(isinstance(m, str) for m in contents)
        if words and contents and {m.upper() for m in contents} <= HTTP_METHODS:
            return {m.lower() for m in contents}
    return None


def accepts_writes(callback) -> bool:
    view_class = getattr(callback, "view_class", None) or getattr(callback, "cls", None)
    if view_class is not None:
        actions = getattr(callback, "actions", None)  # a DRF viewset's method -> action map
        if actions:
            return any(m in actions for m in WRITE_METHODS)
        allowed = getattr(view_class, "http_method_names", WRITE_METHODS)
        return any(m in allowed and hasattr(view_class, m) for m in WRITE_METHODS)
    for layer in _layers(callback):
        allowed = _allowed_by_decorator(layer)
        if allowed is not None:
            return bool(allowed & set(WRITE_METHODS))
    return any(_function_takes_writes(layer) for layer in _layers(callback) if _project_function(layer))


def state_changing_urls() -> set[str]:
    return {name for name, callback in patterns() if accepts_writes(callback)}
