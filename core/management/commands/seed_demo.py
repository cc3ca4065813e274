"""`manage.py seed_demo`: fill an empty database with Brookfield, a fictional local area.

Each app's builder adds its part in turn (DEMO_BUILDERS); all of it goes in one transaction, so a
failure leaves the database as it was. The same --seed always makes the same area.
"""

import json
import random
import sys
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils.module_loading import import_string
from tqdm import tqdm

from clock import dates
from core.demo import DemoContext

# Later apps append their own builder; each sees what the earlier ones left in context.data.
DEMO_BUILDERS = [
    "people.demo.build",
    "people.demo_accounts.build",
    "casework.demo.build",
    "plans.demo.build",
    "reviews.demo.build",
    "directory.demo.build",
    "portal.demo.build",
    "messaging.demo.build",
    "performance.demo.build",
    "improvement.demo.build",
    "commissioning.demo.build",
    "quality.demo.build",
    "engagement.demo.build",
    "waiting.demo.build",
    # Last: KPI history from the surveys, plan audits and waiting lists the builders above made.
    "performance.demo.measured_later",
]
# Whether the database already holds an area (its children): asked of the first builder's app, named
# like the builders, because core sits beneath every app it builds.
AREA_EXISTS = "people.demo.area_exists"
MIN_SCALE = 0.01  # below this there are too few children to give every demo persona a case


def refresh_planner_statistics():
    """On PostgreSQL, ANALYZE before each builder: the earlier builders' rows are not committed yet,
    so autovacuum cannot have counted them, and later builders that measure what was made (the KPI
    history) would be planned from statistics of empty tables, with nested loops that take minutes."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


class Command(BaseCommand):
    help = "Fill an empty database with a fictional local area, Brookfield, and demo logins."

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            type=float,
            default=1.0,
            help="Size of the area: 1 is about 5,000 EHC plans (default 1)",
        )
        parser.add_argument(
            "--seed", type=int, default=42, help="Random seed: the same seed makes the same area (default 42)"
        )
        parser.add_argument(
            "--if-empty", action="store_true", help="Do nothing if the database already has children"
        )
        parser.add_argument(
            "--logins-file",
            default="var/demo-logins.json",
            help="Where to write the demo logins, relative to the project folder",
        )
        parser.add_argument(
            "--allow-non-debug", action="store_true", help="Run even with DEBUG off (a public demo server)"
        )

    def handle(self, *args, scale, seed, if_empty, logins_file, allow_non_debug, **options):
        if scale < MIN_SCALE:
            raise CommandError(f"--scale must be at least {MIN_SCALE}")
        # The demo accounts' passwords are published; keep them out of a live service.
        if not settings.DEBUG and not allow_non_debug:
            raise CommandError(
                "seed_demo makes accounts with well-known passwords. Run it with "
                "DEBUG=1, or pass --allow-non-debug for a demonstration server."
            )
        if import_string(AREA_EXISTS)():
            if if_empty:
                self.stdout.write("The database already has children: no demo data added.")
                return
            raise CommandError(
                "The database already has children. seed_demo fills an empty "
                "database: remove it and run migrate first, or use --if-empty."
            )

        context = DemoContext(
            rng=random.Random(seed),
            scale=scale,
            today=dates.today(),
            progress=self.progress_bar(),
            data={"seed": seed},
        )
        started = time.monotonic()
        with transaction.atomic():
            for path in DEMO_BUILDERS:
                step_started = time.monotonic()
                refresh_planner_statistics()
                counts = import_string(path)(context) or {}
                summary = ", ".join(f"{number:,} {what}" for what, number in counts.items())
                self.stdout.write(f"{path}: {summary} ({time.monotonic() - step_started:.1f}s)")
        self.stdout.write(
            self.style.SUCCESS(
                f"Made the {settings.AREA_NAME} demo area (scale {scale:g}, seed {seed}) in "
                f"{time.monotonic() - started:.1f}s."
            )
        )

        logins = context.data.get("logins", [])
        path = Path(logins_file)
        if not path.is_absolute():
            path = Path(settings.BASE_DIR) / path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(logins, indent=2, ensure_ascii=False) + "\n")
        self.stdout.write(f"Demo logins written to {path}: see them with `manage.py show_demo_logins`.")

    def progress_bar(self):
        """A tqdm bar on a terminal; nothing (the per-step summary line only) otherwise."""
        show = self.stderr.isatty()

        def progress(iterable, label, total=None):
            return tqdm(
                iterable,
                desc=label,
                total=total,
                file=sys.stderr,
                disable=not show,
                leave=False,
                dynamic_ncols=True,
            )

        return progress
