"""`manage.py restore_database FILE`: replace the database with a backup (core/backup.py)."""

from django.core.management.base import BaseCommand, CommandError

from core.backup import BackupError, restore


class Command(BaseCommand):
    help = "Replace everything in the database with the backup in FILE. Stop the web processes first."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--yes", action="store_true", help="Do not ask for confirmation")

    def handle(self, *args, file, yes, **options):
        question = "This replaces every record in the database. Type 'restore' to go on: "
        if not yes and input(question) != "restore":
            raise CommandError("Nothing was restored")
        try:
            restore(file)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Restored from {file}")
