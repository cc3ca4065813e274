"""`manage.py send_register_reminders [--today YYYY-MM-DD]`: care (education) and treatment review
reminders to key workers on the dynamic support register.

Run daily by the worker (the scheduled task in waiting/jobs.py); this command is for catching up.
Safe to run twice, or on two servers at once: each reminder is claimed with a conditional UPDATE
before it is sent (waiting.register).
"""

import logging

from django.core.management.base import BaseCommand

from casework.management.commands.send_reminders import _parse_day
from clock import dates
from waiting.register import send_register_reminders

logger = logging.getLogger("opensend.jobs.send_register_reminders")


class Command(BaseCommand):
    help = (
        "Remind key workers of support register reviews due within a week or overdue, and the "
        "register's owners of entries without a key worker."
    )

    def add_arguments(self, parser):
        parser.add_argument("--today", help="Act as if today were this date (YYYY-MM-DD); for catching up")

    def handle(self, *args, today=None, **options):
        day = _parse_day(today) if today else dates.today()
        summary = send_register_reminders(day)
        line = f"send_register_reminders {day:%Y-%m-%d}: {summary}"
        logger.info(line)
        self.stdout.write(line)
