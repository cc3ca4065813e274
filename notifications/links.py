"""The pages messages link to: paths only (the notifier adds the site's address)."""

from django.urls import NoReverseMatch, reverse


def _path(name, public_id, fallback):
    # The case pages are built alongside this app; until a page's URL exists, link to the
    # address it will have, so no message goes out without a link.
    try:
        return reverse(name, args=[public_id])
    except NoReverseMatch:
        return fallback


def case_path(case) -> str:
    return _path("casework:case_detail", case.public_id, f"/cases/{case.public_id}/")


def family_path(case) -> str:
    """Where a family reads about their case: the portal's "Where is my child's case?" page."""
    return _path("portal:case_detail", case.public_id, f"/portal/cases/{case.public_id}/")


def advice_path(advice) -> str:
    return _path("casework:advice_detail", advice.public_id, case_path(advice.case))
