"""The one way rows leave the audit log: a child's record deleted under the retention schedule.

`erase_child_entries` removes every entry about one child, returning how many of each action went,
so the caller (people.retention.delete_record, after a second manager's approval) writes the one
non-personal summary that replaces them, in the same transaction. Nothing else may delete audit
rows: the application refuses it (AuditEvent and its queryset), and on PostgreSQL the database does
too (audit/migrations/0003), letting a DELETE through only inside audit_erase_child_entries()."""

from collections import Counter

from django.db import connection, transaction
from django.db.models import Count

from audit.models import AuditEvent


def erase_child_entries(child) -> dict[str, int]:
    """Delete the child's audit entries; returns the number erased per action (no personal data)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("Erase audit entries only inside the retention deletion's transaction")
    entries = AuditEvent.objects.filter(child=child)
    counts = Counter(dict(entries.values_list("action").annotate(n=Count("id")).values_list("action", "n")))
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT audit_erase_child_entries(%s)", [child.pk])
            erased = cursor.fetchone()[0]
    else:
        erased = entries._raw_delete(entries.db)
    if erased != sum(counts.values()):
        raise RuntimeError("The audit entries changed while being erased")
    return dict(sorted(counts.items()))
