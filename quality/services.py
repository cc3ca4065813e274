"""The only code that changes the quality assurance cycle: drawing samples, assigning and grading
audits, moderation and its resolution, and the actions findings become. Each refusal is a
QualityRefused with a plain-English message, and nothing is saved."""

import json
import random
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from dateutil.relativedelta import relativedelta
from django.db import connection, transaction
from django.utils import timezone

from audit.models import Action
from audit.services import record
from casework.models import AssessmentCase
from clock import add_working_days, dates
from core.concurrency import save_versioned
from plans import checks
from plans.facts import facts_for_many
from plans.models import EHCPlan, PlanVersion
from quality.models import (
    WEAK,
    ActionStatus,
    Audit,
    AuditStatus,
    Criterion,
    CriterionGrade,
    Grade,
    ModeratedGrade,
    Moderation,
    QualityAction,
    Rubric,
    Sample,
    SampleKind,
    Theme,
)

ACTION_WORKING_DAYS = 20  # the area's own service level for acting on an audit finding
AUDITOR_ROLES = ("auditor", "caseworker", "manager")
GRADES = {value for value, _label in Grade.choices}


class QualityRefused(ValueError):
    """A step the quality assurance rules do not allow (the form shows `message` against `field`)."""

    def __init__(self, message: str, field: str = ""):
        super().__init__(message)
        self.message = message
        self.field = field


def current_rubric() -> Rubric:
    rubric = Rubric.objects.filter(is_current=True).order_by("-created_at", "-pk").first()
    if rubric is None:
        raise QualityRefused("There is no audit tool to audit against. Load or create a rubric first")
    return rubric


def first_of_month(day: date) -> date:
    return day.replace(day=1)


# Sampling ----------------------------------------------------------------------------------------


def population(cycle: date, theme: str = "", value=None, include_audited: bool = False):
    """Current issued plans a sample is drawn from, as a queryset (nothing is fetched yet)."""
    plans = EHCPlan.objects.filter(latest_issued__isnull=False, ceased_on__isnull=True)
    if theme == Theme.IN_CARE:
        plans = plans.filter(child__social_care_status="LAC")
    elif theme == Theme.POST_16:
        plans = plans.filter(child__date_of_birth__lte=cycle - relativedelta(years=16))
    elif theme == Theme.PRIMARY_NEED:
        plans = plans.filter(child__primary_need=value)
    elif theme == Theme.ISSUED_IN_MONTH:
        month = first_of_month(value)
        plans = plans.filter(
            latest_issued__issued_on__gte=month,
            latest_issued__issued_on__lt=month + relativedelta(months=1),
        )
    elif theme == Theme.CASEWORKER:
        plans = plans.filter(case__caseworker_id=value)
    if not include_audited:
        plans = plans.exclude(pk__in=Audit.objects.filter(cycle=cycle).values("plan_id"))
    return plans


def _check_sample(kind, theme, value, percentage, size):
    if kind not in SampleKind.values:
        raise QualityRefused("Choose a monthly random sample or a thematic sample", "kind")
    if kind == SampleKind.THEMATIC and theme not in Theme.values:
        raise QualityRefused("Choose a theme for the thematic sample", "theme")
    if theme in (Theme.PRIMARY_NEED, Theme.ISSUED_IN_MONTH, Theme.CASEWORKER) and not value:
        label = {
            Theme.PRIMARY_NEED: "a primary need",
            Theme.ISSUED_IN_MONTH: "the month the plans were issued in",
            Theme.CASEWORKER: "the caseworker",
        }[theme]
        raise QualityRefused(f"Choose {label}", "value")
    if (percentage is None) == (size is None):
        raise QualityRefused("Enter either a percentage of plans or a number of plans", "percentage")
    if percentage is not None and not (0 < Decimal(percentage) <= 100):
        raise QualityRefused("Enter a percentage between 0.01 and 100", "percentage")
    if size is not None and size < 1:
        raise QualityRefused("Enter a number of plans of 1 or more", "size")


def draw_sample(
    request,
    user,
    *,
    cycle: date,
    kind: str,
    theme: str = "",
    value=None,
    percentage=None,
    size: int | None = None,
    seed: int | None = None,
    include_audited: bool = False,
) -> Sample:
    """Draw and record a sample: the same cycle, parameters and seed always pick the same plans.

    Constant queries whatever the number of plans: one to read the population's ids, one to save
    the sample and one to insert its audits.
    """
    theme = theme if kind == SampleKind.THEMATIC else ""
    _check_sample(kind, theme, value, percentage, size)
    cycle = first_of_month(cycle)
    rubric = current_rubric()
    seed = seed if seed is not None else random.SystemRandom().randrange(2**31)
    rows = sorted(population(cycle, theme, value, include_audited).values_list("pk", flat=True))
    if percentage is not None:
        wanted = int((Decimal(len(rows)) * Decimal(percentage) / 100).quantize(0, ROUND_HALF_UP))
        wanted = max(wanted, 1) if rows else 0
    else:
        wanted = size
    chosen = random.Random(seed).sample(rows, min(wanted, len(rows)))
    if not chosen:
        raise QualityRefused("No plans match this sample: change the theme or include audited plans")
    value_text = value.isoformat() if isinstance(value, date) else value
    with transaction.atomic():
        sample = Sample.objects.create(
            cycle=cycle,
            kind=kind,
            theme=theme,
            percentage=percentage,
            size=size,
            seed=seed,
            parameters={"value": value_text} if value_text not in (None, "") else {},
            include_audited=include_audited,
            population=len(rows),
            drawn_by=user,
            created_by=user,
        )
        _insert_audits(sample, rubric, sorted(chosen), user)
        _record_checks(sample)
        record(
            request,
            Action.CREATE,
            obj=sample,
            user=user,
            summary=f"Drew a sample of {len(chosen)} of {len(rows)} plans: {sample}",
            seed=seed,
        )
    return sample


_UUID_SQL = {
    "postgresql": "gen_random_uuid()",
    "sqlite": "lower(hex(randomblob(16)))",  # Django keeps a UUID as 32 hex digits on SQLite
}
_IDS_SQL = {
    "postgresql": "SELECT value::bigint FROM jsonb_array_elements_text(%s::jsonb)",
    "sqlite": "SELECT value FROM json_each(%s)",
}


def _insert_audits(sample: Sample, rubric: Rubric, plan_ids: list[int], user) -> None:
    """One INSERT ... SELECT for every audit of the sample, however many plans it holds (a
    bulk_create would take a query per few dozen rows on SQLite)."""
    vendor = connection.vendor
    audit, plan, case = Audit._meta.db_table, EHCPlan._meta.db_table, AssessmentCase._meta.db_table
    now = timezone.now()
    sql = (
        f"INSERT INTO {audit} (public_id, sample_id, cycle, plan_id, plan_version_id, caseworker_id,"  # noqa: S608 - table names from _meta, values are parameters
        " rubric_id, status, overall, family_voice, young_person_voice, version, created_at,"
        " modified_at, created_by_id)"
        f" SELECT {_UUID_SQL[vendor]}, %s, %s, p.id, p.latest_issued_id, c.caseworker_id, %s, %s,"
        " '', '', '', 1, %s, %s, %s"
        f" FROM {plan} p LEFT JOIN {case} c ON c.id = p.case_id"
        f" WHERE p.id IN ({_IDS_SQL[vendor]}) ORDER BY p.id"
    )
    params = [
        sample.pk,
        sample.cycle,
        rubric.pk,
        AuditStatus.ASSIGNED,
        now,
        now,
        getattr(user, "pk", None),
        json.dumps(plan_ids),
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def _record_checks(sample: Sample) -> None:
    """Whether each sampled plan version passed every automatic quality check (plans.checks), so the
    dashboard can set the checks beside the audit grade. A fixed number of queries however many."""

    versions = PlanVersion.objects.filter(
        pk__in=Audit.objects.filter(sample=sample).values("plan_version_id")
    )
    facts = facts_for_many(versions, dates.today())
    passed = [pk for pk, fact in facts.items() if not checks.findings(fact)]
    audits = Audit.objects.filter(sample=sample)
    audits.filter(plan_version_id__in=passed).update(checks_passed=True)
    audits.exclude(plan_version_id__in=passed).update(checks_passed=False)


# Audits ------------------------------------------------------------------------------------------


def wrote_plan(user, audit: Audit) -> bool:
    """Whether `user` wrote the plan version being audited or is the plan's caseworker."""
    version = audit.plan_version
    return user.pk in {version.created_by_id, audit.caseworker_id}


def assign(request, audit: Audit, auditor, user) -> Audit:
    if getattr(auditor, "role", "") not in AUDITOR_ROLES or not auditor.is_active:
        raise QualityRefused("Choose an auditor or a caseworker to audit this plan", "auditor")
    if wrote_plan(auditor, audit):
        raise QualityRefused(
            f"{auditor} wrote this plan or is its caseworker: choose someone else to audit it",
            "auditor",
        )
    if audit.status != AuditStatus.ASSIGNED:
        raise QualityRefused("This audit has been submitted: it cannot be given to someone else")
    with transaction.atomic():
        audit.auditor = auditor
        save_versioned(audit, audit.version, user)
        record(
            request,
            Action.UPDATE,
            child=audit.plan.child,
            obj=audit,
            user=user,
            summary=f"Assigned a plan audit to {auditor}",
        )
    return audit


def _clean_grades(criteria, grades: dict, require_all: bool) -> dict:
    cleaned = {}
    for criterion in criteria:
        grade, comment = grades.get(criterion.pk, ("", ""))
        grade = (grade or "").strip()
        if grade and grade not in GRADES:
            raise QualityRefused(f"Choose a grade for {criterion.title}", f"grade_{criterion.pk}")
        if require_all and not grade:
            raise QualityRefused(f"Choose a grade for {criterion.title}", f"grade_{criterion.pk}")
        cleaned[criterion.pk] = (grade, (comment or "").strip())
    return cleaned


def _own_audit(audit: Audit, user) -> None:
    if audit.auditor_id != user.pk:
        raise QualityRefused("Only the auditor this audit is assigned to can grade it")
    if audit.status != AuditStatus.ASSIGNED:
        raise QualityRefused("This audit has been submitted: its grades cannot be changed")


def save_audit(
    request,
    audit: Audit,
    user,
    expected_version: int,
    grades: dict,
    overall: str = "",
    family_voice: str = "",
    young_person_voice: str = "",
    submit: bool = False,
) -> Audit:
    """Save the auditor's grades ({criterion pk: (grade, comment)}) and, with `submit`, submit.

    A submit with any criterion or the overall grade ungraded is refused; a submit of an audit
    already submitted (a double click) changes nothing and creates no second set of actions.
    """
    if submit and audit.status != AuditStatus.ASSIGNED and audit.auditor_id == user.pk:
        return audit
    _own_audit(audit, user)
    if wrote_plan(user, audit):
        raise QualityRefused("You wrote this plan or are its caseworker: you cannot audit it")
    criteria = list(audit.rubric.criteria.all())
    cleaned = _clean_grades(criteria, grades, require_all=submit)
    overall = (overall or "").strip()
    if overall and overall not in GRADES or submit and not overall:
        raise QualityRefused("Choose an overall grade for the plan", "overall")
    now = timezone.now()
    with transaction.atomic():
        audit.overall = overall
        audit.family_voice = family_voice.strip()
        audit.young_person_voice = young_person_voice.strip()
        if submit:
            audit.status = AuditStatus.SUBMITTED
            audit.submitted_at = now
        save_versioned(audit, expected_version, user)
        CriterionGrade.objects.filter(audit=audit).delete()
        CriterionGrade.objects.bulk_create(
            CriterionGrade(
                audit=audit,
                criterion_id=pk,
                grade=grade,
                comment=comment,
                agreed=grade if submit else "",
            )
            for pk, (grade, comment) in cleaned.items()
        )
        if submit:
            _sync_actions(audit, {pk: (g, c) for pk, (g, c) in cleaned.items()}, now)
        record(
            request,
            Action.UPDATE,
            child=audit.plan.child,
            obj=audit,
            user=user,
            summary="Submitted a plan audit" if submit else "Saved a plan audit",
        )
    return audit


def _sync_actions(audit: Audit, agreed: dict, now) -> None:
    """Each weak criterion has an open action for the plan's caseworker; a criterion no longer weak
    after moderation has its open action withdrawn."""
    existing = {a.criterion_id: a for a in QualityAction.objects.filter(audit=audit)}
    due = add_working_days(timezone.localdate(now), ACTION_WORKING_DAYS)
    new, withdrawn = [], []
    for pk, (grade, comment) in agreed.items():
        action = existing.get(pk)
        if grade in WEAK and action is None:
            new.append(
                QualityAction(
                    audit=audit,
                    criterion_id=pk,
                    grade=grade,
                    finding=comment,
                    assigned_to_id=audit.caseworker_id,
                    due_on=due,
                )
            )
        elif grade not in WEAK and action is not None and action.status == ActionStatus.OPEN:
            withdrawn.append(action.pk)
        elif grade in WEAK and action is not None and action.grade != grade:
            QualityAction.objects.filter(pk=action.pk).update(grade=grade)
    QualityAction.objects.bulk_create(new)
    if withdrawn:
        QualityAction.objects.filter(pk__in=withdrawn).update(status=ActionStatus.WITHDRAWN)


# Moderation --------------------------------------------------------------------------------------

# The key of the overall grade among a resolution's disagreements (the others are criterion pks).
OVERALL = "overall"


def moderate(request, audit: Audit, user, grades: dict, overall: str = "") -> Moderation:
    """A second auditor's grades of a submitted audit, criteria and overall; any difference waits to
    be resolved."""
    if audit.auditor_id == user.pk:
        raise QualityRefused("You audited this plan: a different auditor must moderate it")
    if wrote_plan(user, audit):
        raise QualityRefused("You wrote this plan or are its caseworker: you cannot moderate it")
    if audit.status != AuditStatus.SUBMITTED or Moderation.objects.filter(audit=audit).exists():
        raise QualityRefused("Only a submitted audit that has not been moderated can be moderated")
    criteria = list(audit.rubric.criteria.all())
    cleaned = _clean_grades(criteria, grades, require_all=True)
    overall = (overall or "").strip()
    if overall not in GRADES:
        raise QualityRefused("Choose an overall grade for the plan", "overall")
    first = {g.criterion_id: g.grade for g in audit.grades.all()}
    with transaction.atomic():
        moderation = Moderation.objects.create(
            audit=audit,
            moderator=user,
            submitted_at=timezone.now(),
            created_by=user,
            first_overall=audit.overall,
            overall=overall,
            agreed_overall=overall if overall == audit.overall else "",
        )
        ModeratedGrade.objects.bulk_create(
            ModeratedGrade(
                moderation=moderation,
                criterion_id=pk,
                grade=grade,
                comment=comment,
                agreed=grade if grade == first.get(pk) else "",
            )
            for pk, (grade, comment) in cleaned.items()
        )
        audit.status = AuditStatus.MODERATING
        save_versioned(audit, audit.version, user)
        record(
            request,
            Action.CREATE,
            child=audit.plan.child,
            obj=moderation,
            user=user,
            summary="Moderated a plan audit",
        )
        if not has_disagreements(moderation):
            _agree(audit, moderation, user, {})
    return moderation


def disagreements(moderation: Moderation) -> list[ModeratedGrade]:
    return [g for g in moderation.grades.all() if not g.agreed]


def overall_disagrees(moderation: Moderation) -> bool:
    return not moderation.agreed_overall


def has_disagreements(moderation: Moderation) -> bool:
    return overall_disagrees(moderation) or bool(disagreements(moderation))


def resolve(request, moderation: Moderation, user, resolutions: dict) -> Moderation:
    """Settle each disagreement ({criterion pk: (agreed grade, reason)}, and {OVERALL: (agreed grade,
    reason)} when the overall grades differ); the agreed grade stands."""
    audit = moderation.audit
    if audit.status != AuditStatus.MODERATING:
        raise QualityRefused("This moderation has already been resolved")
    cleaned = {}
    if overall_disagrees(moderation):
        grade, reason = resolutions.get(OVERALL, ("", ""))
        if grade not in GRADES:
            raise QualityRefused("Choose the agreed overall grade for the plan", "agreed_overall")
        if not (reason or "").strip():
            raise QualityRefused("Enter why the overall grade for the plan was agreed", "reason_overall")
        cleaned[OVERALL] = (grade, reason.strip())
    for row in disagreements(moderation):
        grade, reason = resolutions.get(row.criterion_id, ("", ""))
        title = row.criterion.title
        if grade not in GRADES:
            raise QualityRefused(f"Choose the agreed grade for {title}", f"agreed_{row.criterion_id}")
        if not (reason or "").strip():
            raise QualityRefused(f"Enter why the grade for {title} was agreed", f"reason_{row.criterion_id}")
        cleaned[row.criterion_id] = (grade, reason.strip())
    with transaction.atomic():
        _agree(audit, moderation, user, cleaned)
        record(
            request,
            Action.UPDATE,
            child=audit.plan.child,
            obj=moderation,
            user=user,
            summary=f"Resolved {len(cleaned)} disagreements in a plan audit",
        )
    return moderation


def _agree(audit, moderation, user, cleaned: dict) -> None:
    now = timezone.now()
    cleaned = dict(cleaned)
    if OVERALL in cleaned:
        moderation.agreed_overall, moderation.overall_reason = cleaned.pop(OVERALL)
    # The agreed overall grade stands on the audit (what the measures count); the first is on moderation.
    audit.overall = moderation.agreed_overall
    for pk, (grade, reason) in cleaned.items():
        ModeratedGrade.objects.filter(moderation=moderation, criterion_id=pk).update(
            agreed=grade, reason=reason
        )
    agreed = {g.criterion_id: (g.agreed, g.comment) for g in moderation.grades.all()}
    auditor_grades = {g.criterion_id: g for g in audit.grades.all()}
    for pk, (grade, _comment) in agreed.items():
        row = auditor_grades.get(pk)
        if row is not None and row.agreed != grade:
            CriterionGrade.objects.filter(pk=row.pk).update(agreed=grade)
    findings = {
        pk: (grade, auditor_grades[pk].comment if pk in auditor_grades else comment)
        for pk, (grade, comment) in agreed.items()
    }
    _sync_actions(audit, findings, now)
    moderation.resolved_at = now
    moderation.resolved_by = user
    moderation.save(update_fields=["resolved_at", "resolved_by", "agreed_overall", "overall_reason"])
    audit.status = AuditStatus.AGREED
    save_versioned(audit, audit.version, user)


# Actions -----------------------------------------------------------------------------------------


def complete_action(request, action: QualityAction, user, note: str) -> QualityAction:
    if action.assigned_to_id != user.pk and getattr(user, "role", "") != "manager":
        raise QualityRefused("Only the caseworker this action is for, or a manager, can complete it")
    if action.status != ActionStatus.OPEN:
        raise QualityRefused("This action is already closed")
    note = (note or "").strip()
    if not note:
        raise QualityRefused("Enter what was done", "done_note")
    with transaction.atomic():
        claimed = QualityAction.objects.filter(pk=action.pk, status=ActionStatus.OPEN).update(
            status=ActionStatus.DONE, done_on=timezone.localdate(), done_note=note, modified_by=user
        )
        if not claimed:
            raise QualityRefused("This action is already closed")
        action.refresh_from_db()
        record(
            request,
            Action.UPDATE,
            child=action.audit.plan.child,
            obj=action,
            user=user,
            summary=f"Completed a quality action: {action.criterion.title}",
        )
    return action


# Rubrics -----------------------------------------------------------------------------------------


def revise_rubric(request, rubric: Rubric, user, expected_number: int, changes: dict) -> Rubric:
    """Save the edited criteria ({criterion pk: (title, guidance)}) as the rubric's next version.

    The old version stays as it was, so audits made on it keep the criteria they were graded on;
    an edit of a version that is no longer current (someone saved a newer one) is refused.
    """
    if not rubric.is_current or rubric.number != expected_number:
        raise QualityRefused(
            "Someone saved a newer version of this audit tool after you opened it. Your changes have "
            "not been saved. Reload the page to see the latest version."
        )
    criteria = list(rubric.criteria.all())
    for criterion in criteria:
        title, guidance = changes.get(criterion.pk, (criterion.title, criterion.guidance))
        if not title.strip():
            raise QualityRefused(
                f"Enter a title for the criterion on {criterion.get_area_display()}", f"title_{criterion.pk}"
            )
        if not guidance.strip():
            raise QualityRefused(
                f"Enter what good looks like for {criterion.get_area_display()}", f"guidance_{criterion.pk}"
            )
    if all(changes.get(c.pk, (c.title, c.guidance)) == (c.title, c.guidance) for c in criteria):
        raise QualityRefused("You have not changed anything: there is no new version to save")
    with transaction.atomic():
        claimed = Rubric.objects.filter(pk=rubric.pk, is_current=True, number=expected_number).update(
            is_current=False
        )
        if not claimed:
            raise QualityRefused("Someone saved a newer version of this audit tool after you opened it")
        new = Rubric.objects.create(
            name=rubric.name, number=rubric.number + 1, is_current=True, created_by=user
        )
        Criterion.objects.bulk_create(
            Criterion(
                rubric=new,
                order=c.order,
                area=c.area,
                title=changes.get(c.pk, (c.title, c.guidance))[0].strip(),
                guidance=changes.get(c.pk, (c.title, c.guidance))[1].strip(),
            )
            for c in criteria
        )
        record(request, Action.UPDATE, obj=new, user=user, summary=f"Saved {new} of the audit tool")
    return new
