from django.core.management.base import BaseCommand

from clock import dates
from improvement.reminders import send_reminders


class Command(BaseCommand):
    help = "E-mail improvement plan action leads a week before each scheduled board report (run daily)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--base-url",
            default=None,
            help="The site's address for the link in the e-mail (default: the SITE_URL setting)",
        )

    def handle(self, *args, base_url=None, **options):
        sent = send_reminders(dates.today(), base_url=base_url)
        self.stdout.write(f"Sent {sent} reminder e-mail{'s' if sent != 1 else ''}.")
