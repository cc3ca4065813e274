"""The only code that changes the quality assurance cycle: drawing samples, assigning and grading
audits, moderation and its resolution, and the actions findings become. Each refusal is a
QualityRefused with a plain-English message, and nothing is saved. Which step an audit may take in
its status is the catalogue's (quality.transitions); who may moderate is quality.rules'."""

import json
import random
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db import connection, transaction
from django.utils import timezone

from audit.models import Action
from audit.services import record
from casework.models import AssessmentCase
from clock import add_working_days, dates
from core.concurrency import save_versioned
from people.codelists import SocialCareStatus
from plans import checks
from plans.facts import facts_for_many
from plans.models import EHCPlan
from quality.models import (
    WEAK,
    ActionStatus,
    Audit,
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
from quality.rules import AUDITOR_ROLES, why_not_moderator, wrote_plan
from quality.transitions import TRANSITIONS, Step, why_not

ACTION_WORKING_DAYS = 20  # the area's own service level for acting on an audit finding
GRADES = {value for value, _label in Grade.choices}


class QualityRefused(ValueError):
    """A step the quality assurance rules do not allow (the form shows `message` against `field`)."""

    def __init__(self, message: str, field: str = ""):
        super().__init__(message)
        self.message = message
        self.field = field


def check_step(step: Step, obj) -> None:
    """Refuse `step` unless the catalogue allows it from `obj`'s status now."""
    refusal = why_not(step, obj)
    if refusal:
        raise QualityRefused(refusal)


def current_rubric() -> Rubric:
    rubric = Rubric.objects.filter(is_current=True).order_by("-created_at", "-pk").first()
    if rubric is None:
        raise QualityRefused("There is no audit tool to audit against. Load or create a rubric first")
    return rubric


# Sampling ----------------------------------------------------------------------------------------


def population(cycle: date, theme: str = "", value=None, include_audited: bool = False):
    """Current issued plans a sample is drawn from, as a queryset (nothing is fetched yet)."""
    plans = EHCPlan.objects.filter(latest_issued__isnull=False, ceased_on__isnull=True)
    if theme == Theme.IN_CARE:
        plans = plans.filter(child__social_care_status=SocialCareStatus.LOOKED_AFTER)
    elif theme == Theme.POST_16:
        plans = plans.filter(child__date_of_birth__lte=dates.latest_birth_date_for_age(16, cycle))
    elif theme == Theme.PRIMARY_NEED:
        plans = plans.filter(child__primary_need=value)
    elif theme == Theme.ISSUED_IN_MONTH:
        month = dates.month_start(value)
        plans = plans.filter(
            latest_issued__issued_on__gte=month,
            latest_issued__issued_on__lt=dates.month_after(month),
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
    cycle = dates.month_start(cycle)
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
    bulk_create would take a query per few dozen rows on SQLite). Its columns are the model's:
    each is taken from the plan, given here, or the field's own default, so a column Audit gains
    is filled as `Audit()` would fill it."""
    vendor = connection.vendor
    plan, case = EHCPlan._meta.db_table, AssessmentCase._meta.db_table
    now = timezone.now()
    from_plan = {
        "public_id": _UUID_SQL[vendor],  # one each: a default would give every row the same
        "plan_id": "p.id",
        "plan_version_id": "p.latest_issued_id",
        "caseworker_id": "c.caseworker_id",
    }
    given = {
        "sample_id": sample.pk,
        "cycle": sample.cycle,
        "rubric_id": rubric.pk,
        "created_at": now,
        "modified_at": now,
        "created_by_id": getattr(user, "pk", None),
    }
    columns, values, params = [], [], []
    for field in Audit._meta.concrete_fields:
        if field.primary_key:
            continue
        columns.append(connection.ops.quote_name(field.column))
        if field.attname in from_plan:
            values.append(from_plan[field.attname])
        else:
            value = given[field.attname] if field.attname in given else field.get_default()
            values.append("%s")
            params.append(field.get_db_prep_save(value, connection))
    sql = (
        f"INSERT INTO {Audit._meta.db_table} ({', '.join(columns)})"  # noqa: S608 - names from _meta, values are parameters
        f" SELECT {', '.join(values)}"
        f" FROM {plan} p LEFT JOIN {case} c ON c.id = p.case_id"
        f" WHERE p.id IN ({_IDS_SQL[vendor]}) ORDER BY p.id"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, json.dumps(plan_ids)])


def _record_checks(sample: Sample) -> None:
    """Whether each sampled plan version passed every automatic quality check (plans.checks), so the
    dashboard can set the checks beside the audit grade. A fixed number of queries however many."""

    versions = Audit.objects.filter(sample=sample).values_list("plan_version_id", flat=True)
    facts = facts_for_many(list(versions), dates.today())
    passed = [pk for pk, fact in facts.items() if not checks.findings(fact)]
    audits = Audit.objects.filter(sample=sample)
    audits.filter(plan_version_id__in=passed).update(checks_passed=True)
    audits.exclude(plan_version_id__in=passed).update(checks_passed=False)


# Audits ------------------------------------------------------------------------------------------


def assign(request, audit: Audit, auditor, user) -> Audit:
    if getattr(auditor, "role", "") not in AUDITOR_ROLES or not auditor.is_active:
        raise QualityRefused("Choose an auditor or a caseworker to audit this plan", "auditor")
    if wrote_plan(auditor, audit):
        raise QualityRefused(
            f"{auditor} wrote this plan or is its caseworker: choose someone else to audit it",
            "auditor",
        )
    check_step(Step.ASSIGN, audit)
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


def _own_audit(audit: Audit, user, step: Step) -> None:
    if audit.auditor_id != user.pk:
        raise QualityRefused("Only the auditor this audit is assigned to can grade it")
    check_step(step, audit)


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
    step = Step.SUBMIT if submit else Step.GRADE
    if submit and why_not(step, audit) and audit.auditor_id == user.pk:
        return audit
    _own_audit(audit, user, step)
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
            audit.status = TRANSITIONS[Step.SUBMIT].to
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
    refusal = why_not_moderator(user, audit)
    if refusal:
        raise QualityRefused(refusal)
    check_step(Step.MODERATE, audit)
    if Moderation.objects.filter(audit=audit).exists():
        raise QualityRefused(TRANSITIONS[Step.MODERATE].refusal)
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
        audit.status = TRANSITIONS[Step.MODERATE].to
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
    check_step(Step.RESOLVE, audit)
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
    audit.status = TRANSITIONS[Step.RESOLVE].to
    save_versioned(audit, audit.version, user)


# Actions -----------------------------------------------------------------------------------------


def complete_action(request, action: QualityAction, user, note: str) -> QualityAction:
    if not user.has_perm("quality.complete_action", action):
        raise QualityRefused("Only the caseworker this action is for, or a manager, can complete it")
    check_step(Step.COMPLETE_ACTION, action)
    note = (note or "").strip()
    if not note:
        raise QualityRefused("Enter what was done", "done_note")
    with transaction.atomic():
        claimed = QualityAction.objects.filter(pk=action.pk, status=ActionStatus.OPEN).update(
            status=TRANSITIONS[Step.COMPLETE_ACTION].to,
            done_on=timezone.localdate(),
            done_note=note,
            modified_by=user,
        )
        if not claimed:
            raise QualityRefused(TRANSITIONS[Step.COMPLETE_ACTION].refusal)
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
