import rules
from django.contrib.auth.models import AbstractUser
from django.db import models
from simple_history.models import HistoricalRecords

from accounts.roles import STAFF_ROLES, ProfessionalType, Role
from core.models import Versioned


class User(AbstractUser, Versioned):
    """A person who signs in. What they may see follows from `role` and, for families and
    professionals, from their relationships to children (people.access). `version` counts the
    administrators' edits of the account (its details, role, school, closing), so an edit made on
    an older page is refused."""

    role = models.CharField(max_length=20, choices=Role.choices, db_index=True)
    professional_type = models.CharField(max_length=20, choices=ProfessionalType.choices, blank=True)
    job_title = models.CharField(max_length=100, blank=True)
    phone = models.CharField(max_length=30, blank=True)
    # When the person proved they own `email` (an emailed single-use link); empty if never shown.
    email_verified_at = models.DateTimeField(null=True, blank=True)
    # Set when an administrator chose the password: the person must choose their own at sign-in.
    must_change_password = models.BooleanField(default=False)
    # How the person last signed in: "password", or "sso:<provider name>" (accounts/sso/).
    last_sign_in_method = models.CharField(max_length=60, blank=True)
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    class Meta:
        ordering = ["last_name", "first_name"]

    def __str__(self):
        return self.get_full_name() or self.username

    @property
    def requires_two_factor(self) -> bool:
        return self.role in STAFF_ROLES

    @property
    def role_label(self) -> str:
        if self.role == Role.PROFESSIONAL and self.professional_type:
            return self.get_professional_type_display()
        return self.get_role_display()

    def has_role(self, *roles) -> bool:
        return self.is_active and self.role in roles

    @property
    def reads_about_themselves(self) -> bool:
        """A young person reads their own record: pages say "you", not "your child" (CoP 8.13)."""
        return self.role == Role.YOUNG_PERSON

    def has_perm(self, perm, obj=None) -> bool:
        # Every permission is a rule (*/rules.py) and no one is granted Django's model permissions,
        # so the rules are asked directly: through the backends, each "no" made ModelBackend load
        # the user's model and group permissions (two queries on most signed-in pages).
        return self.is_active and (self.is_superuser or rules.has_perm(perm, self, obj))


class PendingFamilyAccount(models.Model):
    """A family's registration waiting for its email address to be verified.

    No User exists until the emailed single-use link is followed, so an unverified registration
    never holds an email address: an impostor's attempt cannot block the real owner's invitation,
    and nothing can be signed in to with it. Only a hash of the link's token is kept."""

    email = models.EmailField()
    first_name = models.CharField(max_length=150)
    last_name = models.CharField(max_length=150)
    password = models.CharField(max_length=128)  # already hashed, as on User
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    # A parent or carer, or a young person registering for themselves (CoP 8.13).
    role = models.CharField(
        max_length=20,
        choices=[(Role.PARENT.value, Role.PARENT.label), (Role.YOUNG_PERSON.value, Role.YOUNG_PERSON.label)],
        default=Role.PARENT,
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Pending family account {self.pk}"


class RoleChangeRequest(models.Model):
    """Raising someone to manager or administrator: one administrator asks, a second approves
    (four eyes). Both steps are audited; the role changes only on approval."""

    class Status(models.TextChoices):
        WAITING = "waiting", "Waiting for a second administrator"
        APPROVED = "approved", "Approved"
        REFUSED = "refused", "Refused"

    user = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="role_change_requests")
    from_role = models.CharField(max_length=20, choices=Role.choices)
    to_role = models.CharField(max_length=20, choices=Role.choices)
    requested_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.WAITING, db_index=True)
    decided_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["requested_at", "pk"]

    def __str__(self):
        return f"Role change request {self.pk}"


class ExternalIdentity(models.Model):
    """An account at an identity provider (the council's Entra ID, GOV.UK One Login) linked to an
    OpenSEND account. Made on the first sign-in that matched by a verified claim, or through a
    family's invitation; afterwards the provider's stable subject identifier alone finds the
    account. The provider never makes an account with a role: an administrator does."""

    user = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="external_identities")
    provider = models.CharField(max_length=50)
    subject = models.CharField(max_length=255)
    linked_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["provider", "subject"], name="one_account_per_provider_subject"),
            models.UniqueConstraint(fields=["provider", "user"], name="one_identity_per_provider_user"),
        ]

    def __str__(self):
        return f"{self.provider} identity {self.pk}"
