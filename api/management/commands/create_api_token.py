from django.core.management.base import BaseCommand, CommandError

from accounts.models import User
from api.models import DEFAULT_DAYS, MAX_DAYS, ApiToken, NotForFamilies, Scope


class Command(BaseCommand):
    help = (
        "Issue an API token acting as a staff or partner user (never a family account), with scopes, "
        "an expiry and a named owner. The key is printed once and cannot be shown again."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("name", help="What the token is for, e.g. 'Health EPR integration'")
        parser.add_argument(
            "--owner",
            required=True,
            help="The person answerable for the system that holds the key, e.g. 'A. Khan, ICB EPR lead'",
        )
        parser.add_argument(
            "--scope",
            action="append",
            dest="scopes",
            choices=Scope.values,
            required=True,
            help="What the token may do; repeat for several: " + ", ".join(Scope.values),
        )
        parser.add_argument(
            "--days", type=int, default=DEFAULT_DAYS, help=f"Days until it expires (1 to {MAX_DAYS})"
        )

    def handle(self, *args, username, name, owner, scopes, days, **options):
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"No active user with the username {username!r}")
        if not owner.strip():
            raise CommandError("Name the token's owner with --owner")
        try:
            token, key = ApiToken.issue(user, name, scopes=scopes, days=days, owner=owner.strip())
        except NotForFamilies as refused:
            raise CommandError(f"{refused}: {username!r} is a family account") from refused
        except ValueError as refused:
            raise CommandError(str(refused)) from refused
        self.stderr.write(
            f"Token {token.prefix}… for {user.username} ({name}), owned by {token.owner}, "
            f"scopes {', '.join(token.scopes)}, expires {token.expires_at:%Y-%m-%d}. Keep the key safe: "
            "it is not stored and will not be shown again."
        )
        self.stdout.write(key)
