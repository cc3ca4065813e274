"""Retention: records of young people past the area's retention age, listed for a manager to
review, and deleted with everything that points at them once a second manager approves (four eyes:
one proposes, another approves; both audited).

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
from django.utils import timezone
from simple_history.exceptions import NotHistoricalModelError
from simple_history.utils import get_history_model_for_model

from audit.models import Action
from audit.retention import erase_child_entries
from audit.services import record
from clock import dates
from clock import retention as rule
from people.models import Child, RetentionProposal


class NeedsSecondManager(ValueError):
    """A deletion needs an open proposal by one manager and approval by another."""


class HeldForReview(ValueError):
    """The date of birth changed recently and the change put the record past retention."""


HOLD_DAYS = 90  # how long a record stays held after a date-of-birth change moves it past retention


def held_until(child, today=None):
    """The day a hold ends, if the latest change of date of birth moved this record from within
    retention to past it fewer than HOLD_DAYS ago (a typo, or an attempt to erase a record, must
    not delete it); otherwise None. Read from the record's change history, in one query."""
    today = today or dates.today()
    changes = list(
        Child.history.filter(id=child.pk)
        .order_by("-history_date", "-history_id")
        .values_list("date_of_birth", "history_date")[:200]
    )
    cutoff = rule.born_on_or_before(today, *schedule())
    for (born, changed_at), (born_before, _) in zip(changes, changes[1:], strict=False):
        if born != born_before:
            if born <= cutoff < born_before:
                until = rule.hold_ends(timezone.localdate(changed_at), HOLD_DAYS)
                return until if until > today else None
            return None
    return None


def _refuse_if_held(child):
    until = held_until(child)
    if until:
        raise HeldForReview(
            "The date of birth was changed recently, which put this record past the retention date: "
            f"it is held for review until {until:%-d %B %Y}. Check the date of birth is right"
        )


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


def open_proposal(child):
    """The standing proposal to delete this record, if any. One made before the date of birth
    changed has lapsed (the record is held for a fresh review, never deleted on the old check)."""
    proposal = RetentionProposal.objects.select_related("proposed_by").filter(child=child).first()
    if proposal and proposal.date_of_birth_seen != child.date_of_birth:
        proposal.delete()
        return None
    return proposal


@transaction.atomic
def propose_deletion(request, child) -> RetentionProposal:
    """The first manager's step: nothing is deleted until another manager approves."""
    if not due_for_review().filter(pk=child.pk).exists():
        raise ValueError("This record is not past the retention date")
    Child.objects.select_for_update().filter(pk=child.pk).first()  # one proposal, however many clicks
    _refuse_if_held(child)
    proposal = open_proposal(child)
    if proposal is None:
        proposal = RetentionProposal.objects.create(
            child=child, proposed_by=request.user, date_of_birth_seen=child.date_of_birth
        )
        record(
            request, Action.UPDATE, child=child, obj=child,
            summary="Proposed deleting this record under the retention schedule (needs a second manager)",
        )  # fmt: skip
    return proposal


@transaction.atomic
def withdraw_proposal(request, child) -> None:
    deleted, _ = RetentionProposal.objects.filter(child=child).delete()
    if deleted:
        summary = "Withdrew the retention deletion proposal"
        record(request, Action.UPDATE, child=child, obj=child, summary=summary)


@transaction.atomic
def delete_record(request, child) -> dict[str, int]:
    """The second manager's approval: delete the child's record and everything held about them;
    returns rows deleted per table."""
    if not due_for_review().filter(pk=child.pk).exists():
        raise ValueError("This record is not past the retention date")
    Child.objects.select_for_update().filter(pk=child.pk).first()
    _refuse_if_held(child)
    proposal = open_proposal(child)
    approver = getattr(request, "user", None)
    if proposal is None:
        raise NeedsSecondManager("No manager has proposed deleting this record")
    if approver is None or not approver.is_authenticated or approver.pk == proposal.proposed_by_id:
        raise NeedsSecondManager("A second manager, not the one who proposed it, must approve the deletion")
    proposed_by, proposed_at = proposal.proposed_by, proposal.proposed_at
    public_id = child.public_id
    # The one path that removes audit rows (audit/retention.py); the summary below replaces them.
    audit_erased = erase_child_entries(child)
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
    counts["audit.AuditEvent"] += sum(audit_erased.values())
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
        audit_entries_replaced=audit_erased,
        proposed_by=proposed_by.username,
        proposed_at=proposed_at.isoformat(),
        approved_by=approver.username,
    )
    return counts
