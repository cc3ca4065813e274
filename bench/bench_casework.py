"""Casework at real scale: building the area, the case pages and the assessment measures.

Builds the demo area at each scale in a fresh database (a temporary SQLite file unless DATABASE_URL
is set; run under scripts/with-postgres.sh for PostgreSQL) and prints how long seed_demo and its
casework builder took, then for the caseload, the overdue list, a case page and the API case list
the median and p95 server milliseconds and the queries per request, beside a trivial page measured
in the same run, and the time casework.measures takes over the whole three years. A page that does
not exist yet (its URL does not resolve, or answers 404) is listed as "not built yet". Figures, not a
pass/fail test.

    .venv/bin/python bench/bench_casework.py --scales 1 4 --repeat 20
    bash scripts/with-postgres.sh .venv/bin/python bench/bench_casework.py --scales 1 4
"""

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_pages import measure, setup_django, signed_in_client  # noqa: E402

NOT_BUILT = "not built yet"


def build_area(scale):
    """seed_demo into an emptied database; returns total seconds and the builders' summary lines."""
    from django.core.management import call_command

    call_command("flush", "--noinput", verbosity=0)
    out = io.StringIO()
    started = time.perf_counter()
    call_command(
        "seed_demo",
        "--scale",
        str(scale),
        "--seed",
        "42",
        "--logins-file",
        str(Path(tempfile.gettempdir()) / "bench-logins.json"),
        "--allow-non-debug",  # the benchmark's throwaway database
        stdout=out,
        stderr=io.StringIO(),
    )
    seconds = time.perf_counter() - started
    return seconds, [line for line in out.getvalue().splitlines() if ".demo.build:" in line]


def url_for(name, args=(), path=None, query=""):
    """The page's URL, or None when it does not exist yet (no such URL name, or the path
    resolves to nothing)."""
    from django.urls import NoReverseMatch, Resolver404, resolve, reverse

    try:
        url = reverse(name, args=args)
    except NoReverseMatch:
        if path is None:
            return None
        try:
            resolve(path)
        except Resolver404:
            return None
        url = path
    return url + query


def token_client(username):
    """A client that sends a token for `username`, as a partner system would."""
    from django.test import Client

    from accounts.models import User
    from api.models import ApiToken

    _, key = ApiToken.issue(User.objects.get(username=username), "Benchmark")
    return Client(HTTP_AUTHORIZATION=f"Token {key}")


def pages():
    """(label, username, url or None, whether to send an API token) for the pages to measure."""
    from casework.models import OPEN_STAGES, AssessmentCase

    case = (
        AssessmentCase.objects.filter(caseworker__username="demo.caseworker", stage__in=OPEN_STAGES)
        .order_by("-version", "pk")
        .first()
    )
    case_args = [case.public_id] if case else []
    mine = "/cases/mine/"
    return [
        ("trivial: start page (signed out)", None, url_for("core:start", path="/"), False),
        ("caseload (caseworker)", "demo.caseworker", url_for("casework:my_cases", path=mine), False),
        (
            "overdue list (manager)",
            "demo.manager",
            url_for("casework:case_list", path="/cases/", query="?status=overdue"),
            False,
        ),
        (
            "case page (open, most events)",
            "demo.caseworker",
            url_for("casework:case_detail", case_args, f"/cases/{case_args[0]}/" if case else None),
            False,
        ),
        ("API case list (token)", "demo.manager", url_for("api:case_list", path="/api/v1/cases/"), True),
    ]


def measure_page(username, url, token, repeat):
    """(median ms, p95 ms, queries), or why there are none."""
    from django.test import Client

    client = Client()
    if username:
        client = token_client(username) if token else signed_in_client(username)
    status = client.get(url).status_code
    if status == 404:
        return NOT_BUILT
    if status not in (200, 302):
        return f"HTTP {status}"
    return measure(client, url, repeat)


def measure_measures(repeat):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from casework.measures import assessment_measures
    from clock import dates

    today = dates.today()
    start = today.replace(year=today.year - 3) + timedelta(days=1)
    timings = []
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            began = time.perf_counter()
            result = assessment_measures(start, today)
            timings.append((time.perf_counter() - began) * 1000)
    timings.sort()
    return statistics.median(timings), timings[max(0, int(len(timings) * 0.95) - 1)], len(captured), result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", nargs="+", type=float, default=[1, 4])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    database_url = os.environ.get("DATABASE_URL") or f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
    setup_django(database_url)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    vendor = database_url.split(":", 1)[0]
    print(f"OpenSEND casework benchmark on {vendor}, {args.repeat} requests per page\n")
    for scale in args.scales:
        seconds, summaries = build_area(scale)
        from casework.models import OPEN_STAGES, AssessmentCase, CaseEvent
        from people.models import Child

        print(
            f"scale {scale:g}: {Child.objects.filter(sen_provision='E').count():,} EHC plans, "
            f"{AssessmentCase.objects.count():,} assessment cases "
            f"({AssessmentCase.objects.filter(stage__in=OPEN_STAGES).count():,} open), "
            f"{CaseEvent.objects.count():,} case events; seed_demo took {seconds:.1f} s"
        )
        for line in summaries:
            print(f"  {line}")
        print(f"  {'page':<40} {'median ms':>10} {'p95 ms':>8} {'queries':>8}")
        for label, username, url, token in pages():
            figures = measure_page(username, url, token, args.repeat) if url else NOT_BUILT
            if isinstance(figures, str):
                print(f"  {label:<40} {figures:>28}")
            else:
                median, p95, queries = figures
                print(f"  {label:<40} {median:>10.1f} {p95:>8.1f} {queries:>8}")
        median, p95, queries, result = measure_measures(max(3, args.repeat // 4))
        total = result.total
        print(f"  {'casework.measures, 3 years by month':<40} {median:>10.1f} {p95:>8.1f} {queries:>8}")
        print(
            f"    decisions within 6 weeks {total.decisions.percent}% of {total.decisions.count:,}; "
            f"plans within 20 weeks {total.plans_including.percent}% including exceptions, "
            f"{total.plans_excluding.percent}% excluding ({total.plans_including.count:,} plans); "
            f"median {total.median_weeks_to_plan} weeks to a plan"
        )
        advice = ", ".join(
            f"{kind} {figure.percent}%" for kind, figure in total.advice.items() if figure.count
        )
        print(f"    advice within 6 weeks: {advice}\n")


if __name__ == "__main__":
    main()
