"""The plan audits and their findings as files: the lists the quality pages show, exported on the job
queue (core/list_exports.py) as every list is."""

from core.list_exports import list_export
from people.search import fold
from quality.filters import PlanAuditFilter
from quality.models import Audit, QualityAction

AUDIT_RELATED = ("plan__child", "plan_version", "auditor", "caseworker", "sample", "rubric")
CHECKS = {True: "Yes", False: "No", None: ""}

AUDIT_HEADERS = [
    "Audit month",
    "Sample",
    "Child",
    "Plan version",
    "Caseworker",
    "Auditor",
    "Status",
    "Overall grade",
    "Passed automatic checks",
    "Submitted",
]
FINDING_HEADERS = [
    "Audit month",
    "Child",
    "Criterion",
    "Area",
    "Grade",
    "Finding",
    "Caseworker",
    "Due",
    "Status",
    "Done on",
    "What was done",
]


def _name(user):
    return (user.get_full_name() or user.username) if user else ""


def audits(query, terms=""):
    """The audits as the list shows them (the page and its export): searched by the child's name
    (`terms`, from the session, never the URL), filtered by status. Returns (audits, filters)."""
    found = Audit.objects.select_related(*AUDIT_RELATED).order_by("-cycle", "pk")
    if terms:
        found = found.filter(plan__child__search_name__contains=fold(terms))
    filters = PlanAuditFilter(query, found)
    return filters.qs, filters


def findings():
    return QualityAction.objects.select_related("criterion", "audit__plan__child", "assigned_to").order_by(
        "-audit__cycle", "criterion__order", "pk"
    )


def _audit_row(a):
    return [
        f"{a.cycle:%B %Y}",
        str(a.sample),
        a.plan.child.full_name,
        a.plan_version.number,
        _name(a.caseworker),
        _name(a.auditor),
        a.get_status_display(),
        a.get_overall_display(),
        CHECKS[a.checks_passed],
        a.submitted_at.date().isoformat() if a.submitted_at else "",
    ]


def _finding_row(a):
    return [
        f"{a.audit.cycle:%B %Y}",
        a.audit.plan.child.full_name,
        a.criterion.title,
        a.criterion.get_area_display(),
        a.get_grade_display(),
        a.finding,
        _name(a.assigned_to),
        a.due_on.isoformat(),
        a.get_status_display(),
        a.done_on.isoformat() if a.done_on else "",
        a.done_note,
    ]


@list_export(
    "quality.audits",
    title="plan audits",
    filename="plan-audits",
    permission="quality.export",
    headers=AUDIT_HEADERS,
)
def export_audits(user, query, terms, today):
    return audits(query, terms)[0], _audit_row


@list_export(
    "quality.findings",
    title="audit findings",
    filename="audit-findings",
    permission="quality.export",
    headers=FINDING_HEADERS,
)
def export_findings(user, query, terms, today):
    return findings(), _finding_row
