"""Children and young people, their parents and carers, and the schools and settings they attend."""

import uuid
from datetime import date

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from clock import dates
from core.models import TimeStampedModel, VersionedModel
from people import codelists
from people.search import fold


class Setting(VersionedModel):
    """A school, college or early years setting (from DfE Get Information about Schools)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    urn = models.PositiveIntegerField("URN", null=True, blank=True, unique=True)
    ukprn = models.CharField("UKPRN", max_length=8, blank=True)
    name = models.CharField(max_length=200)
    la_code = models.CharField("LA code", max_length=3, blank=True)
    establishment_type = models.CharField(max_length=100, blank=True)
    phase = models.CharField(max_length=20, choices=codelists.SETTING_PHASE, blank=True)
    setting_type = models.CharField(max_length=20, choices=codelists.SETTING_TYPE, db_index=True)
    is_open = models.BooleanField(default=True)
    # What the school has (GIAS records both): SEN2 SENunitIndicator / ResourcedProvisionIndicator.
    has_sen_unit = models.BooleanField("Has an SEN unit", default=False)
    has_resourced_provision = models.BooleanField("Has resourced provision", default=False)
    statutory_low_age = models.PositiveSmallIntegerField(null=True, blank=True)
    statutory_high_age = models.PositiveSmallIntegerField(null=True, blank=True)
    address = models.CharField(max_length=300, blank=True)
    town = models.CharField(max_length=100, blank=True)
    postcode = models.CharField(max_length=8, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["name"])]

    def __str__(self):
        return self.name

    @property
    def in_area(self) -> bool:
        return not self.la_code or self.la_code == settings.AREA_LA_CODE


class SchoolMembership(TimeStampedModel):
    """A professional who acts for a school (its SENCo, say). Access to pupils follows the
    school: when a SENCo leaves, the school adds the next one and nothing is locked away."""

    setting = models.ForeignKey(Setting, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="school_memberships"
    )
    is_active = models.BooleanField(default=True)
    # The school's administrator adds and removes its SENCos on the portal, so access follows the
    # school without waiting for the area's administrator.
    is_school_admin = models.BooleanField("School administrator", default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["setting", "user"], name="one_membership_per_school")]


class Child(VersionedModel):
    """A child or young person (0-25) known to the SEND service."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    legal_first_name = models.CharField("First name (legal)", max_length=100)
    legal_last_name = models.CharField("Last name (legal)", max_length=100)
    preferred_name = models.CharField("Preferred name", max_length=100, blank=True)
    # "first last preferred" folded for name search (people/search.py fold); kept by save().
    search_name = models.CharField(max_length=320, db_index=True, editable=False)
    date_of_birth = models.DateField(db_index=True)
    upn = models.CharField("UPN", max_length=13, unique=True, null=True, blank=True)
    nhs_number = models.CharField("NHS number", max_length=10, unique=True, null=True, blank=True)
    uln = models.CharField("ULN", max_length=10, blank=True)
    sex = models.CharField(max_length=1, choices=codelists.SEX, default="U")
    gender_identity = models.CharField(max_length=50, blank=True)
    ethnicity = models.CharField(max_length=4, choices=codelists.ETHNICITY, default="NOBT")
    first_language = models.CharField(max_length=3, choices=codelists.FIRST_LANGUAGE, default="ENG")
    interpreter_needed = models.BooleanField(default=False)
    address = models.CharField(max_length=300, blank=True)
    postcode = models.CharField(max_length=8, blank=True)
    setting = models.ForeignKey(
        Setting, null=True, blank=True, on_delete=models.SET_NULL, related_name="pupils"
    )
    # Taught out of year group: the national curriculum year the school teaches them in.
    year_group_override = models.SmallIntegerField(null=True, blank=True)
    sen_provision = models.CharField(
        max_length=1, choices=codelists.SEN_PROVISION, default="N", db_index=True
    )
    primary_need = models.CharField(max_length=4, choices=codelists.SEN_TYPE, blank=True)
    secondary_need = models.CharField(max_length=4, choices=codelists.SEN_TYPE, blank=True)
    social_care_status = models.CharField(max_length=3, choices=codelists.SOCIAL_CARE_STATUS, blank=True)
    # Statutory returns (SEN2, Ofsted Annex A): see performance/returns/.
    upn_unknown_reason = models.CharField(
        "Why there is no UPN or ULN", max_length=4, choices=codelists.UPN_UNKNOWN, blank=True
    )
    setting_started_on = models.DateField("Started at this school or setting on", null=True, blank=True)
    # Whether the child's place at their school is in its SEN unit or resourced provision (SEN2
    # PlacementDetail SENunitIndicator, ResourcedProvisionIndicator).
    specialist_provision = models.CharField(
        "Place in the school's SEN unit or resourced provision",
        max_length=10,
        choices=codelists.SPECIALIST_PROVISION,
        blank=True,
    )
    sen2_setting = models.CharField(
        "Where they are, if not at a school or college",
        max_length=4,
        choices=codelists.SEN2_SETTING,
        blank=True,
    )
    # SEN2 SENSettingOther: what the arrangement is, when SENSetting is "Other" or "Not in
    # education: other" (the DfE asks for it in COLLECT).
    sen2_setting_other = models.CharField("Describe the other arrangement", max_length=100, blank=True)
    # SEN2 PlacementDetail RES and WBP: the place is residential (boarding), or is work-based
    # learning (an apprenticeship, traineeship or supported internship).
    residential_placement = models.BooleanField(
        "Boards at this school or college (residential)", default=False
    )
    work_based_learning = models.BooleanField(
        "In work-based learning (apprenticeship, traineeship or supported internship)", default=False
    )
    # Detained in relevant youth accommodation (CFA 2014 Part 3, s.70-75): SEN2 RYA marks a request
    # for assessment made while the young person was detained.
    detained_from = models.DateField("Detained in youth accommodation from", null=True, blank=True)
    detained_until = models.DateField("Detained in youth accommodation until", null=True, blank=True)
    subsidiary_setting = models.ForeignKey(
        Setting,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="Second school or setting (dual registration)",
    )
    suspensions = models.PositiveSmallIntegerField("Suspensions this school year", null=True, blank=True)
    permanent_exclusions = models.PositiveSmallIntegerField(
        "Permanent exclusions this school year", null=True, blank=True
    )
    absence_percent = models.DecimalField(
        "Absence this school year (% of sessions)", max_digits=4, decimal_places=1, null=True, blank=True
    )
    pupil_premium = models.BooleanField("Eligible for the pupil premium", default=False)
    social_care_team = models.CharField(
        "Children's social care team", max_length=20, choices=codelists.SOCIAL_CARE_TEAM, blank=True
    )
    disability = models.CharField(
        "Has a disability (Equality Act 2010)", max_length=1, choices=codelists.DISABILITY, blank=True
    )
    # A young person (16-25) with their own account.
    own_account = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="own_child_record",
    )
    # Over compulsory school age the young person decides whether their parents see their plan,
    # documents and messages (CoP 8.13-8.17); the rule is people.access.parent_may_see.
    # None: not asked yet; True/False: their answer.
    parents_may_see = models.BooleanField(null=True, blank=True)
    parents_decided_at = models.DateTimeField(null=True, blank=True)
    # Recorded by a caseworker (with the reason, audited): the young person lacks the mental
    # capacity to decide (Mental Capacity Act 2005; CoP 8.9-8.12), so their parent acts for them.
    lacks_capacity = models.BooleanField(default=False)
    capacity_reason = models.TextField(blank=True)
    history = HistoricalRecords(excluded_fields=["search_name"])

    class Meta:
        ordering = ["legal_last_name", "legal_first_name"]
        verbose_name_plural = "children"
        indexes = [
            models.Index(fields=["legal_last_name", "legal_first_name"]),
            models.Index(fields=["setting", "sen_provision"]),
            # The children and case lists filter by primary need.
            models.Index(fields=["primary_need"], name="people_child_need_idx"),
        ]

    def __str__(self):
        return self.full_name

    def save(self, *args, **kwargs):
        self.search_name = self.build_search_name()
        super().save(*args, **kwargs)

    def build_search_name(self) -> str:
        parts = [self.legal_first_name, self.legal_last_name, self.preferred_name]
        return fold(" ".join(p for p in parts if p))

    @property
    def full_name(self) -> str:
        return f"{self.legal_first_name} {self.legal_last_name}"

    @property
    def known_as(self) -> str:
        return self.preferred_name or self.legal_first_name

    def year_group(self, on: date | None = None) -> int:
        if self.year_group_override is not None:
            return self.year_group_override
        return dates.national_curriculum_year(self.date_of_birth, on or dates.today())

    def year_group_label(self, on: date | None = None) -> str:
        return dates.year_group_label(self.year_group(on))

    def key_stage(self, on: date | None = None) -> str:
        return dates.key_stage(self.year_group(on))

    def key_stage_label(self, on: date | None = None) -> str:
        return dates.KEY_STAGE_LABELS[self.key_stage(on)]

    def age(self, on: date | None = None) -> int:
        return dates.age_on(self.date_of_birth, on or dates.today())


class ParentCarer(VersionedModel):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=30, blank=True)
    address = models.CharField(max_length=300, blank=True)
    postcode = models.CharField(max_length=8, blank=True)
    contact_preference = models.CharField(
        max_length=10, choices=codelists.CONTACT_PREFERENCE, default="email"
    )
    language = models.CharField(max_length=3, choices=codelists.FIRST_LANGUAGE, default="ENG")
    interpreter_needed = models.BooleanField(default=False)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="parent_carer",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["last_name", "first_name"]

    def __str__(self):
        return f"{self.first_name} {self.last_name}"


class ChildRelationship(TimeStampedModel):
    """A parent or carer's link to a child. Only a verified link opens the child's record to the
    parent's account; the area verifies it (an invitation, or a request a caseworker approves)."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="relationships")
    parent_carer = models.ForeignKey(ParentCarer, on_delete=models.CASCADE, related_name="relationships")
    relationship = models.CharField(max_length=20, choices=codelists.RELATIONSHIP)
    parental_responsibility = models.BooleanField(default=True)
    verified = models.BooleanField(default=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["child", "parent_carer"], name="one_link_per_parent")]


class RetentionProposal(models.Model):
    """One manager's proposal to delete a record past the retention date; a second manager approves
    it (people.retention.delete_record), so no one person can erase a child's record and its audit
    trail. It keeps the date of birth the proposer saw: if that changes, the proposal lapses."""

    child = models.OneToOneField(Child, on_delete=models.CASCADE, related_name="retention_proposal")
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    proposed_at = models.DateTimeField(auto_now_add=True)
    date_of_birth_seen = models.DateField()

    def __str__(self):
        return f"Retention deletion proposed by {self.proposed_by} on {self.proposed_at:%Y-%m-%d}"


class ProvisionCount(models.Model):
    """How many children have each SEN provision: the caseworker home's figures, read by key
    rather than counted over every child (68,000 at scale 4) on each request.

    Kept by triggers on the children's table (people/provision_counts.py), so every way a child is
    added, changed or removed (forms, API, imports, bulk_create, queryset.update, deletes) keeps
    it exact; people.apps installs them and recounts after each migrate.
    """

    sen_provision = models.CharField(max_length=1, primary_key=True, choices=codelists.SEN_PROVISION)
    children = models.IntegerField(default=0)

    def __str__(self):
        return f"{self.sen_provision}: {self.children}"
