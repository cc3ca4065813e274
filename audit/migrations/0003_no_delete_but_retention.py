"""The audit log refuses DELETE in the database as well as UPDATE (PostgreSQL), except inside
audit_erase_child_entries(): the one documented path, called only by the retention deletion
(audit/retention.py), which replaces a child's entries with one non-personal summary.

The function sets a transaction-local setting, deletes that child's rows and clears it; the trigger
lets a DELETE through only while the setting is on. UPDATE is never allowed. (SQLite, for
development and tests, keeps the update trigger; the application refuses deletes in AuditEvent.)"""

from django.db import migrations

POSTGRES = """
CREATE OR REPLACE FUNCTION audit_event_refuse_change() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('opensend.audit_retention_erase', true) = 'on' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'the audit log is append-only';
END;
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS audit_event_no_update ON audit_auditevent;
CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_auditevent
FOR EACH ROW EXECUTE FUNCTION audit_event_refuse_change();
CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_auditevent
FOR EACH ROW EXECUTE FUNCTION audit_event_refuse_change();

CREATE OR REPLACE FUNCTION audit_erase_child_entries(erased_child_id bigint) RETURNS integer AS $$
DECLARE
  erased integer;
BEGIN
  PERFORM set_config('opensend.audit_retention_erase', 'on', true);
  DELETE FROM audit_auditevent WHERE child_id = erased_child_id;
  GET DIAGNOSTICS erased = ROW_COUNT;
  PERFORM set_config('opensend.audit_retention_erase', 'off', true);
  RETURN erased;
END;
$$ LANGUAGE plpgsql;
"""

POSTGRES_BACK = """
DROP TRIGGER IF EXISTS audit_event_no_delete ON audit_auditevent;
DROP FUNCTION IF EXISTS audit_erase_child_entries(bigint);
DROP TRIGGER IF EXISTS audit_event_no_update ON audit_auditevent;
CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_auditevent
FOR EACH ROW EXECUTE FUNCTION audit_event_refuse_update();
DROP FUNCTION IF EXISTS audit_event_refuse_change();
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_BACK)


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_append_only_trigger")]
    operations = [migrations.RunPython(forwards, backwards)]
