"""Changing the area's waiting-list settings by hand: a pathway's target and trajectory, and the
quarterly learning disability health check figures. Each change is one transaction, audited."""

from django.db import transaction

from audit.models import Action
from audit.services import record
from waiting.models import HealthCheckReturn


@transaction.atomic
def save_pathway(request, pathway, form, trajectory) -> None:
    """Save a pathway's details (`form`) and its trajectory points (`trajectory`, an inline
    formset), both already checked by the page."""
    form.save()
    trajectory.save()
    record(
        request,
        Action.UPDATE,
        obj=pathway,
        summary=f"Changed the pathway {pathway}",
        fields=form.changed_data,
        trajectory_changed=trajectory.has_changed(),
    )


@transaction.atomic
def enter_health_checks(request, *, quarter_end, register_count, checks_done, evidence) -> HealthCheckReturn:
    """A quarter's annual health check figures; entering a quarter again replaces it."""
    row, created = HealthCheckReturn.objects.update_or_create(
        quarter_end=quarter_end,
        defaults={
            "register_count": register_count,
            "checks_done": checks_done,
            "evidence": evidence,
            "entered_by": request.user,
        },
    )
    record(request, Action.CREATE if created else Action.UPDATE, obj=row, summary=f"Entered {row}")
    return row
