"""Refuse stale edits: two people editing one record cannot silently overwrite each other.

The one compare-and-increment path is `core.models.Versioned.claim` (VersionedModel's base; with
claim_edit, save_edit and claim_all around it); this module holds its error and the block that
makes one edit of several steps claim the record once."""

import contextvars
from contextlib import contextmanager

from django.db import transaction

from clock.case_events import OutOfOrder


class StaleEditError(OutOfOrder):
    """The record changed since the form was opened. A refusal like any other (every door that
    shows why a step was refused shows this one too), with one plain message wherever it happens."""

    message = (
        "Someone else saved a change to this record after you opened it. "
        "Your changes have not been saved. Reload the page to see the latest version."
    )

    def __init__(self, message=None):
        super().__init__(message or self.message)


# Records claimed by an enclosing `editing` block: (model label, pk).
_HELD = contextvars.ContextVar("opensend_held_edits", default=frozenset())


def held(model, pk) -> bool:
    return (model._meta.label, pk) in _HELD.get()


@contextmanager
def editing(instance, expected_version=None, user=None):
    """One edit made of several steps (asking for advice records an event; a plan step on a case
    records the case's step): the record is claimed once here, in one transaction, and the steps
    inside, whatever instance of the record they hold, do not claim it again."""
    with transaction.atomic():
        type(instance).claim(instance.pk, expected_version, user)
        token = _HELD.set(_HELD.get() | {(instance._meta.label, instance.pk)})
        try:
            yield instance
        finally:
            _HELD.reset(token)


def save_versioned(instance, expected_version: int, user=None) -> None:
    """`instance.save_edit(expected_version, user)` under its old name, for quality/services.py,
    which another change is rewriting this session: call save_edit, then delete this."""
    instance.save_edit(expected_version, user)
