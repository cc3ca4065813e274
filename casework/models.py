"""EHC needs assessment cases: the request, its events, advice, exceptions, panels and documents.

State changes only through casework.services (guarded by the event catalogue); deadlines only
from clock. The columns `next_deadline` and friends are the clock's answer stored for
fast lists and the reminder job (STYLE.md #5); services refresh them on every change.
"""

import uuid

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from clock import ExceptionReason
from clock.case_events import EventKind
from core.models import TimeStampedModel, VersionedModel


class RequestSource(models.TextChoices):
    """Who asked (SEN2 request source 1-5; the area's own request is reported as 5, other)."""

    PARENT = "1", "Parent or young person"
    SETTING = "2", "School or education setting"
    HEALTH = "3", "Health"
    SOCIAL_CARE = "4", "Social care"
    OTHER = "5", "Other"
    LOCAL_AUTHORITY = "LA", "The local authority itself"

    @property
    def sen2_code(self) -> str:
        return "5" if self == RequestSource.LOCAL_AUTHORITY else self.value


class Stage(models.TextChoices):
    RECEIVED = "received", "Request received"
    ASSESSING = "assessing", "Assessing: gathering advice"
    DECIDING = "deciding", "Deciding whether to issue"
    DRAFTING = "drafting", "Writing the draft plan"
    CONSULTING = "consulting", "Draft with the family and settings"
    FINAL = "final", "Final plan issued"
    NOT_ASSESSED = "not_assessed", "Decided not to assess"
    NOT_ISSUED = "not_issued", "Decided not to issue a plan"
    WITHDRAWN = "withdrawn", "Withdrawn"


OPEN_STAGES = (Stage.RECEIVED, Stage.ASSESSING, Stage.DECIDING, Stage.DRAFTING, Stage.CONSULTING)


class AssessmentCase(VersionedModel):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    reference = models.CharField(max_length=20, unique=True)
    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="assessment_cases")
    source = models.CharField(max_length=2, choices=RequestSource.choices)
    requester_name = models.CharField("Who made the request", max_length=200, blank=True)
    received_on = models.DateField("Date the request was received", db_index=True)
    reasons = models.TextField("Reasons for the request")
    consent_given = models.BooleanField("The family consents to information being shared", default=False)
    caseworker = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="caseload"
    )
    stage = models.CharField(max_length=20, choices=Stage.choices, default=Stage.RECEIVED, db_index=True)
    closed_on = models.DateField(null=True, blank=True)
    # When no parent, carer or young person can receive notices (a looked-after child, say): who
    # does, recorded by the caseworker; until then decisions and plans cannot be issued.
    notices_reason = models.TextField("Who receives the notices, and why", blank=True)
    # The clock's answer, refreshed by services.refresh_clock on every change and nightly.
    next_deadline = models.DateField(null=True, blank=True, db_index=True)
    next_step = models.CharField(max_length=120, blank=True)
    is_overdue = models.BooleanField(default=False, db_index=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-received_on", "-pk"]
        indexes = [
            models.Index(fields=["caseworker", "stage", "next_deadline"]),
            models.Index(fields=["stage", "next_deadline"]),
        ]

    def __str__(self):
        return self.reference

    @property
    def is_open(self) -> bool:
        return self.stage in OPEN_STAGES


class CaseEvent(models.Model):
    """Something that happened on a case, on the date it happened. Append-only."""

    case = models.ForeignKey(AssessmentCase, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=30, choices=[(k.value, k.value) for k in EventKind])
    on = models.DateField()
    ref = models.CharField(max_length=40, blank=True)
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


class AdviserType(models.TextChoices):
    EDUCATIONAL_PSYCHOLOGIST = "ep", "Educational psychologist"
    HEALTH = "health", "Health (through the designated clinical officer)"
    SOCIAL_CARE = "social_care", "Social care"
    SCHOOL = "school", "School or setting"
    OTHER = "other", "Other"


class AdviceRequest(TimeStampedModel):
    """Advice asked of one adviser (reg 6(1)); its clock is the case's `advice:<ref>` step."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(AssessmentCase, on_delete=models.CASCADE, related_name="advice_requests")
    ref = models.CharField(max_length=40)  # the event ref, e.g. "ep" or "health-2"
    adviser_type = models.CharField(max_length=20, choices=AdviserType.choices)
    professional = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="advice_requests",
    )
    requested_on = models.DateField()
    due_on = models.DateField(db_index=True)  # from the clock engine, stored for lists and reminders
    received_on = models.DateField(null=True, blank=True)
    cancelled_on = models.DateField(null=True, blank=True)
    # Why it is no longer needed (e.g. "The case was closed: request withdrawn"), told to the adviser.
    cancelled_reason = models.CharField(max_length=200, blank=True)
    advice = models.TextField(blank=True)
    # The adviser's answer in the sections a plan draws on (see casework.advice.SECTIONS).
    sections = models.JSONField(default=dict, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    document = models.FileField(upload_to="advice/%Y/%m/", blank=True)
    reminded_due_soon_at = models.DateTimeField(null=True, blank=True)
    reminded_overdue_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["requested_on", "pk"]
        constraints = [models.UniqueConstraint(fields=["case", "ref"], name="one_advice_request_per_ref")]

    def __str__(self):
        return f"{self.case} {self.get_adviser_type_display()}"

    @property
    def is_late(self) -> bool:
        return self.received_on is not None and self.received_on > self.due_on


class AdviceChase(models.Model):
    advice_request = models.ForeignKey(AdviceRequest, on_delete=models.CASCADE, related_name="chases")
    on = models.DateTimeField(auto_now_add=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    how = models.CharField(max_length=20, default="note")
    note = models.TextField()

    class Meta:
        ordering = ["-on"]

    def __str__(self):
        return f"Chase {self.on:%Y-%m-%d}"


class CaseExceptionRecord(TimeStampedModel):
    """An exception to the time limits (reg 10(4) and others), with its reason and dates."""

    case = models.ForeignKey(AssessmentCase, on_delete=models.CASCADE, related_name="exceptions")
    reason = models.CharField(max_length=20, choices=[(r.value, r.label) for r in ExceptionReason])
    start = models.DateField()
    end = models.DateField()
    ref = models.CharField("Advice it delays", max_length=40, blank=True)
    # The time limits it delayed (clock rule keys, comma-separated); blank = every limit its
    # reason may excuse (records made before steps were named). clock/exceptions.py.
    steps = models.CharField("Time limits it delayed", max_length=120, blank=True)
    note = models.TextField()

    class Meta:
        ordering = ["start"]

    @property
    def step_keys(self) -> frozenset[str]:
        return frozenset(key for key in self.steps.split(",") if key)

    def __str__(self):
        return f"{self.reason} {self.start}-{self.end}"


class LaterRequest(TimeStampedModel):
    """Another request for a child whose case is still open (issue 19): one open request a child,
    so it joins that case, with its own requester and reasons, and the case keeps its one clock."""

    case = models.ForeignKey(AssessmentCase, on_delete=models.CASCADE, related_name="later_requests")
    source = models.CharField(max_length=2, choices=RequestSource.choices)
    requester_name = models.CharField("Who made the request", max_length=200, blank=True)
    received_on = models.DateField("Date the request was received")
    reasons = models.TextField("Reasons for the request")
    consent_given = models.BooleanField(default=False)

    class Meta:
        ordering = ["received_on", "pk"]

    def __str__(self):
        return f"Later request on {self.case}"


class CaseNote(TimeStampedModel):
    case = models.ForeignKey(AssessmentCase, on_delete=models.CASCADE, related_name="notes")
    text = models.TextField()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Note on {self.case}"


class CaseDocument(TimeStampedModel):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(AssessmentCase, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(max_length=200)
    file = models.FileField(upload_to="cases/%Y/%m/")
    content_type = models.CharField(max_length=100)
    # Families see the documents on their child's case, except one holding someone else's
    # information (a third party's report, a safeguarding note), which staff keep back.
    withheld_from_family = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.title


class PanelMeeting(TimeStampedModel):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    meets_on = models.DateField(db_index=True)
    title = models.CharField(max_length=200, default="EHC multi-agency panel")
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="panel_meetings", blank=True)
    attended = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="+", blank=True)

    class Meta:
        ordering = ["-meets_on"]

    def __str__(self):
        return f"{self.title} {self.meets_on}"


class PanelQuestion(models.TextChoices):
    ASSESS = "assess", "Whether to assess"
    ISSUE = "issue", "Whether to issue a plan"
    PROVISION = "provision", "Provision or placement"


class PanelDecision(models.TextChoices):
    AGREED = "agreed", "Agreed"
    DECLINED = "declined", "Declined"
    DEFERRED = "deferred", "Deferred for more information"


class PanelItem(TimeStampedModel):
    meeting = models.ForeignKey(PanelMeeting, on_delete=models.CASCADE, related_name="items")
    case = models.ForeignKey(AssessmentCase, on_delete=models.CASCADE, related_name="panel_items")
    question = models.CharField(max_length=20, choices=PanelQuestion.choices)
    decision = models.CharField(max_length=20, choices=PanelDecision.choices, blank=True)
    reasons = models.TextField(blank=True)

    class Meta:
        ordering = ["meeting__meets_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "case", "question"], name="one_item_per_question")
        ]

    def __str__(self):
        return f"{self.case} {self.question}"
