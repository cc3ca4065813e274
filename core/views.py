from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

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
            "family_children": home.children_for_family(request.user),
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


def server_error(request):
    return render(request, "core/500.html", status=500)
