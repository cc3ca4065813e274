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
        indexes = [
            models.Index(fields=["pathway", "referral_date"]),
            # Open referrals (no end date) and month-end waiting figures filter on it.
            models.Index(fields=["pathway", "ended_on"], name="waiting_referral_ended_idx"),
            models.Index(fields=["ended_on"], name="waiting_referral_ended_on_idx"),
        ]

    def __str__(self):
        return f"{self.pathway} referral {self.provider_reference}"


# --- The dynamic support register (NHS England, "Dynamic support register and Care (Education)
# and Treatment Review policy and guide", 2023): autistic children and young people and those with
# a learning disability at risk of admission to a mental health hospital.


class Rag(models.TextChoices):
    RED = "red", "Red: at risk of admission now"
    AMBER = "amber", "Amber: at risk without extra support"
    GREEN = "green", "Green: support in place, kept under review"


class InclusionReason(models.TextChoices):
    AUTISM = "autism", "Autistic"
    LEARNING_DISABILITY = "ld", "Learning disability"
    BOTH = "both", "Autistic and a learning disability"


class Consent(models.TextChoices):
    GIVEN = "given", "Consent given"
    BEST_INTERESTS = "best_interests", "Best interests decision (no capacity to consent)"
    NOT_YET = "not_yet", "Not yet asked"


class RegisterEntry(VersionedModel):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="dsr_entries")
    inclusion_reason = models.CharField(max_length=6, choices=InclusionReason.choices)
    risk_reason = models.TextField("Why they are at risk of admission")
    consent = models.CharField(max_length=16, choices=Consent.choices)
    consent_on = models.DateField("Consent recorded on", null=True, blank=True)
    risk_rating = models.CharField(max_length=5, choices=Rag.choices)
    key_worker = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="dsr_entries"
    )
    added_on = models.DateField(db_index=True)
    last_review_on = models.DateField("Last care (education) and treatment review", null=True, blank=True)
    next_review_on = models.DateField(
        "Next care (education) and treatment review", null=True, blank=True, db_index=True
    )
    # The review date the key worker was last reminded of: a reminder goes once per date.
    reminded_for = models.DateField(null=True, blank=True)
    # The day the register's owners were last told this entry has no key worker (weekly while so).
    unassigned_reminded_on = models.DateField(null=True, blank=True)
    removed_on = models.DateField(null=True, blank=True, db_index=True)
    removal_reason = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-added_on", "pk"]
        verbose_name_plural = "register entries"

    def __str__(self):
        return f"Support register entry {str(self.public_id)[:8]}"


class RatingChange(models.Model):
    entry = models.ForeignKey(RegisterEntry, on_delete=models.CASCADE, related_name="rating_changes")
    previous = models.CharField(max_length=5, choices=Rag.choices, blank=True)
    rating = models.CharField(max_length=5, choices=Rag.choices)
    reason = models.TextField()
    changed_by = models.ForeignKey("accounts.User", null=True, on_delete=models.SET_NULL, related_name="+")
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-changed_at", "-pk"]

    def __str__(self):
        return f"{self.get_previous_display() or 'New'} to {self.get_rating_display()}"


class PanelMeeting(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    held_on = models.DateField()
    minutes = models.TextField()
    entries = models.ManyToManyField(RegisterEntry, blank=True, related_name="panel_meetings")
    created_by = models.ForeignKey("accounts.User", null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-pk"]

    def __str__(self):
        return f"Support register panel, {self.held_on:%-d %B %Y}"


# --- Health assessments of children in care (clock/health.py has the rules).


class AssessmentKind(models.TextChoices):
    INITIAL = "initial", "Initial health assessment"
    REVIEW = "review", "Review health assessment"


class CareEpisode(models.Model):
    """A period in care: the initial health assessment's clock starts on the day it begins."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="care_episodes")
    started_on = models.DateField("Came into care on")
    ended_on = models.DateField("Left care on", null=True, blank=True)
    # The next assessment and its due date, from the clock engine (waiting.health).
    next_kind = models.CharField(max_length=8, choices=AssessmentKind.choices, default=AssessmentKind.INITIAL)
    next_due = models.DateField(null=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["next_due", "pk"]

    def __str__(self):
        return f"Care episode from {self.started_on:%-d %B %Y}"


class HealthAssessment(models.Model):
    episode = models.ForeignKey(CareEpisode, on_delete=models.CASCADE, related_name="assessments")
    kind = models.CharField(max_length=8, choices=AssessmentKind.choices)
    due_on = models.DateField()
    done_on = models.DateField()
    recorded_by = models.ForeignKey("accounts.User", null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-done_on", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()} on {self.done_on:%-d %B %Y}"

    @property
    def on_time(self) -> bool:
        return self.done_on <= self.due_on


# --- Learning disability annual health checks, ages 14 to 25, counted by quarter.


class HealthCheckReturn(models.Model):
    quarter_end = models.DateField(unique=True)
    register_count = models.PositiveIntegerField("People aged 14 to 25 on GP learning disability registers")
    checks_done = models.PositiveIntegerField("Annual health checks done in the 12 months to the quarter end")
    target_percent = models.DecimalField(max_digits=5, decimal_places=1, default=75)
    evidence = models.TextField(help_text="Where the figures come from, e.g. the ICB's GP practice report")
    entered_by = models.ForeignKey("accounts.User", null=True, on_delete=models.SET_NULL, related_name="+")
    entered_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-quarter_end"]

    def __str__(self):
        return f"Annual health checks to {self.quarter_end:%-d %B %Y}"

    @property
    def percent(self):
        return round(100 * self.checks_done / self.register_count, 1) if self.register_count else None
