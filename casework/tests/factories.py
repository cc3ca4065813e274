"""Build assessment cases for tests through the real services, so every case is one the rules
allow. `request=None` records events as the system (no actor in the audit log)."""

from datetime import date, timedelta

from casework import services
from casework.models import AdviserType, RequestSource
from clock.case_events import EventKind as K


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


def sibling_of(child):
    """A brother or sister of `child`: same school, same parents. A child has one open case at a
    time (services.open_case adds a second request to it), so a test that needs several cases
    for "the family's child" gives each case its own sibling."""
    from people.models import ChildRelationship
    from people.tests.factories import ChildFactory

    sibling = ChildFactory(setting=child.setting, legal_last_name=child.legal_last_name)
    for link in child.relationships.all():
        ChildRelationship.objects.create(
            child=sibling,
            parent_carer=link.parent_carer,
            relationship=link.relationship,
            parental_responsibility=link.parental_responsibility,
            verified=link.verified,
        )
    return sibling
