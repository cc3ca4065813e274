"""The quality assurance cycle: rubrics (versioned), samples of issued plans, audits of one plan
version against one rubric version, moderation by a second auditor, and the actions that findings
become for the plan's caseworker."""

import uuid

from django.conf import settings
from django.db import models

from core.models import TimeStampedModel, VersionedModel


class Grade(models.TextChoices):
    OUTSTANDING = "outstanding", "Outstanding"
    GOOD = "good", "Good"
    REQUIRES_IMPROVEMENT = "requires_improvement", "Requires improvement"
    INADEQUATE = "inadequate", "Inadequate"


GOOD_OR_BETTER = (Grade.OUTSTANDING, Grade.GOOD)
WEAK = (Grade.REQUIRES_IMPROVEMENT, Grade.INADEQUATE)


class Area(models.TextChoices):
    """What a criterion looks at: a plan section (A-K) or an agency's contribution."""

    A = "A", "Section A: views, interests and aspirations"
    B = "B", "Section B: special educational needs"
    C = "C", "Section C: health needs"
    D = "D", "Section D: social care needs"
    E = "E", "Section E: outcomes"
    F = "F", "Section F: special educational provision"
    G = "G", "Section G: health provision"
    H = "H", "Section H: social care provision"
    I = "I", "Section I: placement"  # noqa: E741 - the statutory section letter
    J = "J", "Section J: personal budget"
    K = "K", "Section K: advice and information"
    EDUCATION = "education", "Education contribution"
    HEALTH = "health", "Health contribution"
    SOCIAL_CARE = "social_care", "Social care contribution"


AGENCY_AREAS = (Area.EDUCATION, Area.HEALTH, Area.SOCIAL_CARE)


class Rubric(TimeStampedModel):
    """One version of the audit tool. Editing makes a new version; audits keep the one they used."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(max_length=200)
    number = models.PositiveSmallIntegerField("Version", default=1)
    is_current = models.BooleanField(default=False)

    class Meta:
        ordering = ["name", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["name", "number"], name="one_rubric_per_version"),
            models.UniqueConstraint(
                fields=["name"], condition=models.Q(is_current=True), name="one_current_rubric"
            ),
        ]

    def __str__(self):
        return f"{self.name} (version {self.number})"


class Criterion(models.Model):
    rubric = models.ForeignKey(Rubric, on_delete=models.PROTECT, related_name="criteria")
    order = models.PositiveSmallIntegerField(default=0)
    area = models.CharField(max_length=12, choices=Area.choices)
    title = models.CharField(max_length=200)
    guidance = models.TextField("What good looks like")

    class Meta:
        ordering = ["rubric", "order", "pk"]

    def __str__(self):
        return self.title


class SampleKind(models.TextChoices):
    RANDOM = "random", "Monthly random sample"
    THEMATIC = "thematic", "Thematic sample"


class Theme(models.TextChoices):
    IN_CARE = "in_care", "Children in care"
    POST_16 = "post_16", "Young people over 16"
    PRIMARY_NEED = "primary_need", "One primary need"
    ISSUED_IN_MONTH = "issued_in_month", "Plans issued in one month"
    CASEWORKER = "caseworker", "One caseworker's plans"


class Sample(TimeStampedModel):
    """A drawn sample, recorded with how it was drawn so the same draw can be repeated."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    cycle = models.DateField("Audit month (first day)", db_index=True)
    kind = models.CharField(max_length=10, choices=SampleKind.choices)
    theme = models.CharField(max_length=20, choices=Theme.choices, blank=True)
    percentage = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    size = models.PositiveIntegerField("Number of plans", null=True, blank=True)
    seed = models.BigIntegerField()
    # The theme's value (a primary need code, a month, a caseworker's id) and anything else used.
    parameters = models.JSONField(default=dict, blank=True)
    include_audited = models.BooleanField("Include plans already audited this month", default=False)
    population = models.PositiveIntegerField(default=0)
    drawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-cycle", "-pk"]

    def __str__(self):
        label = self.get_theme_display() if self.theme else self.get_kind_display()
        return f"{label}, {self.cycle:%B %Y}"


class AuditStatus(models.TextChoices):
    ASSIGNED = "assigned", "Assigned"
    SUBMITTED = "submitted", "Submitted"
    MODERATING = "moderating", "Being moderated"
    AGREED = "agreed", "Agreed"


class Audit(VersionedModel):
    """One auditor's audit of one plan version against one rubric version."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sample = models.ForeignKey(Sample, on_delete=models.PROTECT, related_name="audits")
    cycle = models.DateField(db_index=True)
    plan_version = models.ForeignKey("plans.PlanVersion", on_delete=models.PROTECT, related_name="+")
    plan = models.ForeignKey("plans.EHCPlan", on_delete=models.PROTECT, related_name="+")
    rubric = models.ForeignKey(Rubric, on_delete=models.PROTECT, related_name="audits")
    auditor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The plan's caseworker when it was sampled: findings become their actions; measures by team.
    caseworker = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(
        max_length=12, choices=AuditStatus.choices, default=AuditStatus.ASSIGNED, db_index=True
    )
    overall = models.CharField("Overall grade", max_length=20, choices=Grade.choices, blank=True)
    family_voice = models.TextField("What the family said", blank=True)
    young_person_voice = models.TextField("What the child or young person said", blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    # Passed every automatic check (plans/checks.py) when sampled, to compare with the grade.
    checks_passed = models.BooleanField(null=True)

    class Meta:
        ordering = ["-cycle", "pk"]
        indexes = [models.Index(fields=["auditor", "status"])]

    def __str__(self):
        return f"Audit of plan version {self.plan_version_id} ({self.cycle:%B %Y})"


class CriterionGrade(models.Model):
    """The auditor's grade of one criterion; `agreed` is the grade that stands after moderation."""

    audit = models.ForeignKey(Audit, on_delete=models.CASCADE, related_name="grades")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    grade = models.CharField(max_length=20, choices=Grade.choices, blank=True)
    comment = models.TextField(blank=True)
    agreed = models.CharField(max_length=20, choices=Grade.choices, blank=True)

    class Meta:
        ordering = ["criterion__order", "pk"]
        constraints = [models.UniqueConstraint(fields=["audit", "criterion"], name="one_grade_per_criterion")]

    def __str__(self):
        return f"{self.criterion}: {self.get_grade_display() or 'not graded'}"


class Moderation(TimeStampedModel):
    """A second auditor's look at a submitted audit; disagreements are resolved with a reason."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    audit = models.OneToOneField(Audit, on_delete=models.CASCADE, related_name="moderation")
    moderator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(null=True, blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The overall grade: Audit.overall is the one that stands (and that the measures count); the first
    # auditor's own overall grade is kept here, as the criteria's first grades are kept on CriterionGrade.
    first_overall = models.CharField(
        "First auditor's overall grade", max_length=20, choices=Grade.choices, blank=True
    )
    overall = models.CharField("Moderator's overall grade", max_length=20, choices=Grade.choices, blank=True)
    agreed_overall = models.CharField(
        "Agreed overall grade", max_length=20, choices=Grade.choices, blank=True
    )
    overall_reason = models.TextField("Why the overall grade was agreed", blank=True)

    def __str__(self):
        return f"Moderation of {self.audit}"


class ModeratedGrade(models.Model):
    moderation = models.ForeignKey(Moderation, on_delete=models.CASCADE, related_name="grades")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    grade = models.CharField(max_length=20, choices=Grade.choices)
    comment = models.TextField(blank=True)
    agreed = models.CharField(max_length=20, choices=Grade.choices, blank=True)
    reason = models.TextField("Why this grade was agreed", blank=True)

    class Meta:
        ordering = ["criterion__order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["moderation", "criterion"], name="one_moderated_grade")
        ]

    def __str__(self):
        return f"{self.criterion}: {self.get_grade_display()}"


class ActionStatus(models.TextChoices):
    OPEN = "open", "To do"
    DONE = "done", "Done"
    WITHDRAWN = "withdrawn", "No longer needed"


class QualityAction(TimeStampedModel):
    """A finding (a criterion graded requires improvement or inadequate) as a task for the plan's
    caseworker, tracked to done."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    audit = models.ForeignKey(Audit, on_delete=models.CASCADE, related_name="actions")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    grade = models.CharField(max_length=20, choices=Grade.choices)
    finding = models.TextField(blank=True)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    due_on = models.DateField()
    status = models.CharField(
        max_length=10, choices=ActionStatus.choices, default=ActionStatus.OPEN, db_index=True
    )
    done_on = models.DateField(null=True, blank=True)
    done_note = models.TextField("What was done", blank=True)

    class Meta:
        ordering = ["status", "due_on", "pk"]
        constraints = [models.UniqueConstraint(fields=["audit", "criterion"], name="one_action_per_finding")]

    def __str__(self):
        return f"{self.criterion}: {self.get_status_display()}"
