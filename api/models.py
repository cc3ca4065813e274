"""API tokens: how a partner system (health, social care, a school) signs in to the case API.

A token is issued to a staff or partner account (never a family's), with scopes saying what it may
do, an expiry, and a named owner: the person answerable for the system that holds the key."""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

from accounts.roles import FAMILY_ROLES

KEY_PREFIX = "osk_"  # makes a leaked key easy to recognise (and for secret scanners to find)
SHOWN_CHARS = 12  # how much of the key is kept in clear, so people can tell their tokens apart
LAST_USED_GRANULARITY = 60  # seconds: no write on every request, just often enough to be useful
DEFAULT_DAYS = 90  # a key lives a quarter unless issued for less; renewing it is a deliberate act
MAX_DAYS = 365


class Scope(models.TextChoices):
    READ_CASES = "read_cases", "Read children's records and assessment cases"
    WRITE_EVENTS = "write_events", "Record children, requests, case events and advice requests"
    READ_DIRECTORY = "read_directory", "Read the Local Offer directory"


class NotForFamilies(ValueError):
    """Tokens are for staff and partner systems: a family signs in to the portal instead."""


def may_hold_tokens(user) -> bool:
    return user.is_active and user.role not in FAMILY_ROLES


def hash_key(key: str) -> str:
    # The key is 256 random bits, so a fast hash is enough: there is nothing to guess.
    return hashlib.sha256(key.encode()).hexdigest()


class ApiToken(models.Model):
    """A key sent as `Authorization: Token <key>`. It acts as its user, with that user's
    permissions and nothing more. Only the key's SHA-256 is stored, so a copy of the database
    does not give the keys away; the key itself is shown once, when it is made."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, help_text="What the token is for, e.g. the partner system")
    prefix = models.CharField(max_length=SHOWN_CHARS, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    scopes = models.JSONField(default=list, help_text="What the token may do: a list of Scope values")
    expires_at = models.DateTimeField()
    owner = models.CharField(
        max_length=200, help_text="Who answers for the system holding the key, e.g. 'A. Khan, ICB EPR lead'"
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @classmethod
    def issue(
        cls, user, name: str, *, scopes=None, days: int = DEFAULT_DAYS, owner: str = ""
    ) -> tuple["ApiToken", str]:
        """A new token for `user`, and its key: the only time the key is known. Without `scopes`
        it may read cases and write events (not the directory); `owner` defaults to the user."""
        if not may_hold_tokens(user):
            raise NotForFamilies("API tokens are only for active staff and partner accounts")
        if scopes is None:
            scopes = [Scope.READ_CASES, Scope.WRITE_EVENTS]
        scopes = [Scope(s).value for s in scopes]
        if not scopes:
            raise ValueError("A token needs at least one scope")
        if not 1 <= days <= MAX_DAYS:
            raise ValueError(f"A token lives between 1 and {MAX_DAYS} days")
        key = KEY_PREFIX + secrets.token_urlsafe(32)
        token = cls.objects.create(
            user=user,
            name=name,
            prefix=key[:SHOWN_CHARS],
            key_hash=hash_key(key),
            scopes=sorted(set(scopes)),
            expires_at=timezone.now() + timedelta(days=days),
            owner=owner or user.get_full_name() or user.username,
        )
        return token, key

    def allows(self, scope: Scope) -> bool:
        return Scope(scope).value in self.scopes

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    def revoke(self) -> None:
        self.revoked_at = timezone.now()
        ApiToken.objects.filter(pk=self.pk, revoked_at__isnull=True).update(revoked_at=self.revoked_at)

    def mark_used(self) -> None:
        now = timezone.now()
        if self.last_used_at and (now - self.last_used_at).total_seconds() < LAST_USED_GRANULARITY:
            return
        self.last_used_at = now
        ApiToken.objects.filter(pk=self.pk).update(last_used_at=now)
