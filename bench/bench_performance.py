"""The performance framework at real scale: the time to snapshot every KPI, at scale 1 and 4.

Builds the demo area at each scale in a fresh database (a temporary SQLite file unless DATABASE_URL
is set; run under scripts/with-postgres.sh for PostgreSQL) and prints the median and p95
milliseconds and queries of the nightly snapshot of all KPIs (performance.services.snapshot), the
scorecard and the KPI dashboard and detail pages, then how the snapshot time grew against the
number of plans (close to linear or better is the aim). Figures, not a pass/fail test.

Another measurement of this app's work goes in MEASUREMENTS: a function that prints its own lines
for the area in the database and returns its median milliseconds (the statutory returns' is there).

    .venv/bin/python bench/bench_performance.py --scales 1 4 --repeat 5
    bash scripts/with-postgres.sh .venv/bin/python bench/bench_performance.py --scales 1 4
"""

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_pages import build_area, measure, setup_django, signed_in_client  # noqa: E402
from bench_returns import timed  # noqa: E402


def measure_kpis(repeat=5):
    """Print the KPI lines for the area in the database; returns the snapshot's median ms."""
    from django.urls import reverse

    from clock import dates
    from performance import services
    from performance.models import KPI, Measurement
    from performance.scorecard import kpi_scorecard

    today = dates.today()
    median, p95, queries, counts = timed(lambda: services.snapshot(today), repeat)
    print(f"  {'step':<44} {'median ms':>10} {'p95 ms':>8} {'queries':>8}")
    print(f"  {'snapshot of every KPI (snapshot_kpis)':<44} {median:>10.1f} {p95:>8.1f} {queries:>8}")
    print(
        f"    {KPI.objects.count()} KPIs ({KPI.objects.exclude(source='manual').count()} from the system), "
        f"{counts['created'] + counts['updated']} figures this month, {Measurement.objects.count():,} in all"
    )
    m, p, q, _ = timed(lambda: kpi_scorecard(today), repeat)
    print(f"  {'scorecard of every KPI':<44} {m:>10.1f} {p:>8.1f} {q:>8}")
    client = signed_in_client("demo.manager")
    kpi = KPI.objects.filter(code="EHC-20W").first()
    for label, url in (
        ("KPI dashboard page (manager)", reverse("performance:kpi_list")),
        (
            "KPI page: 20 weeks (manager)",
            reverse("performance:kpi_detail", args=[kpi.public_id]) if kpi else None,
        ),
    ):
        if url:
            m, p, q = measure(client, url, repeat)
            print(f"  {label:<44} {m:>10.1f} {p:>8.1f} {q:>8}")
    return median


def _returns(repeat):
    from bench_returns import measure_returns

    return measure_returns(repeat)


# (label for the growth line, function(repeat) -> median ms); add further measurements here.
MEASUREMENTS = [("KPI snapshot", measure_kpis), ("SEN2 return", _returns)]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", nargs="+", type=float, default=[1, 4])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    database_url = os.environ.get("DATABASE_URL") or f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
    setup_django(database_url)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    vendor = database_url.split(":", 1)[0]
    print(f"OpenSEND performance framework benchmark on {vendor}, {args.repeat} runs per step\n")
    results = []
    for scale in args.scales:
        build_area(scale)
        from people.models import Child

        plans = Child.objects.filter(sen_provision="E").count()
        print(f"scale {scale:g}: {plans:,} EHC plans")
        medians = {label: step(args.repeat) for label, step in MEASUREMENTS}
        results.append((scale, plans, medians))
        print()
    if len(results) > 1:
        (_, first_plans, first), (_, last_plans, last) = results[0], results[-1]
        ratio = last_plans / first_plans
        for label, _ in MEASUREMENTS:
            growth = last[label] / first[label] if first[label] else float("nan")
            verdict = "close to linear or better" if growth <= 1.25 * ratio else "worse than linear"
            print(f"{label}: {ratio:.1f}x the plans took {growth:.1f}x the time ({verdict})")


if __name__ == "__main__":
    main()
