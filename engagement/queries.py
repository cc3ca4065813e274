"""Read-only questions about disagreements: the SEN2 flags and the lists of what is due."""

from django.db.models import Exists, OuterRef

from clock import disagreements as rules
from engagement.models import About, Complaint, MediationCase, TribunalAppeal, TribunalOrder

SEN2_FLAGS = (
    "request_mediation",
    "request_tribunal",
    "assessment_mediation",
    "assessment_tribunal",
    "other_mediation",
    "other_tribunal",
)


def sen2_flags(census_date) -> dict:
    """Annotations for a query of AssessmentCases, one per SEN2 flag (SEN2_FLAGS): mediation
    held, or an appeal registered, on or before the census date, against the request (a decision
    not to assess: RequestMediation, RequestTribunal) or the assessment (AssessmentMediation,
    AssessmentTribunal), or anything else, such as what an issued plan says (OtherMediation,
    OtherTribunal). Contact with the mediation adviser for information only is not
    mediation. Subqueries of the cases query, so the return takes no more queries."""
    held = MediationCase.objects.filter(case=OuterRef("pk"), held_on__isnull=False, held_on__lte=census_date)
    appealed = TribunalAppeal.objects.filter(case=OuterRef("pk"), registered_on__lte=census_date)
    return {
        "request_mediation": Exists(held.filter(about=About.REQUEST)),
        "request_tribunal": Exists(appealed.filter(about=About.REQUEST)),
        "assessment_mediation": Exists(held.filter(about=About.ASSESSMENT)),
        "assessment_tribunal": Exists(appealed.filter(about=About.ASSESSMENT)),
        "other_mediation": Exists(held.filter(about=About.OTHER)),
        "other_tribunal": Exists(appealed.filter(about=About.OTHER)),
    }


def with_status(rows, due_attr, done_attr, today):
    """Each row with `.status` from the clock engine for its deadline."""
    for row in rows:
        row.status = rules.status(getattr(row, due_attr), getattr(row, done_attr), today)
    return rows


def mediations(today, open_only=False, child=None):
    rows = MediationCase.objects.select_related("child", "case")
    if child is not None:
        rows = rows.filter(child=child)
    if open_only:
        rows = rows.filter(certificate_issued_on__isnull=True)
    rows = list(rows)
    for row in rows:
        row.certificate_status = rules.status(row.certificate_due_on, row.certificate_issued_on, today)
        row.meeting_status = (
            None if row.information_only else rules.status(row.mediation_due_on, row.held_on, today)
        )
    return rows


def appeals():
    return TribunalAppeal.objects.select_related("child", "case")


def orders(today, open_only=False):
    rows = TribunalOrder.objects.select_related("appeal__child")
    if open_only:
        rows = rows.filter(complied_on__isnull=True)
    return with_status(list(rows), "due_on", "complied_on", today)


def complaints(today, open_only=False):
    rows = Complaint.objects.select_related("child")
    if open_only:
        rows = rows.filter(responded_on__isnull=True)
    return with_status(list(rows), "response_due_on", "responded_on", today)
