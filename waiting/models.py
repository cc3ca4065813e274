"""Health waiting lists: the NHS pathways families wait for, their targets, and the referrals on them.

Shaped on seed 000's area 4 (WSOA "Outcome Indicators WSOA 4"): each pathway has a provider, the
event that stops its clock (first appointment, start of assessment, or start of treatment) and its
targets; trajectories are rows an administrator edits, not code.
"""

import uuid

from django.db import models

from core.models import VersionedModel


class Kind(models.TextChoices):
    AUTISM = "autism", "Autism diagnostic assessment"
    ADHD = "adhd", "ADHD diagnostic assessment"
    CAMHS = "camhs", "Child and adolescent mental health services (CAMHS)"
    SALT = "salt", "Speech and language therapy"
    EQUIPMENT = "equipment", "Specialist equipment"
    WHEELCHAIRS = "wheelchairs", "Wheelchairs"


class Measure(models.TextChoices):
    """The event that stops a referral's clock on this pathway."""

    FIRST_APPOINTMENT = "first_appointment", "Referral to first appointment"
    ASSESSMENT = "assessment", "Referral to start of assessment"
    TREATMENT = "treatment", "Referral to treatment"


# The referral field each measure's clock stops on.
STOP_FIELD = {
    Measure.FIRST_APPOINTMENT: "first_appointment",
    Measure.ASSESSMENT: "assessment_start",
    Measure.TREATMENT: "treatment_start",
}


class Pathway(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    code = models.SlugField(max_length=40, unique=True, help_text="The code providers' extracts use")
    name = models.CharField(max_length=120)
    kind = models.CharField(max_length=12, choices=Kind.choices)
    provider = models.CharField(max_length=200)
    measure = models.CharField(max_length=20, choices=Measure.choices)
    target_within_13_weeks = models.DecimalField(
        "Target % within 13 weeks", max_digits=5, decimal_places=1, null=True, blank=True
    )
    target_within_18_weeks = models.DecimalField(
        "Target % within 18 weeks", max_digits=5, decimal_places=1, null=True, blank=True
    )
    # The Local Offer's health pathway term (directory taxonomy "pathways"), whose services tagged
    # "Support while you wait" families can use now.
    support_term = models.ForeignKey(
        "directory.TaxonomyTerm",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        limit_choices_to={"taxonomy__code": "pathways"},
        related_name="+",
    )
    # The performance KPI codes (performance/data/bradford_wsa.py) this pathway's figures feed.
    kpi_codes = models.CharField(max_length=60, blank=True, help_text="Comma-separated, e.g. 4.1a,4.1b")
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def stop_field(self) -> str:
        return STOP_FIELD[self.measure]


class TargetMeasure(models.TextChoices):
    AVERAGE_WAIT = "average_wait", "Average wait (weeks)"
    LONGEST_WAIT = "longest_wait", "Longest wait (weeks)"
    WITHIN_13 = "within_13", "% waiting 13 weeks or less"
    WITHIN_18 = "within_18", "% waiting 18 weeks or less"


class Trajectory(models.Model):
    """One point on a pathway's trajectory: the figure to reach by a month or quarter end."""

    pathway = models.ForeignKey(Pathway, on_delete=models.CASCADE, related_name="trajectory")
    measure = models.CharField(max_length=16, choices=TargetMeasure.choices)
    due = models.DateField(help_text="The month or quarter end the figure is due by")
    label = models.CharField(max_length=40, blank=True, help_text="As the plan says it, e.g. Mar 23")
    value = models.DecimalField(max_digits=6, decimal_places=1)

    class Meta:
        ordering = ["pathway", "measure", "due"]
        constraints = [
            models.UniqueConstraint(fields=["pathway", "measure", "due"], name="waiting_trajectory_once")
        ]
        verbose_name_plural = "trajectory points"

    def __str__(self):
        return f"{self.pathway}: {self.get_measure_display()} {self.value} by {self.due}"


class EndReason(models.TextChoices):
    SEEN = "seen", "Seen and treatment finished"
    DISCHARGED = "discharged", "Discharged"
    NOT_NEEDED = "not_needed", "No longer needed"
    MOVED = "moved", "Moved away"
    DID_NOT_ATTEND = "dna", "Did not attend"
    DECLINED = "declined", "Family declined"
    REFERRED_ELSEWHERE = "elsewhere", "Referred to another service"
    OTHER = "other", "Other"


class Referral(VersionedModel):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # The child's record where the area knows them; the NHS number always.
    child = models.ForeignKey(
        "people.Child", null=True, blank=True, on_delete=models.PROTECT, related_name="referrals"
    )
    nhs_number = models.CharField("NHS number", max_length=10, db_index=True)
    date_of_birth = models.DateField()
    pathway = models.ForeignKey(Pathway, on_delete=models.PROTECT, related_name="referrals")
    provider_reference = models.CharField(max_length=40)
    referral_date = models.DateField(db_index=True)
    first_appointment = models.DateField(null=True, blank=True)
    assessment_start = models.DateField(null=True, blank=True)
    treatment_start = models.DateField(null=True, blank=True)
    ended_on = models.DateField("Discharge or removal date", null=True, blank=True)
    end_reason = models.CharField(
        "Discharge or removal reason", max_length=12, choices=EndReason.choices, blank=True
    )
    # The month end of the provider extract that last set this referral (none if typed in).
    extract_month = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-referral_date", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["pathway", "provider_reference"], name="waiting_referral_reference_once"
            ),
            models.UniqueConstraint(
                fields=["nhs_number", "pathway", "referral_date"], name="waiting_referral_once"
            ),
        ]
        indexes = [models.Index(fields=["pathway", "referral_date"])]

    def __str__(self):
        return f"{self.pathway} referral {self.provider_reference}"
