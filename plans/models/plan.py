"""The plan and its versions. Each version is a draft until it is issued; an issued version is the
record of what the family and settings were sent, so saving or deleting one is refused here, in
the model, whatever the caller (services, admin, a shell)."""

import uuid

from django.db import models
from django.db.models import Q

from core.models import TimeStampedModel, VersionedModel
from people import codelists
from plans.codes import CeaseReason, PlanKind, PlanStatus
from plans.errors import IssuedVersionError


class EHCPlan(TimeStampedModel):
    """One per child who has (or is getting) a plan; a ceased plan stays, and a later plan for the
    same child is a new EHCPlan."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="ehc_plans")
    # The assessment that led to the plan (none for plans made before OpenSEND, or moved in).
    case = models.ForeignKey(
        "casework.AssessmentCase", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    first_issued_on = models.DateField(null=True, blank=True)
    ceased_on = models.DateField(null=True, blank=True, db_index=True)
    cease_reason = models.CharField(max_length=1, choices=CeaseReason.choices, blank=True)
    # Kept by services.issue: the newest issued version, so lists and measures join to it.
    latest_issued = models.ForeignKey(
        "plans.PlanVersion", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-first_issued_on", "-pk"]
        # Returns, KPIs and the needs analysis count plans by the day they were first issued.
        indexes = [models.Index(fields=["first_issued_on"], name="plans_plan_first_issued_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["child"], condition=Q(ceased_on__isnull=True), name="one_live_plan_per_child"
            )
        ]

    def __str__(self):
        return f"EHC plan for {self.child}"

    @property
    def current_version(self):
        """The latest issued version (None until the first final plan is issued)."""
        return self.latest_issued

    @property
    def is_live(self) -> bool:
        return self.ceased_on is None


class PlanVersionQuerySet(models.QuerySet):
    def update(self, **kwargs):
        # Services change drafts with conditional updates that only match drafts; anything that
        # would also match an issued version is refused.
        if self.filter(status=PlanStatus.ISSUED).exists():
            raise IssuedVersionError()
        return super().update(**kwargs)

    def delete(self):
        if self.filter(status=PlanStatus.ISSUED).exists():
            raise IssuedVersionError()
        return super().delete()


class PlanVersion(VersionedModel):
    """One version of the plan: a draft being written, or an issued final or amended plan.

    `number` counts versions of the plan (1, 2, ...); `version` (from VersionedModel) counts saved
    edits of this draft, so an edit made on an older page is refused (core.concurrency)."""

    plan = models.ForeignKey(EHCPlan, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=10, choices=PlanKind.choices, default=PlanKind.DRAFT)
    status = models.CharField(max_length=10, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    based_on = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(
        "casework.AssessmentCase",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="plan_versions",
    )
    served_on = models.DateField("Date the draft was sent to the family", null=True, blank=True)
    issued_on = models.DateField(null=True, blank=True, db_index=True)

    # Section A: the child's own words are kept apart from their parents' (CoP 9.69).
    child_views = models.TextField("Their views, in their own words", blank=True)
    child_interests = models.TextField("What they enjoy and are good at", blank=True)
    child_aspirations = models.TextField("Their hopes for the future, in their own words", blank=True)
    parent_views = models.TextField("Parents' or carers' views", blank=True)
    parent_aspirations = models.TextField("Parents' or carers' hopes for the future", blank=True)
    # Section E, from Year 9: why an area of preparation for adulthood has no outcome, if one hasn't.
    pfa_reason = models.TextField("Why some preparation for adulthood areas have no outcome", blank=True)

    # Section I: the setting named, or only its type where none is named (reg 12(1)(i)).
    named_setting = models.ForeignKey(
        "people.Setting", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    setting_type = models.CharField(max_length=20, choices=codelists.SETTING_TYPE, blank=True)
    placement_notes = models.TextField("About the placement", blank=True)
    # SEN2 NamedPlan PlanRes and PlanWBP: the plan names a residential placement, or work-based
    # learning (an apprenticeship, traineeship or supported internship).
    residential = models.BooleanField("The placement is residential", default=False)
    work_based_learning = models.BooleanField(
        "The plan names work-based learning (apprenticeship, traineeship or supported internship)",
        default=False,
    )

    # Section J.
    personal_budget = models.BooleanField("A personal budget is part of the plan", default=False)
    personal_budget_amount = models.DecimalField(
        "Personal budget a year (£)", max_digits=9, decimal_places=2, null=True, blank=True
    )
    direct_payments = models.BooleanField("Some of it is paid as direct payments", default=False)
    # SEN2 NamedPlan OA: part of the budget is held by the council or a provider and spent as the
    # family asks (an organised arrangement, Personal Budgets Regulations 2014).
    organised_arrangements = models.BooleanField(
        "Some of it is an organised arrangement (the council or a provider holds it)", default=False
    )
    personal_budget_notes = models.TextField("What the personal budget pays for", blank=True)

    objects = PlanVersionQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="one_version_number_per_plan"),
            # Two people starting an amendment at once: the second is refused by the database.
            models.UniqueConstraint(fields=["plan"], condition=Q(status="draft"), name="one_draft_per_plan"),
        ]
        indexes = [
            models.Index(fields=["status", "served_on"]),
            # Drafts sent to the family (portal, plan lists) without the status in the filter.
            models.Index(fields=["served_on"], name="plans_version_served_on_idx"),
        ]

    def __str__(self):
        return f"{self.plan} version {self.number}"

    @property
    def is_issued(self) -> bool:
        return self.status == PlanStatus.ISSUED

    def stored_as_issued(self) -> bool:
        return (
            self.pk is not None and PlanVersion.objects.filter(pk=self.pk, status=PlanStatus.ISSUED).exists()
        )

    def save(self, *args, **kwargs):
        # Checked against the stored row, not this object: issuing (draft -> issued) is allowed once.
        if self.stored_as_issued():
            raise IssuedVersionError()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.stored_as_issued():
            raise IssuedVersionError()
        return super().delete(*args, **kwargs)
