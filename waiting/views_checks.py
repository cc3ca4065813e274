"""Learning disability annual health checks (ages 14 to 25): each quarter's count typed in with its
evidence, against the GP register count and the target. Entering a quarter again replaces it."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse

from core.idempotency import create_once, once_per_form
from core.permissions import permission_required
from waiting import pathways
from waiting.forms import HealthCheckForm
from waiting.models import HealthCheckReturn


@permission_required("waiting.view_lists")
@once_per_form
def health_checks(request):
    may_enter = request.user.has_perm("waiting.enter_health_checks")
    if request.method == "POST" and not may_enter:
        raise PermissionDenied  # managers read the figures; health officers and the DCO enter them
    form = HealthCheckForm(request.POST or None) if may_enter else None
    if request.method == "POST" and form is not None and form.is_valid():

        def save():
            data = form.cleaned_data
            row = pathways.enter_health_checks(
                request,
                quarter_end=data["quarter_end"],
                register_count=data["register_count"],
                checks_done=data["checks_done"],
                evidence=data["evidence"],
            )
            messages.success(request, f"Saved the figures to {row.quarter_end:%-d %B %Y}")
            return reverse("waiting:health_checks")

        return redirect(create_once(form.cleaned_data.get("form_token"), request.user, save))
    return render(
        request,
        "waiting/health_checks.html",
        {"returns": HealthCheckReturn.objects.select_related("entered_by")[:16], "form": form},
    )
