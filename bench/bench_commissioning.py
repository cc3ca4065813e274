"""Commissioning at real scale: the needs analysis and the 5-year demand forecast, at scale 1 and 4,
and the forecast on a synthetic all-England set of 640,000 plans built in memory (pure pandas, no
database), beside a trivial page for comparison.

Builds the demo area at each scale in a fresh database (a temporary SQLite file unless DATABASE_URL
is set; run under scripts/with-postgres.sh for PostgreSQL) and prints median and p95 milliseconds
and queries of each step, then how the forecast grew against the number of plans (close to linear
or better is the aim; the issue asks for under 5 s at 20,000 plans, under 2 minutes at 640,000).
Figures, not a pass/fail test.

    .venv/bin/python bench/bench_commissioning.py --scales 1 4 --repeat 5
    .venv/bin/python bench/bench_commissioning.py --scales --synthetic 640000   (synthetic set only)
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

from bench_pages import build_area, measure, setup_django, signed_in_client  # noqa: E402
from bench_returns import timed  # noqa: E402

NEEDS = ["ASD", "SEMH", "SLCN", "MLD", "SLD", "PMLD", "SPLD", "PD", "HI", "VI", "MSI", "DS", "OTH"]
NEED_SHARES = [0.33, 0.17, 0.15, 0.08, 0.06, 0.02, 0.04, 0.04, 0.02, 0.01, 0.005, 0.005, 0.07]


def synthetic_plans(rows: int, base_year: int, seed: int = 13):
    """`rows` plans (one row each, n=1) for children aged 0-25, started over the last 15 years,
    about a fifth of them ended: shaped like England's plans, built with numpy in memory."""
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(seed)
    shares = np.array(NEED_SHARES) / sum(NEED_SHARES)
    birth = base_year - rng.integers(2, 26, rows)
    start = np.minimum(base_year, birth + rng.integers(2, 17, rows))
    ends = rng.random(rows) < 0.2
    end = np.where(ends, np.minimum(base_year, start + rng.integers(1, 8, rows)), np.nan)
    return pd.DataFrame(
        {
            "need": rng.choice(NEEDS, rows, p=shares),
            "birth_year": birth,
            "start_year": start,
            "end_year": end,
            "n": np.ones(rows, dtype=int),
        }
    )


def _pure(step, repeat):
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        step()
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    return timings[len(timings) // 2], timings[min(len(timings) - 1, int(len(timings) * 0.95))]


def measure_synthetic(rows, repeat):
    from commissioning import forecast

    base_year = 2026
    started = time.perf_counter()
    plans = synthetic_plans(rows, base_year)
    built = time.perf_counter() - started
    print(f"synthetic set: {rows:,} plans built in memory in {built:.1f} s")
    m, p = _pure(lambda: forecast.project(plans, base_year, growth={"ASD": 5}), repeat)
    print(f"  {'5-year forecast (pure pandas)':<44} {m:>10.1f} {p:>8.1f} {'-':>8}")
    m2, p2 = _pure(lambda: forecast.back_test(plans, base_year), repeat)
    print(f"  {'back-test of last year (pure pandas)':<44} {m2:>10.1f} {p2:>8.1f} {'-':>8}")
    return m


def measure_area(repeat):
    """Print the lines for the area in the database; returns the forecast's median ms."""
    from django.urls import reverse

    from commissioning import forecast, queries
    from core import dates

    today = dates.today()
    print(f"  {'step':<44} {'median ms':>10} {'p95 ms':>8} {'queries':>8}")
    m, p, q, frame = timed(queries.children_frame, repeat)
    print(f"  {'needs analysis: the aggregate query':<44} {m:>10.1f} {p:>8.1f} {q:>8}")
    m, p, q, _ = timed(lambda: [queries.breakdown(frame, by, today) for by in queries.BREAKDOWNS], repeat)
    print(f"  {'needs analysis: every breakdown (pandas)':<44} {m:>10.1f} {p:>8.1f} {q:>8}")
    median, p, q, _ = timed(lambda: forecast.project(queries.plans_frame(), today.year), repeat)
    print(f"  {'5-year forecast from the records':<44} {median:>10.1f} {p:>8.1f} {q:>8}")
    client = signed_in_client("demo.commissioner")
    for label, url in (
        ("needs analysis page (commissioner)", reverse("commissioning:needs")),
        ("trivial page: home (commissioner)", reverse("core:home")),
    ):
        m, p, q = measure(client, url, repeat)
        print(f"  {label:<44} {m:>10.1f} {p:>8.1f} {q:>8}")
    return median


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", nargs="*", type=float, default=[1, 4])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--synthetic", nargs="*", type=int, default=[160000, 640000])
    args = parser.parse_args()
    database_url = os.environ.get("DATABASE_URL") or f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
    setup_django(database_url)
    vendor = database_url.split(":", 1)[0]
    print(f"OpenSEND commissioning benchmark on {vendor}, {args.repeat} runs per step\n")
    results = []
    if args.scales:
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
    for scale in args.scales:
        build_area(scale)
        from plans.models import EHCPlan

        plans = EHCPlan.objects.filter(first_issued_on__isnull=False).count()
        print(f"scale {scale:g}: {plans:,} issued plans")
        results.append((plans, measure_area(args.repeat)))
        print()
    for rows in args.synthetic:
        results.append((rows, measure_synthetic(rows, max(1, min(args.repeat, 3)))))
        print()
    if len(results) > 1:
        (first_plans, first), (last_plans, last) = results[0], results[-1]
        ratio, growth = last_plans / first_plans, last / first if first else float("nan")
        verdict = "close to linear or better" if growth <= 1.25 * ratio else "worse than linear"
        print(f"forecast: {ratio:.1f}x the plans took {growth:.1f}x the time ({verdict})")


if __name__ == "__main__":
    main()
