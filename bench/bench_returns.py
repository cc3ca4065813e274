"""Statutory returns at real scale: the time to build the SEN2 return (collect, check, write the XML)
and the Annex A lists, at each scale of the demo area.

Builds the demo area's children, cases, plans and reviews at each scale in a fresh database (a
temporary SQLite file unless DATABASE_URL is set; run under scripts/with-postgres.sh for PostgreSQL)
and prints the median and p95 milliseconds and the queries for each step, then how the SEN2 time
grew against the number of plans (close to linear or better is the aim). Figures, not a pass/fail
test. `measure_returns` is what bench_performance.py calls to print the same lines.

    .venv/bin/python bench/bench_returns.py --scales 1 4 --repeat 5
    bash scripts/with-postgres.sh .venv/bin/python bench/bench_returns.py --scales 1 4
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_pages import setup_django  # noqa: E402

# The demo builders the returns read (children, cases, plans, reviews): the rest of the demo area
# (the Local Offer, messages, KPIs, the improvement plan) is not needed and is left out.
BUILDERS = ["people.demo.build", "people.demo_accounts.build", "casework.demo.build", "plans.demo.build"]
BUILDERS.append("reviews.demo.build")


def build_area(scale, seed=42):
    """The demo area's children, cases, plans and reviews in an emptied database; seconds taken."""
    import random

    from django.core.management import call_command
    from django.db import transaction
    from django.utils.module_loading import import_string

    from clock import dates
    from core.demo import DemoContext

    call_command("flush", "--noinput", verbosity=0)
    started = time.perf_counter()
    context = DemoContext(
        rng=random.Random(seed),
        scale=scale,
        today=dates.today(),
        progress=lambda iterable, label, total=None: iterable,
        data={"seed": seed},
    )
    with transaction.atomic():
        for path in BUILDERS:
            import_string(path)(context)
    return time.perf_counter() - started


def timed(step, repeat):
    """(median ms, p95 ms, queries of one run, the last result) of calling `step` `repeat` times."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    timings, result, queries = [], None, 0
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            began = time.perf_counter()
            result = step()
            timings.append((time.perf_counter() - began) * 1000)
        queries = len(captured)
    timings.sort()
    return statistics.median(timings), timings[max(0, int(len(timings) * 0.95) - 1)], queries, result


def measure_returns(repeat=5):
    """Print the statutory returns' lines for the area in the database; returns the SEN2 median ms."""
    from django.conf import settings

    from performance.returns import annex_a, sen2, sen2_checks, sen2_files

    census = sen2.default_census_date()

    def build_sen2():
        the_return = sen2.collect(census, settings.AREA_LA_CODE)
        issues = sen2_checks.check(the_return)
        return the_return, issues, sen2_files.to_xml(the_return)

    median, p95, queries, (the_return, issues, xml) = timed(build_sen2, repeat)
    errors = sum(1 for issue in issues if issue.is_error)
    print(f"  {'step':<44} {'median ms':>10} {'p95 ms':>8} {'queries':>8}")
    print(f"  {'SEN2 return: collect, check, write XML':<44} {median:>10.1f} {p95:>8.1f} {queries:>8}")
    print(
        f"    census {census}: {len(the_return.persons):,} people, {len(the_return.requests):,} requests, "
        f"{errors:,} errors, {len(issues) - errors:,} queries, XML {len(xml) / 1e6:.1f} MB"
    )
    for number in (1, 2):
        m, p, q, _ = timed(lambda n=number: annex_a.xlsx_bytes(n), max(1, repeat // 2))
        print(f"  {f'Annex A list {number} (XLSX)':<44} {m:>10.1f} {p:>8.1f} {q:>8}")
    return median


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", nargs="+", type=float, default=[1, 4])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    database_url = os.environ.get("DATABASE_URL") or f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
    setup_django(database_url)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    print(f"OpenSEND statutory returns benchmark on {database_url.split(':', 1)[0]}\n")
    first = None
    for scale in args.scales:
        seconds = build_area(scale)
        from plans.models import EHCPlan

        plans = EHCPlan.objects.filter(ceased_on__isnull=True).count()
        print(f"scale {scale:g}: {plans:,} live EHC plans (demo area built in {seconds:.1f} s)")
        median = measure_returns(args.repeat)
        if first is None:
            first = (plans, median)
        elif first[0]:
            growth = (median / first[1]) / (plans / first[0])
            print(
                f"  SEN2 time grew {median / first[1]:.2f}x for {plans / first[0]:.2f}x the plans "
                f"({growth:.2f} of linear)"
            )
        print()


if __name__ == "__main__":
    main()
