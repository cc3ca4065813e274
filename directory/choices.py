"""The fixed lists a Local Offer entry is described with (HSDS 3.0 / Open Referral UK where it has one)."""

from django.db import models


class ServiceStatus(models.TextChoices):
    # HSDS 3.0 service.status values, spelt as the standard spells them.
    ACTIVE = "active", "Open"
    TEMPORARILY_CLOSED = "temporarily closed", "Temporarily closed"
    INACTIVE = "inactive", "Not running at the moment"
    DEFUNCT = "defunct", "Closed for good"


class FundingType(models.TextChoices):
    EDUCATION = "education", "Education"
    HEALTH = "health", "Health"
    SOCIAL_CARE = "social_care", "Social care"
    VOLUNTARY = "voluntary", "Voluntary and community"


class ReferralRoute(models.TextChoices):
    SELF = "self", "Contact them yourself"
    PROFESSIONAL = "professional", "A professional needs to refer you, for example your GP or school"
    EITHER = "either", "Contact them yourself, or ask a professional to refer you"


class LocationType(models.TextChoices):
    PHYSICAL = "physical", "A place you can visit"
    VIRTUAL = "virtual", "Online or by phone"


class ChangeStatus(models.TextChoices):
    PENDING = "pending", "Waiting for a decision"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Rejected"


class FeedbackKind(models.TextChoices):
    USEFUL = "useful", "Is this page useful?"
    PROBLEM = "problem", "Problem with this page"


class FeedbackStatus(models.TextChoices):
    NEW = "new", "New"
    DONE = "done", "Dealt with"
