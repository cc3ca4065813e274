from django.core.management.base import BaseCommand, CommandError

from accounts.models import User
from api.models import ApiToken


class Command(BaseCommand):
    help = "Issue an API token acting as a user. The key is printed once and cannot be shown again."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("name", help="What the token is for, e.g. 'Health EPR integration'")

    def handle(self, *args, username, name, **options):
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"No active user with the username {username!r}")
        token, key = ApiToken.issue(user, name)
        self.stderr.write(
            f"Token {token.prefix}… for {user.username} ({name}). Keep the key safe: "
            "it is not stored and will not be shown again."
        )
        self.stdout.write(key)
