"""`manage.py send_reminders [--today YYYY-MM-DD]`: advice due soon and overdue reminders.

Run daily by cron or a systemd timer. Safe to run twice, or on two servers at once: each
reminder is claimed with a conditional UPDATE before it is sent (notifications.reminders).
"""

import logging
from datetime import date

from django.core.management.base import BaseCommand, CommandError

from clock import dates
from notifications.reminders import send_reminders

logger = logging.getLogger("opensend.jobs.send_reminders")


def _parse_day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"--today must be a date like 2026-03-31, not {value!r}") from error


class Command(BaseCommand):
    help = "Remind advisers whose advice is due within a week or overdue (each reminder once)."

    def add_arguments(self, parser):
        parser.add_argument("--today", help="Act as if today were this date (YYYY-MM-DD); for catching up")

    def handle(self, *args, today=None, **options):
        day = _parse_day(today) if today else dates.today()
        summary = send_reminders(day)
        line = f"send_reminders {day:%Y-%m-%d}: {summary}"
        logger.info(line)
        self.stdout.write(line)
