"""Messages between a family and the area about one child.

Each child has one conversation. A message from the family gets a reply-by date (the area's
service level, in working days: messaging.service_level); the area's next message in the
conversation answers every family message still waiting, and records whether it was in time.
"""

import uuid

from django.conf import settings
from django.db import models


class Conversation(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    child = models.OneToOneField("people.Child", on_delete=models.CASCADE, related_name="conversation")
    created_at = models.DateTimeField(auto_now_add=True)
    last_message_at = models.DateTimeField(null=True, blank=True, db_index=True)
    # The reply-by date of the oldest family message still waiting for the area (None when none
    # waits): the inbox sorts and flags on it without looking at every message.
    reply_due_on = models.DateField(null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["-last_message_at"]

    def __str__(self):
        return f"Conversation {self.public_id}"


class Message(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="messages")
    from_family = models.BooleanField()
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Kept as text too, so the thread still says who wrote if an account is renamed or removed.
    sender_name = models.CharField(max_length=200)
    body = models.TextField()
    sent_at = models.DateTimeField(db_index=True)
    # When the other side first opened the conversation after this message arrived.
    read_at = models.DateTimeField(null=True, blank=True)
    # Family messages only: the service level's date, and when (and whether in time) the area answered.
    reply_by = models.DateField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_in_time = models.BooleanField(null=True, blank=True)

    class Meta:
        ordering = ["sent_at", "pk"]
        indexes = [models.Index(fields=["from_family", "sent_at"])]

    def __str__(self):
        return f"Message {self.public_id}"

    @property
    def waiting(self) -> bool:
        return self.from_family and self.answered_at is None


class MessageAttachment(models.Model):
    """A file sent with a message (a report, a letter), checked like every upload (core.uploads):
    stored under a random name, its original name kept only as the title."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="attachments")
    title = models.CharField(max_length=200)
    file = models.FileField(upload_to="messages/%Y/%m/")
    content_type = models.CharField(max_length=100)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.title
