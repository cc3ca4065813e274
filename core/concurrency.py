"""Refuse stale edits: two people editing one record cannot silently overwrite each other."""

from django.db import transaction
from django.db.models import F


class StaleEditError(Exception):
    """The record changed since the form was opened."""

    message = (
        "Someone else saved a change to this record after you opened it. "
        "Your changes have not been saved. Reload the page to see the latest version."
    )


def save_versioned(instance, expected_version: int, user=None) -> None:
    """Save `instance` only if the stored version is still `expected_version`.

    The conditional UPDATE bumps the version atomically on both SQLite and PostgreSQL, so of two
    concurrent saves exactly one wins; the full save that follows writes the fields (and history).
    """
    model = type(instance)
    with transaction.atomic():
        claimed = model.objects.filter(pk=instance.pk, version=expected_version).update(
            version=F("version") + 1
        )
        if not claimed:
            raise StaleEditError(StaleEditError.message)
        instance.version = expected_version + 1
        if user is not None:
            instance.modified_by = user
        instance.save()
