"""Organisations, their services, where they run, how to contact them and how they are classified.

Every record here is published over Open Referral UK, so each has a UUID as its public id.
"""

import uuid
from datetime import date

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from simple_history.models import HistoricalRecords

from core.models import TimeStampedModel, VersionedModel
from directory.choices import FundingType, LocationType, ReferralRoute, ServiceStatus


class Organization(TimeStampedModel):
    """A council team, NHS trust, school, charity or business that runs services."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(max_length=200, unique=True)
    description = models.TextField(blank=True)
    email = models.EmailField(blank=True)
    website = models.URLField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Taxonomy(models.Model):
    """A list of terms services are tagged with: categories, needs, health pathways."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=100)
    description = models.TextField()
    uri = models.URLField(blank=True)
    version = models.CharField(max_length=20, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "taxonomies"

    def __str__(self):
        return self.name


class TaxonomyTerm(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    taxonomy = models.ForeignKey(Taxonomy, on_delete=models.PROTECT, related_name="terms")
    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=100)
    description = models.TextField()
    # A plain-English need sits under the DfE SEN type it belongs to, so a search for the SEN type
    # also finds services described in plain words.
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["taxonomy", "position", "name"]

    def __str__(self):
        return self.name


class Service(VersionedModel):
    """One entry in the Local Offer. Providers never change it directly: their edits are
    ProposedChanges that a Local Offer editor approves (see directory.proposals)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="services")
    name = models.CharField(max_length=200)
    description = models.TextField("What it is")
    status = models.CharField(
        max_length=20, choices=ServiceStatus.choices, default=ServiceStatus.ACTIVE, db_index=True
    )
    url = models.URLField("Website", blank=True)
    email = models.EmailField(blank=True)
    is_free = models.BooleanField("Free to use", default=True, db_index=True)
    fees = models.TextField("Cost", blank=True)
    eligibility = models.TextField("Who it is for", blank=True)
    minimum_age = models.PositiveSmallIntegerField(null=True, blank=True)
    maximum_age = models.PositiveSmallIntegerField(null=True, blank=True)
    referral_route = models.CharField(
        "How to get it", max_length=20, choices=ReferralRoute.choices, default=ReferralRoute.SELF
    )
    how_to_access = models.TextField("How to get it: details", blank=True)
    when_available = models.TextField("When it runs", blank=True)
    languages = models.CharField(
        max_length=300, blank=True, help_text="Languages staff speak, separated by commas"
    )
    accessibility = models.TextField(blank=True)
    funding_type = models.CharField(max_length=20, choices=FundingType.choices, db_index=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_services",
        help_text="The provider who keeps this entry true",
    )
    review_due = models.DateField(db_index=True)
    last_checked = models.DateField(null=True, blank=True)
    # The review date a reminder has been sent for: a conditional UPDATE on it is the claim that
    # stops two reminder runs both e-mailing the owner (directory.reminders).
    reminder_sent_for = models.DateField(null=True, blank=True, editable=False)
    taxonomy_terms = models.ManyToManyField(TaxonomyTerm, related_name="services", blank=True)
    # Kept by directory.search: the words people search, and PostgreSQL's stemmed vector of them.
    search_text = models.TextField(blank=True, editable=False)
    search_vector = SearchVectorField(null=True, editable=False)
    history = HistoricalRecords(excluded_fields=["search_text", "search_vector", "reminder_sent_for"])

    class Meta:
        ordering = ["name"]
        indexes = [
            models.Index(fields=["owner", "review_due"]),
            models.Index(fields=["minimum_age", "maximum_age"]),
            models.Index(fields=["name"]),
        ]

    def __str__(self):
        return self.name

    def is_out_of_date(self, today: date) -> bool:
        return self.review_due < today

    @property
    def language_list(self) -> list[str]:
        return [part.strip() for part in self.languages.split(",") if part.strip()]

    @property
    def age_range(self) -> str:
        low, high = self.minimum_age, self.maximum_age
        if low is None and high is None:
            return "Any age"
        if low is None:
            return f"Up to {high} years old"
        if high is None:
            return f"{low} years and over"
        return f"{low} to {high} years old"


class Location(TimeStampedModel):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    location_type = models.CharField(
        max_length=20, choices=LocationType.choices, default=LocationType.PHYSICAL
    )
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    address_1 = models.CharField("Address", max_length=200, blank=True)
    city = models.CharField("Town or area", max_length=100, blank=True, db_index=True)
    state_province = models.CharField("County", max_length=100, blank=True)
    postcode = models.CharField(max_length=8, blank=True, db_index=True)
    country = models.CharField(max_length=2, default="GB")
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)

    class Meta:
        ordering = ["name"]
        # Distance searches take a bounding box on these first.
        indexes = [models.Index(fields=["latitude", "longitude"])]

    def __str__(self):
        return self.name

    @property
    def map_url(self) -> str:
        if self.latitude is None or self.longitude is None:
            return ""
        lat, lon = f"{self.latitude:.5f}", f"{self.longitude:.5f}"
        return f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=16/{lat}/{lon}"


class ServiceAtLocation(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="service_at_locations")
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="service_at_locations")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["service", "location"], name="one_link_per_place")]

    def __str__(self):
        return f"{self.service} at {self.location}"


class Contact(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(max_length=200, blank=True)
    title = models.CharField("Job title", max_length=200, blank=True)
    email = models.EmailField(blank=True)

    def __str__(self):
        return self.name or self.title or "Contact"


class Phone(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="phones")
    number = models.CharField(max_length=30)
    description = models.CharField(max_length=200, blank=True)

    def __str__(self):
        return self.number
