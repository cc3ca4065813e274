import time

from django.conf import settings

# The session's "last renewed" time (seconds since the epoch), kept in the session itself.
RENEWED_AT = "_renewed_at"


class RenewSessionWhileActive:
    """A session ends after SESSION_COOKIE_AGE of inactivity: each request the person makes pushes
    its end back. Saving the session on every request (SESSION_SAVE_EVERY_REQUEST) did that with a
    database write on every page; this saves it at most once every SESSION_RENEW_SECONDS (a
    minute), so a session may end up to that much before SESSION_COOKIE_AGE of inactivity.
    Sessions a request never opened (most signed-out pages) are left alone, as Django does."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is None or not session.accessed or session.modified or session.is_empty():
            return response
        if session.session_key is None:
            return response  # nothing stored yet: Django saves a new session when it is written to
        now = int(time.time())
        if _counts_down(request) or now - session.get(RENEWED_AT, 0) >= settings.SESSION_RENEW_SECONDS:
            session[RENEWED_AT] = now  # marks it modified: SessionMiddleware saves it, expiry renewed
        return response


# Roles whose pages show the timeout warning (templates/base.html): its countdown starts from the
# page's own load, so their session is renewed by every page, to the second.
COUNTDOWN_ROLES = ("parent", "young_person", "professional")


def _counts_down(request) -> bool:
    user = getattr(request, "user", None)
    return getattr(user, "role", None) in COUNTDOWN_ROLES


def renewed_at_sign_in(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[RENEWED_AT] = int(time.time())


class NoStoreForSignedIn:
    """Pages shown to a signed-in person hold children's records: browsers and proxies must not
    keep copies (a shared computer's back button would show them to the next person)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "user", None) and request.user.is_authenticated:
            response["Cache-Control"] = "no-store"
        return response
