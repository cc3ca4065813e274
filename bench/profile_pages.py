"""What one signed-in request costs, measured so a shared machine does not blur it: the app's own CPU
time (process time, not wall clock), the number of queries and the database's time for them, per
page of issue 22's table, on a demo area already built in PostgreSQL (bench_http.py builds one).

    DATABASE_URL=postgres://... .venv/bin/python bench/profile_pages.py --repeat 20
    DATABASE_URL=postgres://... .venv/bin/python bench/profile_pages.py --only "case page" --profile
    DATABASE_URL=postgres://... .venv/bin/python bench/profile_pages.py --only home --queries

--profile prints cProfile's top functions by cumulative time for one request (SORT=tottime to
sort otherwise, TOP=n for more rows, CALLERS="query.py:1099" to see who calls a function); --queries prints
each query of one request with its time (run EXPLAIN ANALYZE on the slow ones by hand).
"""

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import bench_http  # noqa: E402 - after the path above

SERVER_ENV = bench_http.SERVER_ENV | {"ALLOWED_HOSTS": "testserver,127.0.0.1,localhost"}


def setup_django():
    os.environ.update(SERVER_ENV)
    import django

    django.setup()


def client_for(session_key):
    from django.conf import settings
    from django.test import Client

    client = Client(HTTP_X_FORWARDED_PROTO="https", HTTP_ACCEPT="text/html")
    if session_key:
        client.cookies[settings.SESSION_COOKIE_NAME] = session_key
    return client


def one(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        cpu, wall = time.process_time(), time.perf_counter()
        response = client.get(url, secure=True)
        if hasattr(response, "streaming_content"):
            b"".join(response.streaming_content)
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    assert response.status_code == 200, (url, response.status_code)
    sql_ms = sum(float(q["time"]) for q in captured.captured_queries) * 1000
    return cpu * 1000, wall * 1000, len(captured), sql_ms, captured.captured_queries


def explained_ms(sql):
    """The database's own planning and execution time for one SELECT (EXPLAIN ANALYZE), which a
    busy machine blurs less than the client's wall clock."""
    from django.db import connection

    if not sql.lstrip().upper().startswith("SELECT"):
        return 0.0
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql)
        plan = cursor.fetchone()[0]
    plan = plan[0] if isinstance(plan, list) else plan
    return plan["Planning Time"] + plan["Execution Time"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--only", help="the page whose label contains this")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--queries", action="store_true")
    parser.add_argument("--explain", action="store_true", help="sum EXPLAIN ANALYZE times (best of 3)")
    args = parser.parse_args()
    setup_django()
    import logging

    from django.db import connection

    logging.disable(logging.INFO)  # one log line a request would drown the figures
    bench_http.collect_static()  # production settings serve hashed static names
    connection.force_debug_cursor = True  # keep each query's time
    targets = bench_http.pages(1)
    if args.only:
        targets = [t for t in targets if args.only in t[1] or t[0] == "trivial"]
    print(f"{'page':<40} {'cpu ms':>7} {'wall ms':>8} {'queries':>8} {'sql ms':>7} {'db ms':>6}")
    for group, label, url, sessions in targets:
        client = client_for(sessions[0] if sessions else None)
        one(client, url)  # warm: templates compiled, caches filled, connection open
        runs = [one(client, url) for _ in range(args.repeat)]
        cpu = statistics.median(r[0] for r in runs)
        wall = statistics.median(r[1] for r in runs)
        sql = statistics.median(r[3] for r in runs)
        queries = runs[-1][4]
        db = [min(explained_ms(q["sql"]) for _ in range(3)) for q in queries] if args.explain else []
        print(
            f"{group[:1]} {label:<38} {cpu:>7.1f} {wall:>8.1f} {len(queries):>8} {sql:>7.1f} {sum(db):>6.1f}",
            flush=True,
        )
        if args.queries and group != "trivial":
            for i, q in enumerate(queries):
                own = f"{db[i]:6.2f}" if db else "     -"
                print(f"   {float(q['time']) * 1000:7.2f} ms {own} ms  {q['sql'][:300]}")
        if args.profile and group != "trivial":
            profiler = cProfile.Profile(time.process_time)
            profiler.enable()
            one(client, url)
            profiler.disable()
            stats = pstats.Stats(profiler).sort_stats(os.environ.get("SORT", "cumulative"))
            # PROFILE_ONLY=wt-perf/ (say) keeps the project's own functions
            stats.print_stats(os.environ.get("PROFILE_ONLY", ""), int(os.environ.get("TOP", "45")))
            if os.environ.get("CALLERS"):
                stats.print_callers(os.environ["CALLERS"])


if __name__ == "__main__":
    main()
