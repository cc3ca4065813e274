"""Portal records: linking a family's account to a child.

An account sees a child only through a verified link, and only the area verifies one: either the
caseworker invites the family (an `Invitation`, whose single-use token goes by email), or the
family asks (a `LinkRequest`) and a caseworker approves it after checking who they are.
"""

import hashlib
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel
from people import codelists

__all__ = ["Invitation", "InvitationFor", "LinkRequest", "LinkRequestStatus", "hash_token"]


def hash_token(token: str) -> str:
    """Only a hash of an invitation token is stored, so the database alone cannot be used to join."""
    return hashlib.sha256(token.encode()).hexdigest()


class InvitationFor(models.TextChoices):
    PARENT = "parent", _("A parent or carer")
    YOUNG_PERSON = "young_person", _("The young person themself")


class Invitation(TimeStampedModel):
    """An invitation to make a portal account linked to one child. Single use, and it expires."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    child = models.ForeignKey("people.Child", on_delete=models.CASCADE, related_name="portal_invitations")
    # The parent or carer on the child's record who is invited (empty when the young person is).
    parent_carer = models.ForeignKey(
        "people.ParentCarer", null=True, blank=True, on_delete=models.CASCADE, related_name="invitations"
    )
    invited = models.CharField(max_length=20, choices=InvitationFor.choices)
    email = models.EmailField()
    token_hash = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"Invitation {self.public_id}"

    @property
    def is_usable(self) -> bool:
        return self.accepted_at is None and self.withdrawn_at is None and self.expires_at > timezone.now()

    @property
    def status_label(self) -> str:
        if self.accepted_at:
            return _("Accepted")
        if self.withdrawn_at:
            return _("Withdrawn")
        if self.expires_at <= timezone.now():
            return _("Expired")
        return _("Waiting")


class LinkRequestStatus(models.TextChoices):
    WAITING = "waiting", _("Waiting for a caseworker")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Not approved")


class LinkRequest(TimeStampedModel):
    """A family's request to see a child's record, named as they know the child. A caseworker
    checks who they are and approves it (choosing the child) or rejects it with a reason."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="portal_link_requests"
    )
    child_first_name = models.CharField(_("Child's first name"), max_length=100)
    child_last_name = models.CharField(_("Child's last name"), max_length=100)
    child_date_of_birth = models.DateField(_("Child's date of birth"))
    relationship = models.CharField(max_length=20, choices=codelists.RELATIONSHIP)
    note = models.TextField(blank=True)
    status = models.CharField(
        max_length=20, choices=LinkRequestStatus.choices, default=LinkRequestStatus.WAITING, db_index=True
    )
    child = models.ForeignKey(
        "people.Child", null=True, blank=True, on_delete=models.SET_NULL, related_name="portal_link_requests"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self):
        return f"Link request {self.public_id}"
