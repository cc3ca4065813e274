"""The only code that changes disagreement records: mediation, tribunal appeals and their orders,
complaints. Due dates come from the clock engine and every change writes an audit event."""

from django.db import transaction

from audit.models import Action
from audit.services import record
from clock import dates
from clock import disagreements as rules
from engagement.models import Complaint, MediationCase, TribunalAppeal, TribunalOrder


class Refused(ValueError):
    """The change breaks a rule (the form shows the message against the field)."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


def _not_future(field, day, what):
    if day is not None and day > dates.today():
        raise Refused(field, f"{what} must be today or in the past")


def _mediation_dates(mediation):
    _not_future("requested_on", mediation.requested_on, "The date the family asked")
    _not_future("certificate_issued_on", mediation.certificate_issued_on, "The certificate date")
    _not_future("held_on", mediation.held_on, "The date mediation was held")
    for field, day, what in (
        ("certificate_issued_on", mediation.certificate_issued_on, "The certificate date"),
        ("held_on", mediation.held_on, "The date mediation was held"),
    ):
        if day is not None and day < mediation.requested_on:
            raise Refused(field, f"{what} must be on or after the date the family asked")
    if mediation.information_only and mediation.held_on is not None:
        raise Refused("held_on", "Leave the mediation date empty when the family only wanted information")
    mediation.mediation_due_on = (
        None if mediation.information_only else rules.mediation_due(mediation.requested_on)
    )
    mediation.certificate_due_on = rules.certificate_due(
        mediation.requested_on, mediation.information_only, mediation.held_on
    )


def record_mediation(request, user, **fields) -> MediationCase:
    mediation = MediationCase(**fields)
    _mediation_dates(mediation)
    return _create(request, user, mediation, "Recorded a mediation")


def update_mediation(request, user, mediation, expected_version: int, **fields) -> MediationCase:
    for name, value in fields.items():
        setattr(mediation, name, value)
    _mediation_dates(mediation)
    with transaction.atomic():
        mediation.save_edit(expected_version, user)
        record(
            request,
            Action.UPDATE,
            child=mediation.child,
            obj=mediation,
            user=user,
            summary="Changed a mediation",
        )
    return mediation


def _appeal_dates(appeal):
    _not_future("registered_on", appeal.registered_on, "The registration date")
    for field, day, what in (
        ("hearing_on", appeal.hearing_on, "The hearing date"),
        ("decided_on", appeal.decided_on, "The decision date"),
    ):
        if day is not None and day < appeal.registered_on:
            raise Refused(field, f"{what} must be on or after the date the appeal was registered")
    if appeal.outcome and appeal.decided_on is None:
        raise Refused("decided_on", "Enter the date of the decision")


def record_appeal(request, user, **fields) -> TribunalAppeal:
    appeal = TribunalAppeal(**fields)
    _appeal_dates(appeal)
    return _create(request, user, appeal, "Recorded a tribunal appeal")


def update_appeal(request, user, appeal, expected_version: int, **fields) -> TribunalAppeal:
    for name, value in fields.items():
        setattr(appeal, name, value)
    _appeal_dates(appeal)
    if appeal.orders.filter(made_on__lt=appeal.registered_on).exists():
        raise Refused("registered_on", "The registration date must be on or before the date of every order")
    with transaction.atomic():
        appeal.save_edit(expected_version, user)
        record(
            request,
            Action.UPDATE,
            child=appeal.child,
            obj=appeal,
            user=user,
            summary="Changed a tribunal appeal",
        )
    return appeal


def record_order(request, user, appeal, kind: str, made_on, note: str = "") -> TribunalOrder:
    """An order of the tribunal with its compliance deadline (reg 44(2)). An order dated before
    the appeal was registered is refused: nothing is saved."""
    if made_on < appeal.registered_on:
        raise Refused(
            "made_on", "The date of the order must be on or after the date the appeal was registered"
        )
    _not_future("made_on", made_on, "The date of the order")
    with transaction.atomic():
        order = TribunalOrder.objects.create(
            appeal=appeal,
            kind=kind,
            made_on=made_on,
            due_on=rules.order_due(kind, made_on),
            note=note.strip(),
            created_by=user,
            modified_by=user,
        )
        record(
            request,
            Action.CREATE,
            child=appeal.child,
            obj=order,
            user=user,
            summary="Recorded a tribunal order",
        )
    return order


def record_compliance(request, user, order, complied_on) -> TribunalOrder:
    if complied_on < order.made_on:
        raise Refused("complied_on", "The date the area complied must be on or after the date of the order")
    _not_future("complied_on", complied_on, "The date the area complied")
    with transaction.atomic():
        order.complied_on = complied_on
        order.modified_by = user
        order.save()
        record(
            request,
            Action.UPDATE,
            child=order.appeal.child,
            obj=order,
            user=user,
            summary="Complied with a tribunal order",
        )
    return order


def _complaint_dates(complaint):
    _not_future("received_on", complaint.received_on, "The date received")
    _not_future("responded_on", complaint.responded_on, "The date of the response")
    if complaint.responded_on is not None and complaint.responded_on < complaint.received_on:
        raise Refused("responded_on", "The date of the response must be on or after the date it was received")
    complaint.response_due_on = rules.complaint_response_due(complaint.received_on)


def record_complaint(request, user, **fields) -> Complaint:
    complaint = Complaint(**fields)
    _complaint_dates(complaint)
    return _create(request, user, complaint, "Recorded a complaint")


def update_complaint(request, user, complaint, expected_version: int, **fields) -> Complaint:
    for name, value in fields.items():
        setattr(complaint, name, value)
    _complaint_dates(complaint)
    with transaction.atomic():
        complaint.save_edit(expected_version, user)
        record(
            request,
            Action.UPDATE,
            child=complaint.child,
            obj=complaint,
            user=user,
            summary="Changed a complaint",
        )
    return complaint


def _create(request, user, record_obj, summary):
    """Save a new disagreement record and audit it, together or not at all."""
    with transaction.atomic():
        record_obj.created_by = record_obj.modified_by = user
        record_obj.save()
        record(request, Action.CREATE, child=record_obj.child, obj=record_obj, user=user, summary=summary)
    return record_obj
