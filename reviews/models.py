"""Annual reviews of EHC plans, their events, invitations, paperwork and letters; moves between areas.

One AnnualReview is one review cycle of one plan: it starts when the plan is first issued or the
last review meeting is held, and ends with the decision (maintain), the amended plan (amend) or the
plan ending (cease). State changes only through reviews.services and friends; deadlines only from
clock.reviews. `next_deadline` and friends are the clock's answer stored for fast lists
and the reminder job (STYLE.md #5), refreshed by services.refresh_clock on every change.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from clock.reviews import PhaseTransfer, ReviewEventKind
from core.models import TimeStampedModel, VersionedModel
from plans.codes import CeaseReason


class Stage(models.TextChoices):
    DUE = "due", "Review due: meeting not arranged"
    SCHEDULED = "scheduled", "Meeting arranged"
    HELD = "held", "Meeting held: report and decision"
    AMENDING = "amending", "Amending the plan"
    CEASING = "ceasing", "Decided to cease: appeal period"
    COMPLETED = "completed", "Review complete"
    CEASED = "ceased", "Plan ended"
    CLOSED = "closed", "Closed: no longer needed"


AWAITING_MEETING = (Stage.DUE, Stage.SCHEDULED)
IN_PROGRESS = (Stage.HELD, Stage.AMENDING, Stage.CEASING)
OPEN_STAGES = AWAITING_MEETING + IN_PROGRESS


class Decision(models.TextChoices):
    """What the area decided after the meeting (reg 20(10)); SEN2 review outcome M, A or C."""

    MAINTAIN = "maintain", "Keep the plan as it is"
    AMEND = "amend", "Amend the plan"
    CEASE = "cease", "Stop maintaining the plan"


PHASE_TRANSFER_CHOICES = [
    (PhaseTransfer.SCHOOL.value, "Into primary, junior or secondary school"),
    (PhaseTransfer.SECONDARY_TO_POST16.value, "From secondary school to post-16"),
    (PhaseTransfer.POST16_TO_POST16.value, "From one post-16 institution to another"),
]


class AnnualReview(VersionedModel):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    reference = models.CharField(max_length=20, unique=True)
    plan = models.ForeignKey("plans.EHCPlan", on_delete=models.PROTECT, related_name="annual_reviews")
    # The plan's child, kept here so lists and access checks need no join through the plan.
    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="annual_reviews")
    caseworker = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    cycle_start = models.DateField("Plan issued or last review held on")
    months = models.PositiveSmallIntegerField(default=12)  # 6 for under-fives (CoP 9.178)
    due_on = models.DateField("Review due by", db_index=True)
    stage = models.CharField(max_length=20, choices=Stage.choices, default=Stage.DUE, db_index=True)

    phase_transfer = models.CharField(max_length=20, choices=PHASE_TRANSFER_CHOICES, blank=True)
    phase_transfer_move_on = models.DateField(null=True, blank=True)
    phase_transfer_due = models.DateField(null=True, blank=True, db_index=True)
    phase_transfer_by_hand = models.BooleanField(default=False)

    meeting_on = models.DateField(null=True, blank=True, db_index=True)
    meeting_at = models.TimeField(null=True, blank=True)
    meeting_place = models.CharField(max_length=200, blank=True)
    invitations_sent_on = models.DateField(null=True, blank=True)
    # Invitations less than 2 weeks ahead are accepted only when the family asked for the date.
    short_notice_reason = models.TextField(blank=True)
    # A meeting after the review's due date (CFA 2014 s.44) is accepted only with a reason.
    late_meeting_reason = models.TextField(blank=True)
    combined_cin_review = models.BooleanField("Combined with the child in need review", default=False)
    meeting_held_on = models.DateField(null=True, blank=True, db_index=True)

    decision = models.CharField(max_length=10, choices=Decision.choices, blank=True)
    decided_on = models.DateField(null=True, blank=True)
    decision_reasons = models.TextField(blank=True)
    cease_reason = models.CharField(max_length=1, choices=CeaseReason.choices, blank=True)
    appeal_deadline = models.DateField(null=True, blank=True)
    mediation_asked_on = models.DateField(null=True, blank=True)
    mediation_certificate_on = models.DateField(null=True, blank=True)
    amendment = models.ForeignKey(
        "plans.PlanVersion", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    closed_on = models.DateField(null=True, blank=True, db_index=True)  # the backlog counts open ones

    # The clock's answer, refreshed by services.refresh_clock on every change.
    next_deadline = models.DateField(null=True, blank=True, db_index=True)
    next_step = models.CharField(max_length=120, blank=True)
    next_step_key = models.CharField(max_length=40, blank=True)
    is_overdue = models.BooleanField(default=False, db_index=True)
    # "<step key>:<due date>" of the last reminder of each kind: each step's reminder goes once.
    reminded_due_soon_for = models.CharField(max_length=60, blank=True)
    reminded_overdue_for = models.CharField(max_length=60, blank=True)
    reminded_paperwork_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["due_on", "pk"]
        indexes = [
            models.Index(fields=["stage", "due_on"]),
            models.Index(fields=["stage", "next_deadline"]),
            models.Index(fields=["caseworker", "stage", "next_deadline"]),
            # The reviews page's backlog counts (queries.backlog) read this alone: open reviews
            # by due date, with the two dates the counts test.
            models.Index(
                # The two dates are key columns rather than INCLUDE: SQLite has no INCLUDE.
                fields=["due_on", "meeting_held_on", "cycle_start"],
                condition=Q(closed_on__isnull=True),
                name="review_open_by_due",
            ),
        ]
        constraints = [
            # One cycle waiting for its meeting per plan: bulk scheduling and new cycles stay single.
            models.UniqueConstraint(
                fields=["plan"],
                condition=Q(stage__in=["due", "scheduled"]),
                name="one_review_awaiting_meeting_per_plan",
            )
        ]

    def __str__(self):
        return self.reference

    @property
    def is_open(self) -> bool:
        return self.stage in OPEN_STAGES


class ReviewEvent(models.Model):
    """A step of the review on the date it happened: what the clock engine reads. Append-only."""

    review = models.ForeignKey(AnnualReview, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=30, choices=[(k.value, k.value) for k in ReviewEventKind])
    on = models.DateField()
    note = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["on", "recorded_at", "pk"]
        indexes = [models.Index(fields=["kind", "on"])]

    def __str__(self):
        return f"{self.kind} {self.on}"


class InviteeKind(models.TextChoices):
    FAMILY = "family", "Family"
    SCHOOL = "school", "School or setting"
    PROFESSIONAL = "professional", "Professional"
    OTHER = "other", "Other"


class Invitee(models.Model):
    review = models.ForeignKey(AnnualReview, on_delete=models.CASCADE, related_name="invitees")
    kind = models.CharField(max_length=20, choices=InviteeKind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    parent_carer = models.ForeignKey(
        "people.ParentCarer", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    name = models.CharField(max_length=200)
    invited_on = models.DateField()

    class Meta:
        ordering = ["kind", "name", "pk"]

    def __str__(self):
        return self.name


class ContributionKind(models.TextChoices):
    SCHOOL = "school", "School's review paperwork"
    FAMILY = "family", "Family's views"


class Contribution(TimeStampedModel):
    """What the school (its SENCo) or the family sends for the meeting (reg 20(4)): one of each per
    review; sending again before the meeting replaces it."""

    review = models.ForeignKey(AnnualReview, on_delete=models.CASCADE, related_name="contributions")
    kind = models.CharField(max_length=10, choices=ContributionKind.choices)
    submitted_on = models.DateField()
    views = models.TextField(blank=True)
    # [{"outcome": "...", "progress": "..."}]: one entry per outcome of the current plan.
    progress = models.JSONField(default=list, blank=True)
    proposed_changes = models.TextField(blank=True)

    class Meta:
        ordering = ["kind"]
        constraints = [models.UniqueConstraint(fields=["review", "kind"], name="one_contribution_per_kind")]

    def __str__(self):
        return f"{self.get_kind_display()} for {self.review}"


class ReviewDocument(TimeStampedModel):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    review = models.ForeignKey(AnnualReview, on_delete=models.CASCADE, related_name="documents")
    # A file the school or the family attached to what they sent for the meeting (empty for the
    # area's own letters).
    contribution = models.ForeignKey(
        Contribution, null=True, blank=True, on_delete=models.CASCADE, related_name="attachments"
    )
    title = models.CharField(max_length=200)
    file = models.FileField(upload_to="reviews/%Y/%m/")
    content_type = models.CharField(max_length=100)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.title


class Direction(models.TextChoices):
    IN = "in", "Moving into the area"
    OUT = "out", "Moving out of the area"


class TransferDecision(models.TextChoices):
    """The new area's answer within 6 weeks (reg 15(4))."""

    REASSESS = "reassess", "We will carry out a new EHC needs assessment"
    KEEP = "keep", "We will not reassess: the plan continues"


class Transfer(VersionedModel):
    """A plan moving with a family between areas (reg 15; CoP 9.157-9.161)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    direction = models.CharField(max_length=3, choices=Direction.choices, db_index=True)
    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="plan_transfers")
    plan = models.ForeignKey(
        "plans.EHCPlan", null=True, blank=True, on_delete=models.PROTECT, related_name="transfers"
    )
    other_area = models.CharField("The other local authority", max_length=200)
    # Out: the day we learned of the move; in: the day the old area sent us the plan.
    started_on = models.DateField()
    moved_on = models.DateField("Date of the move", null=True, blank=True)
    due_on = models.DateField(db_index=True)  # from the clock engine
    done_on = models.DateField(null=True, blank=True)
    decision = models.CharField(max_length=10, choices=TransferDecision.choices, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self):
        return f"{self.get_direction_display()}: {self.other_area}"

    @property
    def step_label(self) -> str:
        if self.direction == Direction.OUT:
            return "Send the plan to the new area"
        return "Tell the family whether we will reassess"
