"""The quarterly dip-sample audit: each quarter the Local Offer team checks a random sample of
live service pages by hand and records whether each is still right (directory.dip_samples)."""

import uuid

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from directory.models.catalogue import Service


class Finding(models.TextChoices):
    CURRENT = "current", "Current"
    MINOR_CORRECTIONS = "minor_corrections", "Minor corrections"
    OUT_OF_DATE = "out_of_date", "Out of date"
    NO_LONGER_RUNNING = "no_longer_running", "No longer running"


class DipSample(models.Model):
    """One quarter's audit: the sample drawn at the start, and who started it.

    `seed` and `population` are kept so the same sample can be drawn again from the same
    services (directory.dip_samples.draw), which is how an auditor can check it was random.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # The first day of the quarter audited; one audit per quarter keeps the trend honest.
    quarter_start = models.DateField(unique=True)
    seed = models.PositiveIntegerField()
    share_percent = models.PositiveSmallIntegerField(default=10)
    population = models.PositiveIntegerField(help_text="Live services when the sample was drawn")
    started_at = models.DateTimeField(auto_now_add=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-quarter_start"]

    def __str__(self):
        return f"Dip-sample audit from {self.quarter_start:%B %Y}"


class DipSampleCheck(models.Model):
    """One sampled service page and what the check found (blank until it is checked)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    dip_sample = models.ForeignKey(DipSample, on_delete=models.CASCADE, related_name="checks")
    # Kept if the service is deleted later, so past quarters' results do not change.
    service = models.ForeignKey(
        Service, null=True, blank=True, on_delete=models.SET_NULL, related_name="dip_sample_checks"
    )
    service_name = models.CharField(max_length=200)
    organisation_name = models.CharField(max_length=200, blank=True)
    finding = models.CharField(max_length=20, choices=Finding.choices, blank=True, db_index=True)
    notes = models.TextField(blank=True)
    checked_at = models.DateTimeField(null=True, blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["service_name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["dip_sample", "service"], name="one_check_per_sampled_service")
        ]

    def __str__(self):
        return f"{self.service_name} ({self.dip_sample})"
