"""Demo data: three months of the audit cycle. Each past month has a monthly random sample graded by
the demo auditors (mostly good, some findings for the caseworkers); this month has a random sample
and a thematic one of children in care, some of it given to the demo auditor persona to do, and one
moderated audit with a disagreement waiting for the manager. KPI 2.5's figures are then counted
(performance.demo.measured_later)."""

from dateutil.relativedelta import relativedelta

from quality import services
from quality.data import rubric as default_rubric
from quality.models import Audit, AuditStatus, Grade, SampleKind, Theme

PAST_MONTHS = 3
PER_SAMPLE = 6  # plans a month: enough to show figures, few enough to keep the demo quick
COMMENTS = {
    Grade.OUTSTANDING: "Written with the family; specific, and every need is met",
    Grade.GOOD: "Clear and specific",
    Grade.REQUIRES_IMPROVEMENT: "Too general: say who does what, how often and for how long",
    Grade.INADEQUATE: "Missing or copied from the advice without saying what it means for the child",
}


def _grade(rng) -> str:
    return rng.choices(list(COMMENTS), weights=[2, 12, 4, 1])[0]


def _grade_all(audit, rng) -> tuple[dict, str]:
    grades = {}
    for criterion in audit.rubric.criteria.all():
        grade = _grade(rng)
        grades[criterion.pk] = (grade, COMMENTS[grade])
    weak = sum(g in (Grade.REQUIRES_IMPROVEMENT, Grade.INADEQUATE) for g, _ in grades.values())
    overall = Grade.GOOD if weak <= 2 else Grade.REQUIRES_IMPROVEMENT
    return grades, overall


def _submit(audit, auditor, manager, rng) -> Audit:
    services.assign(None, audit, auditor, manager)
    audit.refresh_from_db()
    grades, overall = _grade_all(audit, rng)
    return services.save_audit(None, audit, auditor, audit.version, grades, overall, submit=True)


def build(context):
    users, accounts = context.data.get("users", {}), context.data.get("accounts", {})
    manager, auditor = users.get("manager"), users.get("auditor")
    if manager is None or auditor is None:
        return {"plan audits": 0}
    rng = context.rng
    default_rubric.load()
    auditors = [a for a in accounts.get("auditor", [auditor]) if a.is_active] or [auditor]
    this_month = context.today.replace(day=1)
    submitted = 0
    for back in range(PAST_MONTHS, 0, -1):
        cycle = this_month - relativedelta(months=back)
        try:
            sample = services.draw_sample(
                None, manager, cycle=cycle, kind=SampleKind.RANDOM, size=PER_SAMPLE, seed=rng.randrange(2**31)
            )
        except services.QualityRefused:
            continue
        for audit in sample.audits.select_related("plan_version").order_by("pk"):
            _submit(audit, rng.choice(auditors), manager, rng)
            submitted += 1
    current = _this_month(context, manager, auditor, auditors, rng, this_month)
    # KPI 2.5's history is counted from these audits by performance.demo.measured_later.
    return {"plan audits submitted": submitted + current["submitted"], "plan audits to do": current["to do"]}


def _this_month(context, manager, auditor, auditors, rng, this_month) -> dict:
    counts = {"submitted": 0, "to do": 0}
    samples = []
    for kind, theme in ((SampleKind.RANDOM, ""), (SampleKind.THEMATIC, Theme.IN_CARE)):
        try:
            samples.append(
                services.draw_sample(
                    None,
                    manager,
                    cycle=this_month,
                    kind=kind,
                    theme=theme,
                    size=PER_SAMPLE // 2,
                    seed=rng.randrange(2**31),
                )
            )
        except services.QualityRefused:
            continue
    audits = [a for s in samples for a in s.audits.order_by("pk")]
    others = [a for a in auditors if a.pk != auditor.pk] or [manager]
    for index, audit in enumerate(audits):
        if index % 2 == 0:  # the demo auditor's own work this month
            services.assign(None, audit, auditor, manager)
            counts["to do"] += 1
            continue
        done = _submit(audit, others[index % len(others)], manager, rng)
        counts["submitted"] += 1
        if counts["submitted"] == 1 and done.status == AuditStatus.SUBMITTED:
            _moderate_with_a_disagreement(done, auditor, rng)
    return counts


def _moderate_with_a_disagreement(audit, moderator, rng) -> None:
    """The demo auditor moderates one audit and disagrees on its first criterion."""
    first = {g.criterion_id: g.grade for g in audit.grades.all()}
    grades = {}
    for index, criterion in enumerate(audit.rubric.criteria.all()):
        grade = first[criterion.pk]
        if index == 0:
            grade = Grade.REQUIRES_IMPROVEMENT if grade in (Grade.GOOD, Grade.OUTSTANDING) else Grade.GOOD
        grades[criterion.pk] = (grade, COMMENTS[grade])
    services.moderate(None, audit, moderator, grades, audit.overall)  # agrees on the overall grade
