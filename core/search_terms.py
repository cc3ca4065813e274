"""Keep typed search words (names, dates of birth) out of URLs and server logs.

A search form posts its words; they are kept in the session under a random key and the page
redirects to `?s=<key>`, so paging and sharing the list never puts a child's name in a URL.
"""

import secrets

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
