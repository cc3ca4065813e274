"""Shared model bases: who made and changed a record and when, and edit versions."""

from django.conf import settings
from django.db import models


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    modified_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    modified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        abstract = True


class VersionedModel(TimeStampedModel):
    """A record people edit through forms: `version` goes up by one on every saved edit, so an
    edit based on an older version can be refused (see core.concurrency)."""

    version = models.PositiveIntegerField(default=1)

    class Meta:
        abstract = True


class FormSubmission(models.Model):
    """One row per submitted form token: a second submit of the same form finds its row and
    creates nothing twice (see core.idempotency)."""

    token = models.UUIDField(unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    result_url = models.CharField(max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return str(self.token)
