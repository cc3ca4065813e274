from django.core.management.base import BaseCommand, CommandError

from directory import postcodes


class Command(BaseCommand):
    help = (
        "Load postcode centres for distance searches from an ONS Postcode Directory CSV "
        "(or, with no file, the small sample of the demo area's postcodes)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="ONSPD CSV file (default: the shipped sample)")
        parser.add_argument(
            "--prefix",
            action="append",
            default=[],
            help="Only postcodes starting with this, e.g. --prefix BD --prefix LS (may repeat)",
        )

    def handle(self, *args, file=None, prefix=(), **options):
        try:
            loaded, skipped = postcodes.load(file or postcodes.SAMPLE, prefixes=prefix)
        except (OSError, postcodes.PostcodeFileError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Loaded {loaded:,} postcodes; skipped {skipped:,} rows without a usable location.")
