"""Health waiting lists at real scale: the monthly measures for every pathway and the waiting-list
pages, at demo scale 1 (about 20,000 referrals) and 4 (about 80,000), beside a trivial page measured
in the same run.

Builds the demo area at each scale in a fresh database (a temporary SQLite file unless DATABASE_URL
is set; run under scripts/with-postgres.sh for PostgreSQL) and prints median and p95 milliseconds
and the queries of each step. The issue asks for every pathway's monthly measures in under 5 s at
scale 4, and pages whose query count does not grow with the lists. Figures, not a pass/fail test.

    .venv/bin/python bench/bench_waiting.py --scales 1 4 --repeat 5
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


def measure_area(repeat) -> dict:
    """Print the lines for the area in the database; returns label -> queries, to compare scales."""
    from django.urls import reverse

    from clock import dates
    from clock.dates import last_month_end, month_ends, months_to
    from waiting import measures
    from waiting.models import CareEpisode, Pathway, RegisterEntry

    on = last_month_end(dates.today())
    year = month_ends(months_to(on, 13), on)
    queries = {}
    print(f"  {'step':<52} {'median ms':>10} {'p95 ms':>8} {'queries':>8}")
    m, p, q, _ = timed(lambda: measures.at_month_end(on), repeat)
    print(f"  {'monthly measures, every pathway, one month end':<52} {m:>10.1f} {p:>8.1f} {q:>8}")
    m, p, q, _ = timed(lambda: measures.at_month_ends(year), repeat)
    print(f"  {'monthly measures, every pathway, 13 month ends':<52} {m:>10.1f} {p:>8.1f} {q:>8}")
    autism = Pathway.objects.get(code="autism")
    entry = RegisterEntry.objects.first()
    episode = CareEpisode.objects.first()
    pages = [
        ("health_officer", "waiting lists page", reverse("waiting:pathway_list")),
        (
            "health_officer",
            "autism pathway page (chart, 12 months)",
            reverse("waiting:pathway_detail", args=[autism.public_id]),
        ),
        ("health_officer", "referral list page", reverse("waiting:referral_list")),
        (
            "health_officer",
            "referral list, still waiting",
            reverse("waiting:referral_list") + "?status=waiting",
        ),
        ("dco", "support register list", reverse("waiting:register_list")),
        ("dco", "support register entry", reverse("waiting:register_entry", args=[entry.public_id])),
        ("dco", "health assessments due list", reverse("waiting:health_list")),
        ("dco", "children in care episode", reverse("waiting:episode_detail", args=[episode.public_id])),
        ("health_officer", "trivial page: home", reverse("core:home")),
    ]
    clients = {}
    for persona, label, url in pages:
        client = clients.get(persona) or clients.setdefault(persona, signed_in_client(f"demo.{persona}"))
        m, p, q = measure(client, url, repeat)
        queries[label] = q
        print(f"  {label:<52} {m:>10.1f} {p:>8.1f} {q:>8}")
    return queries


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
    print(f"OpenSEND waiting lists benchmark on {vendor}, {args.repeat} runs per step\n")
    by_scale = []
    for scale in args.scales:
        seconds = build_area(scale)
        from waiting.models import Referral

        print(f"scale {scale:g}: {Referral.objects.count():,} referrals (demo built in {seconds:.0f} s)")
        by_scale.append(measure_area(args.repeat))
        print()
    if len(by_scale) > 1:
        grew = [label for label, q in by_scale[-1].items() if q != by_scale[0][label]]
        print("page queries the same at every scale" if not grew else f"queries grew on: {', '.join(grew)}")


if __name__ == "__main__":
    main()
