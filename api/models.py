"""API tokens: how a partner system (health, social care, a school) signs in to the case API."""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone

KEY_PREFIX = "osk_"  # makes a leaked key easy to recognise (and for secret scanners to find)
SHOWN_CHARS = 12  # how much of the key is kept in clear, so people can tell their tokens apart
LAST_USED_GRANULARITY = 60  # seconds: no write on every request, just often enough to be useful


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

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @classmethod
    def issue(cls, user, name: str) -> tuple["ApiToken", str]:
        """A new token for `user`, and its key: the only time the key is known."""
        key = KEY_PREFIX + secrets.token_urlsafe(32)
        token = cls.objects.create(user=user, name=name, prefix=key[:SHOWN_CHARS], key_hash=hash_key(key))
        return token, key

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
