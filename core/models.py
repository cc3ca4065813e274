"""Shared model bases: who made and changed a record and when, and edit versions."""

from django.conf import settings
from django.db import models, transaction
from django.db.models import F
from django.utils import timezone

from core import concurrency


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


class Versioned(models.Model):
    """A record people edit through forms: `version` goes up by one on every saved edit, so an
    edit based on an older version is refused with StaleEditError.

    `claim` is the one compare-and-increment path (UPDATE ... SET version = version + 1
    WHERE pk = ? AND version = ?): of two people saving an edit opened on the same version exactly
    one wins, on SQLite and PostgreSQL, and the winner's row stays locked until its transaction
    ends. Every change to a versioned record, by a page, the API, an import or a job, claims it.
    Records take it through VersionedModel; user accounts, which keep their own dates, directly."""

    version = models.PositiveIntegerField(default=1)

    class Meta:
        abstract = True

    @classmethod
    def claim(cls, pk, expected_version=None, user=None, **only_if) -> int:
        """Take the next version of record `pk` and return it, or raise StaleEditError when the
        record is no longer at `expected_version` (or no longer matches `only_if`, e.g. a draft's
        status). Without `expected_version` (imports, jobs, steps that need no form) the version
        still goes up, so forms opened before are refused. Inside a `core.concurrency.editing`
        block that already claimed this record (one edit of several steps) it only reads it."""
        rows = cls._base_manager.filter(pk=pk)
        if concurrency.held(cls, pk):
            return rows.values_list("version", flat=True).get()
        rows = rows.filter(**only_if)
        if expected_version is not None:
            rows = rows.filter(version=expected_version)
        if not rows.update(**cls._claim_changes(user)):
            raise concurrency.StaleEditError()
        if expected_version is not None:
            return expected_version + 1
        return cls._base_manager.filter(pk=pk).values_list("version", flat=True).get()

    @classmethod
    def claim_all(cls, pks, user=None) -> None:
        """`claim` without an expected version for many records at once (a whole import): one
        UPDATE, so forms opened on any of them before are refused."""
        cls._base_manager.filter(pk__in=pks).update(**cls._claim_changes(user))

    @classmethod
    def _claim_changes(cls, user) -> dict:
        changes = {"version": F("version") + 1}
        names = {field.name for field in cls._meta.concrete_fields}
        if "modified_at" in names:
            changes["modified_at"] = timezone.now()
        if user is not None and "modified_by" in names:
            changes["modified_by"] = user
        return changes

    def claim_edit(self, expected_version=None, user=None, **only_if) -> None:
        """`claim` for this record; its `version` becomes the claimed one."""
        self.version = type(self).claim(self.pk, expected_version, user, **only_if)

    def save_edit(self, expected_version=None, user=None, **save_options) -> None:
        """Claim the edit (as claim_edit) and save the record's fields, in one transaction."""
        with transaction.atomic():
            self.claim_edit(expected_version, user)
            if user is not None and hasattr(self, "modified_by"):
                self.modified_by = user
            if save_options.get("update_fields") is not None:
                stamped = {"modified_at"} & {field.name for field in self._meta.concrete_fields}
                save_options["update_fields"] = {*save_options["update_fields"], "version", *stamped}
            self.save(**save_options)


class VersionedModel(Versioned, TimeStampedModel):
    """A versioned record (see Versioned) that also says who made and changed it, and when."""

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
