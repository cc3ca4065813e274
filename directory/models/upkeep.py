"""Keeping the Local Offer true: providers' proposed edits, families' feedback, and what changed."""

import uuid

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from directory.choices import ChangeStatus, FeedbackKind, FeedbackStatus
from directory.models.catalogue import Service


class ProposedChange(models.Model):
    """A provider's edit to a service, held until a Local Offer editor approves it.

    `changes` is {field: {"old": value, "new": value}} with JSON values (term lists as codes);
    `base_version` is the service version it was made against, so an edit of an entry that has
    changed since cannot be applied over the newer text.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="proposed_changes")
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    proposed_at = models.DateTimeField(auto_now_add=True)
    reason = models.TextField(blank=True)
    changes = models.JSONField()
    base_version = models.PositiveIntegerField()
    status = models.CharField(
        max_length=10, choices=ChangeStatus.choices, default=ChangeStatus.PENDING, db_index=True
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["proposed_at"]

    def __str__(self):
        return f"Change to {self.service}"


class Feedback(models.Model):
    """ "Is this page useful?" answers and problem reports. The text is whatever a member of the
    public typed: it is kept as plain text and only ever shown escaped."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(max_length=10, choices=FeedbackKind.choices)
    page = models.CharField(max_length=300)
    service = models.ForeignKey(
        Service, null=True, blank=True, on_delete=models.CASCADE, related_name="feedback"
    )
    useful = models.BooleanField(null=True)
    text = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    # Keyed hashes, not addresses: enough to slow down floods, useless for identifying anyone.
    client_hash = models.CharField(max_length=64, db_index=True)
    session_hash = models.CharField(max_length=64, db_index=True)
    status = models.CharField(max_length=10, choices=FeedbackStatus.choices, default=FeedbackStatus.NEW)

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = "feedback"

    def __str__(self):
        return f"{self.get_kind_display()} on {self.page}"


class YouSaidWeDid(models.Model):
    """What families told us about the Local Offer and what changed because of it."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    you_said = models.TextField("You said")
    we_did = models.TextField("We did")
    published = models.BooleanField(default=False)
    published_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-published_on", "-created_at"]
        verbose_name_plural = "you said, we did"

    def __str__(self):
        return self.you_said[:60]
