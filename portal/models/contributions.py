"""Families' contributions to plans: Section A in their own words, and their response to a draft.

Section A words are kept as an append-only history: every save (a draft or a submission) is a new
row, so the caseworker can see who wrote what, and when (CoP 9.69 keeps the child's words apart from
their parents'). A response to a draft plan is written once per submit, with one comment per section.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["DraftComment", "DraftResponse", "SectionAStatus", "SectionAWords", "Voice"]


class Voice(models.TextChoices):
    FAMILY = "family", _("The family's views")
    CHILD = "child", _("All about me (the child's own words)")


class SectionAStatus(models.TextChoices):
    DRAFT = "draft", _("Saved, not sent")
    SUBMITTED = "submitted", _("Sent to the caseworker")


class SectionAWords(models.Model):
    """One saved version of the family's or the child's Section A words."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    child = models.ForeignKey("people.Child", on_delete=models.CASCADE, related_name="+")
    voice = models.CharField(max_length=10, choices=Voice.choices)
    number = models.PositiveIntegerField()  # 1, 2, ... for this child and voice
    status = models.CharField(max_length=10, choices=SectionAStatus.choices)
    views = models.TextField(blank=True)
    interests = models.TextField(blank=True)
    aspirations = models.TextField(blank=True)
    admired = models.TextField(blank=True)
    important = models.TextField(blank=True)
    support = models.TextField(blank=True)
    # The child's own picture, checked like every upload (casework.forms.check_upload).
    picture = models.FileField(upload_to="portal/all-about-me/%Y/%m/", blank=True)
    picture_type = models.CharField(max_length=100, blank=True)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    written_at = models.DateTimeField()

    class Meta:
        ordering = ["child", "voice", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["child", "voice", "number"], name="one_section_a_number")
        ]
        indexes = [models.Index(fields=["child", "voice", "status"])]

    def __str__(self):
        return f"{self.get_voice_display()} {self.number}"


class DraftResponse(models.Model):
    """What the family sent back about a draft plan (or proposed amendments) they were sent:
    the setting they want named, whether they want a meeting, and their comments by section."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    version = models.ForeignKey("plans.PlanVersion", on_delete=models.CASCADE, related_name="+")
    setting = models.ForeignKey(
        "people.Setting", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    setting_name = models.CharField(max_length=200, blank=True)
    wants_meeting = models.BooleanField(default=False)
    meeting_note = models.TextField(blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField()

    class Meta:
        ordering = ["version", "-submitted_at", "-pk"]

    def __str__(self):
        return f"Family response to {self.version}"

    @property
    def setting_asked_for(self) -> str:
        return self.setting.name if self.setting_id else self.setting_name


class DraftComment(models.Model):
    response = models.ForeignKey(DraftResponse, on_delete=models.CASCADE, related_name="comments")
    section = models.CharField(max_length=2)  # a code of plans.codes.SECTIONS
    text = models.TextField()

    class Meta:
        ordering = ["response", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["response", "section"], name="one_comment_per_section")
        ]

    def __str__(self):
        return f"Section {self.section}"
