"""Backup and restore round trip on the database the suite runs on (SQLite, then PostgreSQL)."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from audit.models import AuditEvent
from core.backup import BackupError, backup, restore
from people.models import Setting
from people.tests.factories import ChildFactory, SettingFactory

# A real transaction boundary: pg_dump reads from its own connection, so it sees only committed rows.
pytestmark = pytest.mark.django_db(transaction=True)


def test_a_restore_brings_back_exactly_what_was_backed_up(tmp_path):
    school = SettingFactory(name="Alder Lane Primary School")
    child = ChildFactory(legal_first_name="Amira", setting=school)
    events_before = AuditEvent.objects.count()
    path = backup(tmp_path / "opensend.backup")
    assert path.stat().st_size > 0

    school.name = "Renamed after the backup"
    school.save()
    SettingFactory(name="Opened after the backup")
    child_id = child.pk
    child.delete()

    restore(path)

    assert Setting.objects.get(pk=school.pk).name == "Alder Lane Primary School"
    assert not Setting.objects.filter(name="Opened after the backup").exists()
    assert type(child).objects.get(pk=child_id).legal_first_name == "Amira"
    assert AuditEvent.objects.count() == events_before


def test_the_commands_round_trip_and_refuse_a_missing_file(tmp_path):
    SettingFactory(name="Beckside Academy")
    path = tmp_path / "nightly.backup"
    call_command("backup_database", str(path))
    Setting.objects.all().delete()
    call_command("restore_database", str(path), "--yes")
    assert Setting.objects.filter(name="Beckside Academy").exists()

    with pytest.raises(CommandError, match="no backup file"):
        call_command("restore_database", str(tmp_path / "missing.backup"), "--yes")
    assert Setting.objects.filter(name="Beckside Academy").exists()


def test_a_missing_backup_file_changes_nothing(tmp_path):
    SettingFactory(name="Still here")
    with pytest.raises(BackupError):
        restore(tmp_path / "nothing-here.backup")
    assert Setting.objects.filter(name="Still here").exists()
