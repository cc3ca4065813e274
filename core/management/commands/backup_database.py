"""`manage.py backup_database FILE`: a consistent copy of the whole database (core/backup.py)."""

from django.core.management.base import BaseCommand, CommandError

from core.backup import BackupError, backup


class Command(BaseCommand):
    help = "Back up the whole database to FILE (pg_dump custom format, or an SQLite database file)."

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, file, **options):
        try:
            path = backup(file)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Backed up to {path} ({path.stat().st_size:,} bytes)")
