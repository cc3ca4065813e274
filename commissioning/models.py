"""Joint commissioning records: specialist provision and its places, children's placements and their
costs (split education / health / social care), the high-needs budget for each financial year, and
commissioning intentions linked to improvement-plan actions.

Every write goes through commissioning.services, which checks the rules and audits the change.
"""

import uuid
from decimal import Decimal

from django.conf import settings
from django.db import models

from core.models import TimeStampedModel, VersionedModel
from people import codelists


class ProvisionKind(models.TextChoices):
    SPECIAL = "special", "Special school"
    RESOURCED = "resourced", "Resourced provision"
    ALTERNATIVE = "alternative", "Alternative provision"
    POST16 = "post16", "Post-16 specialist provision"


class Provision(TimeStampedModel):
    """A specialist provision the area commissions places at."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=12, choices=ProvisionKind.choices, db_index=True)
    setting = models.ForeignKey(
        "people.Setting", null=True, blank=True, on_delete=models.SET_NULL, related_name="provisions"
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class ProvisionPlaces(models.Model):
    """Places commissioned at a provision for one primary need, and how many are filled now.
    Places open from `from_year` (blank: already open), so new places show in the capacity ahead."""

    provision = models.ForeignKey(Provision, on_delete=models.CASCADE, related_name="places")
    need = models.CharField(max_length=4, choices=codelists.SEN_TYPE)
    commissioned = models.PositiveIntegerField("Commissioned places")
    roll = models.PositiveIntegerField("Current roll")
    from_year = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["provision__name", "need"]
        constraints = [
            models.UniqueConstraint(fields=["provision", "need", "from_year"], name="one_places_row_per_need")
        ]

    def __str__(self):
        return f"{self.provision}: {self.commissioned} {self.need} places"


class PlacementKind(models.TextChoices):
    MAINTAINED = "maintained", "Maintained school"
    ACADEMY = "academy", "Academy"
    INDEPENDENT = "independent", "Independent or non-maintained special school"
    OUT_OF_AREA = "out_of_area", "Out of area (another local authority's school)"
    POST16 = "post16", "Post-16 college or provider"
    RESIDENTIAL = "residential", "Residential placement"


class Placement(VersionedModel):
    """Where a child is placed, with whom and when. A child has at most one placement at a time."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="placements")
    kind = models.CharField("Type of placement", max_length=12, choices=PlacementKind.choices, db_index=True)
    provider = models.ForeignKey(
        "people.Setting", null=True, blank=True, on_delete=models.PROTECT, related_name="placements"
    )
    start_on = models.DateField("Start date", db_index=True)
    end_on = models.DateField("End date", null=True, blank=True, db_index=True)
    contract_reference = models.CharField(max_length=60, blank=True)

    class Meta:
        ordering = ["-start_on", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()} placement from {self.start_on}"

    @property
    def out_of_district(self) -> bool:
        return self.kind == PlacementKind.OUT_OF_AREA or bool(self.provider and not self.provider.in_area)


class CostPeriod(models.TextChoices):
    WEEKLY = "weekly", "A week"
    MONTHLY = "monthly", "A month"
    ANNUAL = "annual", "A year"


WEEKS_A_YEAR = 52  # a weekly cost is paid every week of the year (residential and most contracts)
TIMES_A_YEAR = {CostPeriod.WEEKLY: WEEKS_A_YEAR, CostPeriod.MONTHLY: 12, CostPeriod.ANNUAL: 1}


def yearly(amount, period) -> Decimal:
    """An amount paid each `period`, for a whole year."""
    return Decimal(amount) * TIMES_A_YEAR[period]


COST_PARTS = ("education", "health", "social_care")


class PlacementCost(TimeStampedModel):
    """What a placement costs, and who pays: education (the high-needs block), health (the ICB) and
    social care. One placement can have several costs over time (a new rate from a date)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    placement = models.ForeignKey(Placement, on_delete=models.PROTECT, related_name="costs")
    period = models.CharField("Cost per", max_length=8, choices=CostPeriod.choices)
    education = models.DecimalField(max_digits=10, decimal_places=2, default=0)
    health = models.DecimalField(max_digits=10, decimal_places=2, default=0)
    social_care = models.DecimalField(max_digits=10, decimal_places=2, default=0)

    class Meta:
        ordering = ["placement", "created_at", "pk"]

    def __str__(self):
        return f"Cost of {self.placement}"

    def amounts(self) -> dict:
        return {"period": self.period, **{part: getattr(self, part) for part in COST_PARTS}}

    @property
    def total(self):
        return self.education + self.health + self.social_care

    def annual(self, part: str = "total"):
        """This cost (or one funder's part) for a whole year."""
        value = self.total if part == "total" else getattr(self, part)
        return yearly(value, self.period)


class HighNeedsBudget(TimeStampedModel):
    """The high-needs budget for a financial year (April to March), named by the year it starts."""

    year = models.PositiveSmallIntegerField("Financial year starting April", unique=True)
    amount = models.DecimalField(max_digits=14, decimal_places=2)

    class Meta:
        ordering = ["-year"]

    def __str__(self):
        return f"High-needs budget {self.year}-{str(self.year + 1)[2:]}"


class Intention(TimeStampedModel):
    """A commissioning intention ("commission 40 more autism places by 2028"), linked to the
    improvement-plan actions it delivers so the board sees both together."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(max_length=200)
    detail = models.TextField(blank=True)
    need = models.CharField("Primary need", max_length=4, choices=codelists.SEN_TYPE, blank=True)
    by_year = models.PositiveSmallIntegerField("To be in place by (year)", null=True, blank=True)
    actions = models.ManyToManyField("improvement.Action", blank=True, related_name="intentions")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["by_year", "title"]

    def __str__(self):
        return self.title


class CostCorrection(models.Model):
    """A correction of a wrong placement cost: what it said, what it says now, who changed it, when
    and why (commissioning.services.correct_cost). The cost row holds the corrected figures; these
    rows are its history, never edited."""

    cost = models.ForeignKey(PlacementCost, on_delete=models.PROTECT, related_name="corrections")
    corrected_at = models.DateTimeField(auto_now_add=True)
    corrected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField()
    old_period = models.CharField(max_length=8, choices=CostPeriod.choices)
    old_education = models.DecimalField(max_digits=10, decimal_places=2)
    old_health = models.DecimalField(max_digits=10, decimal_places=2)
    old_social_care = models.DecimalField(max_digits=10, decimal_places=2)
    new_period = models.CharField(max_length=8, choices=CostPeriod.choices)
    new_education = models.DecimalField(max_digits=10, decimal_places=2)
    new_health = models.DecimalField(max_digits=10, decimal_places=2)
    new_social_care = models.DecimalField(max_digits=10, decimal_places=2)

    class Meta:
        ordering = ["cost", "corrected_at", "pk"]

    def __str__(self):
        return f"Correction of {self.cost}"

    @property
    def old_total(self) -> Decimal:
        return self.old_education + self.old_health + self.old_social_care

    @property
    def new_total(self) -> Decimal:
        return self.new_education + self.new_health + self.new_social_care

    def old_yearly(self) -> Decimal:
        return yearly(self.old_total, self.old_period)

    def new_yearly(self) -> Decimal:
        return yearly(self.new_total, self.new_period)
