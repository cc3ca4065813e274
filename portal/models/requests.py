"""Portal records: requests for an EHC needs assessment made online.

A request is saved on every page, so a family who is signed out half way (a timeout, a closed
browser) finds it again. It becomes an assessment case only when it is sent, exactly once.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel
from people import codelists

__all__ = ["AssessmentRequestDraft", "DraftDocument"]


class AssessmentRequestDraft(TimeStampedModel):
    """One online request for an assessment, from a family or a school, while it is being written
    and, once sent, as the record of what was sent and which case it opened."""

    class Route(models.TextChoices):
        FAMILY = "family", _("Parent, carer or young person")
        SCHOOL = "school", _("School or education setting")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Not sent yet")
        SENT = "sent", _("Sent")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assessment_request_drafts"
    )
    route = models.CharField(max_length=10, choices=Route.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True)
    # Which child: one the author may already see, or one described here ("a child not listed").
    child = models.ForeignKey(
        "people.Child", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    child_not_listed = models.BooleanField(default=False)
    child_first_name = models.CharField(max_length=100, blank=True)
    child_last_name = models.CharField(max_length=100, blank=True)
    child_date_of_birth = models.DateField(null=True, blank=True)
    child_school = models.CharField(max_length=200, blank=True)
    relationship = models.CharField(max_length=20, choices=codelists.RELATIONSHIP, blank=True)
    # The answers.
    needs = models.TextField(blank=True)
    current_support = models.TextField(blank=True)
    why_now = models.TextField(blank=True)
    contact_preference = models.CharField(max_length=10, choices=codelists.CONTACT_PREFERENCE, blank=True)
    # None until answered: "no" is an answer too.
    consent_given = models.BooleanField(null=True, blank=True)
    # Once sent.
    sent_at = models.DateTimeField(null=True, blank=True)
    case = models.OneToOneField(
        "casework.AssessmentCase",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="online_request",
    )

    class Meta:
        ordering = ["-modified_at"]
        indexes = [models.Index(fields=["author", "status"])]

    def __str__(self):
        return f"Request {self.public_id}"

    @property
    def is_sent(self) -> bool:
        return self.status == self.Status.SENT

    @property
    def child_name(self) -> str:
        if self.child_id:
            return self.child.full_name
        return f"{self.child_first_name} {self.child_last_name}".strip()


class DraftDocument(TimeStampedModel):
    """A document added to a request before it is sent (checked by what the file is)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    draft = models.ForeignKey(AssessmentRequestDraft, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(max_length=200)
    file = models.FileField(upload_to="requests/%Y/%m/")
    content_type = models.CharField(max_length=100)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.title
