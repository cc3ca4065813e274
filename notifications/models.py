"""Every message the service sends (or queues for print), and the wording of decision letters."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from core.models import VersionedModel


class Channel(models.TextChoices):
    EMAIL = "email", "Email"
    SMS = "sms", "Text message"
    LETTER = "letter", "Letter"


class Status(models.TextChoices):
    SENT = "sent", "Sent"
    QUEUED_FOR_PRINT = "queued_for_print", "Queued for print"
    POSTED = "posted", "Printed and posted"
    FAILED = "failed", "Failed"


class MessageType(models.TextChoices):
    REQUEST_RECEIVED = "request_received", "Request received"
    DECIDED_TO_ASSESS = "decided_to_assess", "Decided to assess"
    DECIDED_NOT_TO_ASSESS = "decided_not_to_assess", "Decided not to assess"
    ADVICE_REQUESTED = "advice_requested", "Advice requested"
    ADVICE_DUE_SOON = "advice_due_soon", "Advice due soon"
    ADVICE_OVERDUE = "advice_overdue", "Advice overdue"
    ADVICE_CANCELLED = "advice_cancelled", "Advice no longer needed"
    DECIDED_TO_ISSUE = "decided_to_issue", "Decided to issue a plan"
    DECIDED_NOT_TO_ISSUE = "decided_not_to_issue", "Decided not to issue a plan"
    DRAFT_SERVED = "draft_served", "Draft plan sent"
    FINAL_ISSUED = "final_issued", "Final plan issued"
    MESSAGE_REPLY = "message_reply", "Reply to a family's message"


class Notification(models.Model):
    """One message to one person: a log of what we told whom, how, and whether it went."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    parent_carer = models.ForeignKey(
        "people.ParentCarer", null=True, blank=True, on_delete=models.SET_NULL, related_name="notifications"
    )
    case = models.ForeignKey(
        "casework.AssessmentCase",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="notifications",
    )
    # The event that caused it: telling people about one event twice is refused (events.py).
    case_event = models.ForeignKey(
        "casework.CaseEvent", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # A letter to print with it (the decision letter), for families who get post.
    document = models.ForeignKey(
        "casework.CaseDocument", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    channel = models.CharField(max_length=10, choices=Channel.choices)
    message_type = models.CharField(max_length=30, choices=MessageType.choices)
    subject = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    link = models.CharField(max_length=300, help_text="The path of the page the message is about")
    status = models.CharField(max_length=20, choices=Status.choices)
    error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    posted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(user__isnull=True) | models.Q(parent_carer__isnull=True),
                name="notification_has_one_recipient",
            )
        ]

    def __str__(self):
        return f"{self.get_message_type_display()} by {self.get_channel_display().lower()}"

    @property
    def recipient(self):
        return self.user or self.parent_carer


class LetterKind(models.TextChoices):
    """Decision letters; the values match the case events that lead to them."""

    DECIDED_TO_ASSESS = "decided_to_assess", "Decided to assess"
    DECIDED_NOT_TO_ASSESS = "decided_not_to_assess", "Decided not to assess"
    DECIDED_TO_ISSUE = "decided_to_issue", "Decided to issue a plan"
    DECIDED_NOT_TO_ISSUE = "decided_not_to_issue", "Decided not to issue a plan"


class LetterTemplate(VersionedModel):
    """The wording of one kind of decision letter, edited by managers. Placeholders in braces
    ({child_first_name}) are filled in when a letter is made (casework.letters)."""

    kind = models.CharField(max_length=30, choices=LetterKind.choices, unique=True)
    title = models.CharField(max_length=200)
    body = models.TextField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["kind"]

    def __str__(self):
        return self.get_kind_display()
