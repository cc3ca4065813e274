"""Disagreement records for tests, made through the real services."""

from datetime import date

from engagement import services
from engagement.models import About


def mediation(child, case=None, requested_on=date(2026, 6, 1), information_only=False, **fields):
    return services.record_mediation(
        None,
        None,
        child=child,
        case=case,
        about=fields.pop("about", About.REQUEST),
        requested_on=requested_on,
        information_only=information_only,
        **fields,
    )


def appeal(child, case=None, registered_on=date(2026, 7, 1), **fields):
    return services.record_appeal(
        None,
        None,
        child=child,
        case=case,
        about=fields.pop("about", About.ASSESSMENT),
        registered_on=registered_on,
        grounds=fields.pop("grounds", "Section F does not specify the speech and language therapy"),
        **fields,
    )
