"""Nothing a family typed is lost when their session ends (30 idle minutes): a long form sent after
the session ended is kept in the new session, they sign in again, and the same form opens with
what they typed, for them to check and send. Nothing is saved to their record until they do.

Use `keeps_typed_work` outermost on a family form view (before `login_required`), and
`take(request)` for the form's initial values. The form token is dropped (a fresh one is issued)
and files are not kept (they are chosen again).
"""

from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, resolve_url
from django.utils.translation import gettext as _

SESSION_KEY = "portal_typed_work"
DROPPED = {"csrfmiddlewaretoken", "form_token", "version"}
MAX_CHARACTERS = 100_000  # a generous bound: a whole draft's comments, not a file


def keeps_typed_work(view):
    @wraps(view)
    def guarded(request, *args, **kwargs):
        if request.method == "POST" and not request.user.is_authenticated:
            typed = {key: request.POST.getlist(key) for key in request.POST if key not in DROPPED}
            if sum(len(v) for values in typed.values() for v in values) <= MAX_CHARACTERS:
                request.session[SESSION_KEY] = {"path": request.path, "typed": typed}
            query = urlencode({"next": request.path})
            return redirect(f"{resolve_url(settings.LOGIN_URL)}?{query}")
        return view(request, *args, **kwargs)

    return guarded


def take(request) -> dict | None:
    """What was typed into this page's form before the session ended, once; None if nothing."""
    kept = request.session.get(SESSION_KEY)
    if request.method != "GET" or not kept or kept.get("path") != request.path:
        return None
    del request.session[SESSION_KEY]
    messages.info(
        request,
        _("You were signed out, but we kept what you typed. Check it and send it again."),
    )
    return {key: values if len(values) > 1 else values[0] for key, values in kept["typed"].items()}
