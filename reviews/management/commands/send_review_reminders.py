"""`manage.py send_review_reminders [--today YYYY-MM-DD]`: annual review reminders.

Run daily by cron or a systemd timer, after send_reminders. Safe to run twice, or on two servers at
once: each reminder is claimed with a conditional UPDATE before it is sent (reviews.reminders).
"""

import logging

from django.core.management.base import BaseCommand

from casework.management.commands.send_reminders import _parse_day
from clock import dates
from reviews.reminders import send_reminders

logger = logging.getLogger("opensend.jobs.send_review_reminders")


class Command(BaseCommand):
    help = "Remind caseworkers of review steps due within a week or overdue, and SENCos of paperwork."

    def add_arguments(self, parser):
        parser.add_argument("--today", help="Act as if today were this date (YYYY-MM-DD); for catching up")

    def handle(self, *args, today=None, **options):
        day = _parse_day(today) if today else dates.today()
        summary = send_reminders(day)
        line = f"send_review_reminders {day:%Y-%m-%d}: {summary}"
        logger.info(line)
        self.stdout.write(line)
