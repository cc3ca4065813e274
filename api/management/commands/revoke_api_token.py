from django.core.management.base import BaseCommand, CommandError

from api.models import ApiToken


class Command(BaseCommand):
    help = "Revoke an API token, named by the prefix shown when it was issued."

    def add_arguments(self, parser):
        parser.add_argument("prefix")

    def handle(self, *args, prefix, **options):
        tokens = list(ApiToken.objects.filter(prefix=prefix, revoked_at__isnull=True))
        if len(tokens) != 1:
            raise CommandError(f"{len(tokens)} live tokens have the prefix {prefix!r}: nothing revoked")
        tokens[0].revoke()
        self.stdout.write(f"Revoked {tokens[0]}")
