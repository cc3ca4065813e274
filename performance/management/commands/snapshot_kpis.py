"""`manage.py snapshot_kpis [--date YYYY-MM-DD]`: store every system KPI's figure for the month.

Run nightly by cron or a systemd timer. Idempotent: each KPI has one row a month, which each run
updates (month to date), so running it twice, or every night, never makes a second row. All the
figures are written in one transaction: a failure leaves the previous night's figures as they were.
"""

import logging
import time
from datetime import date

from django.core.management.base import BaseCommand, CommandError

from clock import dates
from performance import services

logger = logging.getLogger("opensend.jobs.snapshot_kpis")


def _parse_day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"--date must be a date like 2026-03-31, not {value!r}") from error


class Command(BaseCommand):
    help = "Store the month-to-date figure of every KPI OpenSEND measures itself."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Measure as at this date (YYYY-MM-DD) instead of today")

    def handle(self, *args, date=None, **options):
        day = _parse_day(date) if date else dates.today()
        started = time.perf_counter()

        def progress(kpis, label):
            for kpi in kpis:
                self.stdout.write(f"  {kpi.code} {kpi.name}")
                yield kpi

        counts = services.snapshot(day, progress=progress if options["verbosity"] >= 1 else None)
        line = (
            f"snapshot_kpis {day:%Y-%m-%d}: {counts['created']} created, {counts['updated']} updated "
            f"in {time.perf_counter() - started:.1f}s"
        )
        logger.info(line)
        self.stdout.write(line)
