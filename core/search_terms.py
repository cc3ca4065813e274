"""Keep typed search words (names, dates of birth) out of URLs and server logs.

A search form posts its words; they are kept in the session under a random key and the page
redirects to `?s=<key>`, so paging and sharing the list never puts a child's name in a URL.
"""

import secrets

from django.shortcuts import redirect
from django.urls import reverse

SESSION_KEY = "search_terms"
MAX_KEPT = 20


def remember(request, terms: str) -> str:
    kept = request.session.get(SESSION_KEY, {})
    key = secrets.token_urlsafe(8)
    kept[key] = terms
    # Keep only the most recent searches.
    request.session[SESSION_KEY] = dict(list(kept.items())[-MAX_KEPT:])
    return key


def recall(request) -> tuple[str, str]:
    """(key, terms) for this request's `s` parameter, or ("", "")."""
    key = request.GET.get("s", "")
    terms = request.session.get(SESSION_KEY, {}).get(key, "")
    return (key, terms) if terms else ("", "")


def search_redirect(request, url_name: str):
    """A list's search form posted its words: keep them (above) and go back to the list with its
    filters and `?s=<key>` (a new search starts on the first page; an empty one clears it)."""
    terms = request.POST.get("q", "").strip()[:200]
    params = request.GET.copy()
    params.pop("page", None)
    params.pop("s", None)
    if terms:
        params["s"] = remember(request, terms)
    return redirect(reverse(url_name) + ("?" + params.urlencode() if params else ""))
