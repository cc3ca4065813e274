"""Disagreement resolution: mediation, tribunal appeals with their orders, and complaints.

Due dates come from the clock engine (casework.clock.disagreements) and are stored by the
services, so lists of what is due or overdue are one query."""

import uuid

from django.db import models

from casework.clock.disagreements import ORDER_PERIODS
from core.models import TimeStampedModel, VersionedModel


class About(models.TextChoices):
    """Which decision is disputed: SEN2 reports mediation and tribunals against the request
    (a decision not to assess) or the assessment (not to issue a plan, or the plan itself)."""

    REQUEST = "request", "The decision not to carry out an assessment"
    ASSESSMENT = "assessment", "The decision not to issue a plan, or what the plan says"


class MediationOutcome(models.TextChoices):
    AGREED = "agreed", "Agreement reached"
    PARTLY = "partly", "Agreement on some issues"
    NOT_AGREED = "not_agreed", "No agreement"
    WITHDRAWN = "withdrawn", "Withdrawn"


class MediationCase(VersionedModel):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="mediations")
    case = models.ForeignKey(
        "casework.AssessmentCase", null=True, blank=True, on_delete=models.PROTECT, related_name="mediations"
    )
    about = models.CharField("What the disagreement is about", max_length=20, choices=About.choices)
    requested_on = models.DateField("Date the family contacted the mediation adviser")
    information_only = models.BooleanField(
        "The family only wanted information about mediation", default=False
    )
    certificate_issued_on = models.DateField("Date the certificate was issued", null=True, blank=True)
    held_on = models.DateField("Date mediation was held", null=True, blank=True)
    outcome = models.CharField(max_length=20, choices=MediationOutcome.choices, blank=True)
    # From the clock engine, kept for lists: the certificate (when known) and the meeting.
    certificate_due_on = models.DateField(null=True, blank=True, db_index=True)
    mediation_due_on = models.DateField(null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["-requested_on", "-pk"]

    def __str__(self):
        return f"Mediation asked for on {self.requested_on:%-d %B %Y}"


class AppealOutcome(models.TextChoices):
    UPHELD = "upheld", "Appeal upheld"
    PARTLY = "partly", "Appeal partly upheld"
    DISMISSED = "dismissed", "Appeal dismissed"
    CONCEDED = "conceded", "Conceded by the area"
    WITHDRAWN = "withdrawn", "Withdrawn by the family"


class TribunalAppeal(VersionedModel):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="tribunal_appeals")
    case = models.ForeignKey(
        "casework.AssessmentCase", null=True, blank=True, on_delete=models.PROTECT, related_name="appeals"
    )
    about = models.CharField("What the appeal is about", max_length=20, choices=About.choices)
    registered_on = models.DateField("Date the tribunal registered the appeal")
    grounds = models.TextField("Grounds of appeal")
    hearing_on = models.DateField("Hearing date", null=True, blank=True)
    outcome = models.CharField(max_length=20, choices=AppealOutcome.choices, blank=True)
    decided_on = models.DateField("Date of the decision", null=True, blank=True)

    class Meta:
        ordering = ["-registered_on", "-pk"]

    def __str__(self):
        return f"Appeal registered on {self.registered_on:%-d %B %Y}"


ORDER_KIND_CHOICES = [(kind.value, label) for kind, (label, _weeks, _source) in ORDER_PERIODS.items()]


class TribunalOrder(TimeStampedModel):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    appeal = models.ForeignKey(TribunalAppeal, on_delete=models.CASCADE, related_name="orders")
    kind = models.CharField("What the tribunal ordered", max_length=20, choices=ORDER_KIND_CHOICES)
    made_on = models.DateField("Date of the order")
    due_on = models.DateField(db_index=True)  # from the clock engine (reg 44(2))
    complied_on = models.DateField("Date the area complied", null=True, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["due_on", "pk"]


class Complaint(VersionedModel):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    child = models.ForeignKey(
        "people.Child", null=True, blank=True, on_delete=models.PROTECT, related_name="complaints"
    )
    complainant = models.CharField("Who made the complaint", max_length=200)
    summary = models.TextField("What the complaint is about")
    received_on = models.DateField("Date the complaint was received")
    response_due_on = models.DateField(db_index=True)  # from the clock engine
    responded_on = models.DateField("Date of the response", null=True, blank=True)

    class Meta:
        ordering = ["-received_on", "-pk"]
