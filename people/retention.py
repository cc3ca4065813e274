"""Retention: records of young people past the area's retention age, listed for a manager to
review, and deleted with everything that points at them.

Deleting takes the child's record, every row that depends on it (cases, plans, reviews, messages,
documents and their files, and their change history) and the audit log's entries about the child
(which name the people who read the record and what they did; they are past retention too). One
new audit entry says a record was deleted under the schedule, by whom, and how many rows of each
kind went: only the record's random public id, no name, date of birth or other personal data.
"""

from collections import Counter, defaultdict

from django.conf import settings
from django.db import models, router, transaction
from django.db.models.deletion import Collector, ProtectedError, RestrictedError
from simple_history.exceptions import NotHistoricalModelError
from simple_history.utils import get_history_model_for_model

from audit.models import Action, AuditEvent
from audit.services import record
from casework.clock import retention as rule
from core import dates
from people.models import Child


def schedule() -> tuple[int, int]:
    return settings.RETENTION_AGE_YEARS, settings.RETENTION_EXTRA_YEARS


def due_for_review(today=None):
    """Children whose records are past the retention date on `today`, oldest first."""
    cutoff = rule.born_on_or_before(today or dates.today(), *schedule())
    return Child.objects.filter(date_of_birth__lte=cutoff).order_by("date_of_birth", "pk")


def review_date(child):
    return rule.review_due(child.date_of_birth, *schedule())


class _Removed:
    """What a deletion took (noted before deleting: Django clears the instances' primary keys)."""

    def __init__(self):
        self.pks = defaultdict(set)
        self.fast_counts = Counter()
        self.files = []


def _collect(obj, into):
    """Everything deleting `obj` takes, including what PROTECT or RESTRICT would otherwise keep."""
    while True:
        collector = Collector(using=router.db_for_write(type(obj)), origin=obj)
        try:
            collector.collect([obj])
        except ProtectedError as error:
            for blocker in list(error.protected_objects):
                _delete(blocker, into)
            continue
        except RestrictedError as error:
            for blocker in list(error.restricted_objects):
                _delete(blocker, into)
            continue
        return collector


def _delete(obj, removed):
    collector = _collect(obj, removed)
    for model, instances in collector.data.items():
        removed.pks[model].update(i.pk for i in instances)
        removed.files += [
            getattr(i, f.name) for i in instances for f in model._meta.concrete_fields
            if isinstance(f, models.FileField) and getattr(i, f.name)
        ]  # fmt: skip
    for queryset in collector.fast_deletes:
        removed.fast_counts[queryset.model._meta.label] += queryset.count()
    collector.delete()


@transaction.atomic
def delete_record(request, child) -> dict[str, int]:
    """Delete the child's record and everything held about them; returns rows deleted per table."""
    if not due_for_review().filter(pk=child.pk).exists():
        raise ValueError("This record is not past the retention date")
    public_id = child.public_id
    audit_rows = AuditEvent.objects.filter(child=child)
    audit_count = audit_rows.count()
    audit_rows._raw_delete(audit_rows.db)  # append-only in the app; retention is the one exception
    removed = _Removed()
    _delete(child, removed)
    counts = Counter(removed.fast_counts)
    for model, pks in removed.pks.items():
        counts[model._meta.label] += len(pks)
        try:
            history = get_history_model_for_model(model)
        except NotHistoricalModelError:
            continue
        # The change history (including the "deleted" rows just written) holds the same details.
        history_rows = history.objects.filter(id__in=pks)
        counts[history._meta.label] += history_rows.count()
        history_rows.delete()
    counts["audit.AuditEvent"] += audit_count
    counts = {label: n for label, n in sorted(counts.items()) if n}

    def remove_files():
        for stored in removed.files:
            stored.storage.delete(stored.name)

    transaction.on_commit(remove_files)
    # Action.UPDATE: the audit log has no "deleted" action yet (adding one needs a migration of the
    # shared audit app); the summary and detail say it was a deletion.
    record(
        request,
        Action.UPDATE,
        obj=None,
        summary="Deleted a young person's record under the retention schedule",
        deleted=True,
        record=str(public_id),
        schedule=f"date of birth + {schedule()[0]} years + {schedule()[1]} years",
        rows=counts,
    )
    return counts
