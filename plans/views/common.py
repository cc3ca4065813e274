"""Pieces the plan views share."""

from django.urls import reverse

from audit.models import Action
from audit.services import record


def back(label, url_name, *args) -> tuple[str, str]:
    """The back link of a form page: (label, url)."""
    return label, reverse(url_name, args=args)


def plan_url(plan) -> str:
    return reverse("plans:plan_detail", args=[plan.public_id])


def version_url(plan, version, anchor="") -> str:
    url = reverse("plans:version_detail", args=[plan.public_id, version.number])
    return f"{url}#{anchor}" if anchor else url


def audit_read(request, plan, summary) -> None:
    """Every read of a plan is written to the audit log (ARCHITECTURE.md)."""
    record(request, Action.VIEW, child=plan.child, obj=plan, summary=summary)
