"""Reads for the referral list: filters by pathway and status (the age band is the FilterSet's)."""

from django.db.models import Q

from waiting.models import STOP_FIELD, Referral

STATUSES = [("waiting", "Waiting"), ("seen", "Seen"), ("removed", "Discharged or removed")]


def _stopped():
    """Referrals whose pathway's stop event has happened."""
    stopped = Q()
    for measure, field in STOP_FIELD.items():
        stopped |= Q(pathway__measure=measure, **{f"{field}__isnull": False})
    return stopped


def referrals(pathway=None, status=""):
    found = Referral.objects.select_related("pathway", "child")
    if pathway is not None:
        found = found.filter(pathway=pathway)
    if status == "waiting":
        found = found.filter(ended_on__isnull=True).exclude(_stopped())
    elif status == "seen":
        found = found.filter(_stopped())
    elif status == "removed":
        found = found.filter(ended_on__isnull=False).exclude(_stopped())
    return found.order_by("-referral_date", "pk")


def status_of(referral) -> str:
    if getattr(referral, STOP_FIELD[referral.pathway.measure]):
        return "Seen"
    if referral.ended_on:
        return "Discharged or removed"
    return "Waiting"


# The referral export's columns, for the page and its job (waiting.jobs) alike.
EXPORT_HEADERS = [
    "Provider reference",
    "Pathway",
    "NHS number",
    "Date of birth",
    "Referral date",
    "First appointment",
    "Assessment start",
    "Treatment start",
    "Discharge or removal date",
    "Discharge or removal reason",
    "Status",
]


def export_row(r):
    return [
        r.provider_reference,
        r.pathway.code,
        r.nhs_number,
        r.date_of_birth,
        r.referral_date,
        r.first_appointment,
        r.assessment_start,
        r.treatment_start,
        r.ended_on,
        r.end_reason,
        status_of(r),
    ]
