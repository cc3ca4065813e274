"""Build assessment cases for tests through the real services, so every case is one the rules
allow. `request=None` records events as the system (no actor in the audit log)."""

from datetime import date, timedelta

from casework import services
from casework.events import EventKind as K
from casework.models import AdviserType, RequestSource


def open_case(child, received_on=None, caseworker=None, source=RequestSource.PARENT):
    return services.open_case(
        None,
        child=child,
        source=source,
        received_on=received_on or date(2026, 6, 1),
        reasons="Not making expected progress despite SEN support",
        consent_given=True,
        requester_name="Parent",
        caseworker=caseworker,
    )


def case_at(child, stage: str, received_on=None, caseworker=None, ep=None):
    """A case moved through the process to `stage`: received, assessing, drafting, consulting,
    final, not_assessed, withdrawn. Steps are a week apart from `received_on`."""
    start = received_on or date(2026, 6, 1)
    case = open_case(child, start, caseworker)
    day = iter(start + timedelta(days=7 * n) for n in range(1, 30))
    if stage == "received":
        return case
    if stage == "not_assessed":
        services.record_event(None, case, K.DECIDED_NOT_TO_ASSESS, next(day))
        return case
    if stage == "withdrawn":
        services.record_event(None, case, K.WITHDRAWN, next(day))
        return case
    services.record_event(None, case, K.DECIDED_TO_ASSESS, next(day))
    advice = services.request_advice(
        None, case, AdviserType.EDUCATIONAL_PSYCHOLOGIST, next(day), professional=ep
    )
    if stage == "assessing":
        return case
    services.receive_advice(None, advice, next(day), text="Advice from the educational psychologist")
    services.record_event(None, case, K.DECIDED_TO_ISSUE, next(day))
    if stage == "drafting":
        return case
    services.record_event(None, case, K.DRAFT_SERVED, next(day))
    if stage == "consulting":
        return case
    services.record_event(None, case, K.FAMILY_RESPONDED, next(day))
    services.record_event(None, case, K.FINAL_ISSUED, next(day))
    case.refresh_from_db()
    return case
