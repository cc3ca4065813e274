from django.contrib.auth.models import AbstractUser
from django.db import models
from simple_history.models import HistoricalRecords

from accounts.roles import STAFF_ROLES, ProfessionalType, Role


class User(AbstractUser):
    """A person who signs in. What they may see follows from `role` and, for families and
    professionals, from their relationships to children (people.access)."""

    role = models.CharField(max_length=20, choices=Role.choices, db_index=True)
    professional_type = models.CharField(max_length=20, choices=ProfessionalType.choices, blank=True)
    job_title = models.CharField(max_length=100, blank=True)
    phone = models.CharField(max_length=30, blank=True)
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
