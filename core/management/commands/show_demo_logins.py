"""Print the demo logins that seed_demo wrote, so `make run` shows them on every start."""

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Print the demo logins saved in var/demo-logins.json"

    def add_arguments(self, parser):
        parser.add_argument("--logins-file", default=str(Path(settings.VAR_DIR) / "demo-logins.json"))

    def handle(self, *args, **options):
        path = Path(options["logins_file"])
        if not path.exists():
            self.stdout.write("No demo logins: this database was not built by seed_demo.")
            return
        logins = json.loads(path.read_text())
        self.stdout.write(self.style.SUCCESS(f"\nDemo logins (also in {path}):"))
        self.stdout.write(f"  {'role':<15} {'username':<20} {'password':<24} TOTP secret (staff)")
        for login in logins:
            secret = login.get("totp_secret") or "-"
            self.stdout.write(
                f"  {login['role']:<15} {login['username']:<20} {login['password']:<24} {secret}"
            )
        self.stdout.write(
            "\nStaff sign in with a 6-digit code: add the secret to an authenticator app, or run\n"
            "  DEBUG=1 .venv/bin/python manage.py demo_code demo.caseworker\n"
            "Then open http://127.0.0.1:8000/\n"
        )
