"""Read-only measures of the audit cycle: the share of audited plans graded good or better,
overall, per section, per contributing agency, per caseworker and by month. Constant queries:
each breakdown is one aggregate query, whatever the number of audits."""

from dataclasses import dataclass

from django.db.models import Count, Q

from clock import dates
from quality.models import AGENCY_AREAS, GOOD_OR_BETTER, WEAK, Audit, AuditStatus, CriterionGrade

DONE = (AuditStatus.SUBMITTED, AuditStatus.MODERATING, AuditStatus.AGREED)


@dataclass(frozen=True)
class Share:
    label: str
    good: int
    total: int

    @property
    def percent(self) -> float | None:
        return round(100 * self.good / self.total, 1) if self.total else None


def _audits(since=None, until=None):
    audits = Audit.objects.filter(status__in=DONE)
    if since:
        audits = audits.filter(cycle__gte=since)
    if until:
        audits = audits.filter(cycle__lte=until)
    return audits


def _shares(rows, key, label=None) -> list[Share]:
    return [Share((label or str)(row[key]), row["good"], row["total"]) for row in rows]


def overall(since=None, until=None) -> Share:
    row = _audits(since, until).aggregate(
        good=Count("pk", filter=Q(overall__in=GOOD_OR_BETTER)), total=Count("pk")
    )
    return Share("All audited plans", row["good"], row["total"])


def by_month(since=None, until=None) -> list[Share]:
    rows = (
        _audits(since, until)
        .values("cycle")
        .annotate(good=Count("pk", filter=Q(overall__in=GOOD_OR_BETTER)), total=Count("pk"))
        .order_by("cycle")
    )
    return _shares(rows, "cycle", lambda cycle: f"{cycle:%B %Y}")


def by_month_start(since, until) -> dict:
    """Audit month (its first day) -> Share, for the KPI framework (performance/sources.py)."""
    rows = (
        _audits(dates.month_start(since), until)
        .values("cycle")
        .annotate(good=Count("pk", filter=Q(overall__in=GOOD_OR_BETTER)), total=Count("pk"))
    )
    return {row["cycle"]: Share(f"{row['cycle']:%B %Y}", row["good"], row["total"]) for row in rows}


def by_caseworker(since=None, until=None) -> list[Share]:
    rows = (
        _audits(since, until)
        .values("caseworker__first_name", "caseworker__last_name")
        .annotate(good=Count("pk", filter=Q(overall__in=GOOD_OR_BETTER)), total=Count("pk"))
        .order_by("caseworker__last_name", "caseworker__first_name")
    )
    return [
        Share(
            f"{row['caseworker__first_name']} {row['caseworker__last_name']}".strip()
            if row["caseworker__last_name"]
            else "No caseworker",
            row["good"],
            row["total"],
        )
        for row in rows
    ]


def _by_area(agency: bool, since=None, until=None) -> list[Share]:
    grades = CriterionGrade.objects.filter(audit__in=_audits(since, until)).exclude(agreed="")
    if agency:
        grades = grades.filter(criterion__area__in=AGENCY_AREAS)
    else:
        grades = grades.exclude(criterion__area__in=AGENCY_AREAS)
    rows = (
        grades.values("criterion__area", "criterion__title")
        .annotate(good=Count("pk", filter=Q(agreed__in=GOOD_OR_BETTER)), total=Count("pk"))
        .order_by("criterion__area", "criterion__title")
    )
    return _shares(rows, "criterion__title")


def by_section(since=None, until=None) -> list[Share]:
    """The agreed grade of each plan-section criterion (after moderation where there was one)."""
    return _by_area(False, since, until)


def by_agency(since=None, until=None) -> list[Share]:
    return _by_area(True, since, until)


CHECK_LABELS = {
    True: "Passed every automatic check",
    False: "Failed at least one automatic check",
    None: "Not checked when sampled",
}


def checks_against_grade(since=None, until=None) -> list[Share]:
    """Audited plans good or better, split by whether they passed the automatic checks when sampled:
    if the checks predict the audit grade, the first share is far above the second. One query."""
    rows = {
        row["checks_passed"]: row
        for row in _audits(since, until)
        .values("checks_passed")
        .annotate(good=Count("pk", filter=Q(overall__in=GOOD_OR_BETTER)), total=Count("pk"))
    }
    return [
        Share(label, rows[key]["good"], rows[key]["total"])
        for key, label in CHECK_LABELS.items()
        if key in rows
    ]


def checks_pass_rate(shares: list[Share]) -> Share:
    """Of the audited plans, how many passed every automatic check (from checks_against_grade)."""
    passed = sum(s.total for s in shares if s.label == CHECK_LABELS[True])
    checked = sum(s.total for s in shares if s.label != CHECK_LABELS[None])
    return Share("Passed every automatic check", passed, checked)


def repeated_weaknesses(since=None, until=None, at_least: int = 2) -> list[Share]:
    """Criteria graded requires improvement or inadequate (agreed) in `at_least` audits or more:
    `good` is the number of weak grades, `total` the number of audits graded on that criterion."""
    rows = (
        CriterionGrade.objects.filter(audit__in=_audits(since, until))
        .exclude(agreed="")
        .values("criterion__area", "criterion__title")
        .annotate(weak=Count("pk", filter=Q(agreed__in=WEAK)), total=Count("pk"))
        .filter(weak__gte=at_least)
        .order_by("-weak", "criterion__area")
    )
    return [Share(row["criterion__title"], row["weak"], row["total"]) for row in rows]
