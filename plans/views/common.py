"""Pieces the plan views share."""

from django.urls import reverse


def back(label, url_name, *args) -> tuple[str, str]:
    """The back link of a form page: (label, url)."""
    return label, reverse(url_name, args=args)


def plan_url(plan) -> str:
    return reverse("plans:plan_detail", args=[plan.public_id])


def version_url(plan, version, anchor="") -> str:
    url = reverse("plans:version_detail", args=[plan.public_id, version.number])
    return f"{url}#{anchor}" if anchor else url
