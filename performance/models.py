"""Key performance indicators: what each measures and who owns it, its baseline and trajectory of
targets, the figures measured against it (from the system nightly, or typed in by its owner), and
comparison figures for England and statistical neighbours.

Shaped on the outcome indicator tables of Bradford's 2022 Written Statement of Action (seeds/000):
a baseline, then targets by date (March 2023, September 2023, March 2024 ...), an owner, and the
area of weakness the indicator shows progress on.
"""

import uuid

from django.conf import settings
from django.db import models

from core.models import TimeStampedModel, VersionedModel

MANUAL = "manual"


class Unit(models.TextChoices):
    PERCENT = "percent", "Per cent"
    WEEKS = "weeks", "Weeks"
    NUMBER = "number", "Number"


class Frequency(models.TextChoices):
    MONTHLY = "monthly", "Monthly"
    QUARTERLY = "quarterly", "Quarterly"
    TERMLY = "termly", "Termly"
    ANNUAL = "annual", "Annual"


class Origin(models.TextChoices):
    SYSTEM = "system", "From OpenSEND"
    MANUAL = "manual", "Entered by hand"


class ComparisonGroup(models.TextChoices):
    ENGLAND = "england", "England"
    NEIGHBOURS = "neighbours", "Statistical neighbours"


class KPI(VersionedModel):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    code = models.CharField(max_length=20, unique=True)  # "2.3", "4.1a", "EHC-20W"
    position = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(max_length=200)
    measures = models.TextField("What it measures")
    method = models.TextField("How it is measured", blank=True)
    unit = models.CharField(max_length=10, choices=Unit.choices, default=Unit.PERCENT)
    higher_is_better = models.BooleanField(default=True)
    frequency = models.CharField(max_length=10, choices=Frequency.choices, default=Frequency.MONTHLY)
    # A key of performance.sources.SOURCES, or "manual" for figures that come from elsewhere.
    source = models.CharField(max_length=40, default=MANUAL, db_index=True)
    # The figures count children, so published output suppresses small numbers.
    counts_children = models.BooleanField(default=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="owned_kpis"
    )
    # The post named in the plan, kept when the person changes.
    owner_post = models.CharField(max_length=200, blank=True)
    # The improvement plan area it shows progress on: improvement.Area.number as text ("1".."5").
    area_code = models.CharField(max_length=4, blank=True, db_index=True)
    baseline_value = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    baseline_on = models.DateField(null=True, blank=True)
    baseline_note = models.CharField(max_length=200, blank=True)
    # Where the definition and trajectory come from ("Bradford WSOA 2022, table 3, 3.1.1").
    reference = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["area_code", "position", "code"]
        verbose_name = "KPI"

    def __str__(self):
        return f"{self.code} {self.name}"

    @property
    def is_manual(self) -> bool:
        return self.source == MANUAL


class Target(models.Model):
    """One point of the trajectory: the value to reach by a date."""

    kpi = models.ForeignKey(KPI, on_delete=models.CASCADE, related_name="targets")
    due_on = models.DateField()
    value = models.DecimalField(max_digits=10, decimal_places=2)
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["kpi", "due_on"]
        constraints = [models.UniqueConstraint(fields=["kpi", "due_on"], name="performance_target_once")]

    def __str__(self):
        return f"{self.kpi.code} by {self.due_on:%B %Y}: {self.value}"


class Measurement(VersionedModel):
    """The figure for one month. The nightly snapshot keeps updating the current month's row
    (month to date), so running it twice, or every night, never makes a second row."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kpi = models.ForeignKey(KPI, on_delete=models.CASCADE, related_name="measurements")
    period_start = models.DateField()
    period_end = models.DateField()  # the figure is as at this date
    value = models.DecimalField(max_digits=10, decimal_places=2)
    numerator = models.PositiveIntegerField(null=True, blank=True)
    denominator = models.PositiveIntegerField(null=True, blank=True)
    origin = models.CharField(max_length=8, choices=Origin.choices)
    note = models.TextField(blank=True)
    evidence = models.FileField(upload_to="kpi-evidence/%Y/%m/", blank=True)
    evidence_title = models.CharField(max_length=200, blank=True)
    evidence_type = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["kpi", "period_start"]
        constraints = [
            models.UniqueConstraint(fields=["kpi", "period_start"], name="performance_measurement_once")
        ]
        indexes = [models.Index(fields=["kpi", "-period_end"])]

    def __str__(self):
        return f"{self.kpi.code} {self.period_end}: {self.value}"


class Comparison(TimeStampedModel):
    """A published figure for England or the statistical neighbours, typed in by hand."""

    kpi = models.ForeignKey(KPI, on_delete=models.CASCADE, related_name="comparisons")
    group = models.CharField(max_length=12, choices=ComparisonGroup.choices)
    on = models.DateField("As at")
    value = models.DecimalField(max_digits=10, decimal_places=2)
    source = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["kpi", "group", "-on"]
        constraints = [
            models.UniqueConstraint(fields=["kpi", "group", "on"], name="performance_comparison_once")
        ]

    def __str__(self):
        return f"{self.kpi.code} {self.get_group_display()} {self.on}: {self.value}"
