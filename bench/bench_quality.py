"""Plan quality audits at scale: drawing a 5% sample and the audit pages, in constant queries.

Bulk-inserts issued plans (5,000 then 20,000) into a fresh database (a temporary SQLite file unless
DATABASE_URL is set; run under scripts/with-postgres.sh for PostgreSQL), draws a 5% monthly random
sample and prints its time and queries, marks the sample's audits submitted with grades, then prints
the median and p95 server milliseconds and the queries per request of the quality pages beside a
trivial page measured in the same run. Figures, not a pass/fail test.

    .venv/bin/python bench/bench_quality.py --plans 5000 20000 --repeat 10
    bash scripts/with-postgres.sh .venv/bin/python bench/bench_quality.py
"""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_pages import measure, setup_django, signed_in_client  # noqa: E402


def fresh_area(count):
    from django.core.management import call_command

    from accounts.models import User
    from quality.data import rubric
    from quality.tests.factories import CYCLE, bulk_plans

    call_command("flush", "--noinput", verbosity=0)
    rubric.load()
    from django_otp.plugins.otp_totp.models import TOTPDevice

    for role in ("manager", "auditor"):
        user = User.objects.create(
            username=f"bench.{role}", role=role, first_name="Bench", last_name=role.title()
        )
        TOTPDevice.objects.create(user=user, name="Bench", confirmed=True)  # staff must have two-factor
    bulk_plans(count)
    return CYCLE


def draw(cycle):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from accounts.models import User
    from quality import services

    manager = User.objects.get(username="bench.manager")
    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        sample = services.draw_sample(None, manager, cycle=cycle, kind="random", percentage=5, seed=42)
        seconds = time.perf_counter() - started
    return sample, seconds * 1000, len(captured)


def grade(sample):
    """The sample's audits given to the bench auditor, submitted, and graded (setup, not measured)."""
    from accounts.models import User
    from quality.models import Audit, AuditStatus, CriterionGrade

    auditor = User.objects.get(username="bench.auditor")
    audits = list(sample.audits.values_list("pk", flat=True))
    Audit.objects.filter(pk__in=audits[: len(audits) // 2]).update(
        auditor=auditor, status=AuditStatus.SUBMITTED, overall="good"
    )
    Audit.objects.filter(pk__in=audits[len(audits) // 2 :]).update(
        auditor=auditor, status=AuditStatus.SUBMITTED, overall="requires_improvement"
    )
    criteria = list(sample.audits.first().rubric.criteria.values_list("pk", flat=True))
    CriterionGrade.objects.bulk_create(
        (
            CriterionGrade(audit_id=a, criterion_id=c, grade="good", agreed="good" if a % 3 else "inadequate")
            for a in audits
            for c in criteria
        ),
        batch_size=2000,
    )


def pages(sample):
    from django.urls import reverse

    return [
        ("trivial: start page (signed out)", None, reverse("core:start")),
        ("quality dashboard (manager)", "bench.manager", reverse("quality:dashboard")),
        (
            "sample page, every audit (manager)",
            "bench.manager",
            reverse("quality:sample_detail", args=[sample.public_id]),
        ),
        ("all audits, first 200 (manager)", "bench.manager", reverse("quality:audit_list")),
        ("audits CSV export (manager)", "bench.manager", reverse("quality:audit_list") + "?format=csv"),
        ("my audits (auditor)", "bench.auditor", reverse("quality:my_audits")),
    ]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", nargs="+", type=int, default=[5000, 20000])
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    database_url = os.environ.get("DATABASE_URL") or f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
    setup_django(database_url)
    from django.core.management import call_command
    from django.test import Client

    call_command("migrate", verbosity=0)
    print(f"OpenSEND quality benchmark on {database_url.split(':', 1)[0]}, {args.repeat} requests per page\n")
    for count in args.plans:
        cycle = fresh_area(count)
        sample, ms, queries = draw(cycle)
        print(
            f"{count:,} issued plans: drew {sample.audits.count():,} (5%) in {ms:.0f} ms, {queries} queries"
        )
        grade(sample)
        print(f"  {'page':<40} {'median ms':>10} {'p95 ms':>8} {'queries':>8}")
        for label, username, url in pages(sample):
            client = signed_in_client(username) if username else Client()
            status = client.get(url).status_code
            if status != 200:  # a redirect would measure the sign-in page, not this one
                raise SystemExit(f"{label}: HTTP {status}")
            median, p95, queries = measure(client, url, args.repeat)
            print(f"  {label:<40} {median:>10.1f} {p95:>8.1f} {queries:>8}")
        print()


if __name__ == "__main__":
    main()
