import sys

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.views import defaults

from core import home


def start(request):
    if request.user.is_authenticated:
        return redirect("core:home")
    return render(request, "core/start.html")


@login_required
def home_page(request):
    return render(
        request,
        "core/home.html",
        {
            "figures": home.figures_for(request.user),
            "sections": home.sections_for(request.user),
        },
    )


def accessibility_statement(request):
    """The statement the Public Sector Bodies Accessibility Regulations 2018 require: open to all."""
    return render(
        request,
        "core/accessibility.html",
        {
            "contact_email": settings.ACCESSIBILITY_CONTACT_EMAIL,
            "prepared_on": settings.ACCESSIBILITY_STATEMENT_PREPARED,
        },
    )


def permission_denied(request, exception=None):
    return render(request, "core/403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "core/404.html", status=404)


def _database_unavailable(error) -> bool:
    """The error, or one it was raised while handling, says the database could not be reached."""
    while error is not None:
        if isinstance(error, OperationalError | InterfaceError):
            return True
        error = error.__cause__ or error.__context__
    return False


def bad_request(request, exception=None):
    # A session that could not be saved because the database went away is Django's "session
    # interrupted" 400; to the person it is the same outage as any other.
    if _database_unavailable(exception):
        return service_unavailable(request)
    return defaults.bad_request(request, exception)


def server_error(request):
    # Called while the exception is being handled, wherever it was raised (a view or middleware).
    if _database_unavailable(sys.exc_info()[1]):
        return service_unavailable(request)
    return render(request, "core/500.html", status=500)


def service_unavailable(request):
    """The database cannot be reached (restarting, failing over): say to try again, and render
    without the context processors, which would ask the database who is signed in."""
    context = {"request": request, "service_name": "SEND services", "area_name": settings.AREA_NAME}
    response = HttpResponse(render_to_string("core/503.html", context), status=503)
    response["Retry-After"] = "10"
    return response


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: a form sent without its security token (most often a page left open
    too long, or cookies blocked). The way back is the form's own page, reloaded with a new
    token; the reason is for developers only and is never shown."""
    return render(request, "core/csrf_failure.html", {"back": request.path}, status=403)
