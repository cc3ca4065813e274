"""The audit log is append-only in the database itself (PostgreSQL, marker `postgres`): the
application's own connection cannot UPDATE or DELETE an entry, even with raw SQL; only the retention
function (audit/retention.py) removes a child's entries."""

import pytest
from django.db import DatabaseError, connection, transaction

from audit.models import Action, AuditEvent
from audit.retention import erase_child_entries
from audit.services import record

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


@pytest.fixture
def entry(area):
    return record(None, Action.VIEW, child=area.own_child, obj=area.own_child, summary="Read the record")


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE audit_auditevent SET summary = 'nothing happened' WHERE id = %s",
        "DELETE FROM audit_auditevent WHERE id = %s",
        # Setting the flag by hand outside the function does not open UPDATE, ever.
        "SELECT set_config('opensend.audit_retention_erase', 'on', true);"
        " UPDATE audit_auditevent SET summary = '' WHERE id = %s",
    ],
)
def test_the_apps_connection_cannot_rewrite_or_remove_an_entry(entry, sql):
    assert connection.vendor == "postgresql"
    refused = pytest.raises(DatabaseError, match="append-only")
    with refused, transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, [entry.pk])
    entry_now = AuditEvent.objects.get(pk=entry.pk)
    assert entry_now.summary == "Read the record"


def test_only_the_retention_function_erases_a_childs_entries(area, entry):
    other = record(None, Action.VIEW, child=area.other_child, summary="Another child")
    with transaction.atomic():
        erased = erase_child_entries(area.own_child)
    assert erased == {"view": 1}
    assert not AuditEvent.objects.filter(child=area.own_child).exists()
    assert AuditEvent.objects.filter(pk=other.pk).exists()
    # The function closes the door behind it: a DELETE straight after is refused again.
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE id = %s", [other.pk])
