"""Local Offer search speed under load, against the production server setup (gunicorn).

Builds 2,000 services in a fresh database (a temporary SQLite file unless DATABASE_URL is set: run
under scripts/with-postgres.sh for PostgreSQL), starts gunicorn on a free loopback port with
production settings, and sends typical searches from 1 and then 50 concurrent users, beside a
trivial page measured in the same run. Prints client-side milliseconds (median, p95) and
throughput. Every loop is bounded in count and time, and only 127.0.0.1 is ever contacted.

    .venv/bin/python bench/bench_local_offer.py
    bash scripts/with-postgres.sh .venv/bin/python bench/bench_local_offer.py --requests 400
"""

import argparse
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SEARCHES = [
    {"q": "speech and language"},
    {"q": "autism support", "age": "7"},
    {"q": "wheelchair"},
    {"q": "short breaks", "postcode": "BF1 1SL", "distance": "5"},
    {"q": "speach therapy"},  # a typo
    {"q": "parent groups"},
    {"age": "15", "cost": "free"},
    {"q": "CAMHS"},
]
DEADLINE_SECONDS = 600  # the whole load phase stops by itself after this


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def build(environment, services):
    os.environ.update(environment)
    os.environ["DJANGO_SETTINGS_MODULE"] = "opensend.test_settings"
    import django

    django.setup()
    from django.core.management import call_command

    from core.demo import DemoContext
    from directory import demo
    from directory.models import Service

    call_command("migrate", verbosity=0)
    if not Service.objects.exists():
        context = DemoContext(
            random.Random(42),
            services / demo.SERVICES_AT_SCALE_1,
            date.today(),
            lambda iterable, label, total=None: iterable,
        )
        demo.build(context)
    return Service.objects.count()


def start_gunicorn(environment, port, workers):
    env = {
        **os.environ,
        **environment,
        "DJANGO_SETTINGS_MODULE": "opensend.settings",
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "SITE_URL": f"http://127.0.0.1:{port}",
        "LOG_LEVEL": "WARNING",
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
    )
    server = subprocess.Popen(  # noqa: S603 - our own fixed command line
        [
            sys.executable,
            "-m",
            "gunicorn",
            "opensend.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--threads",
            "4",
            "--worker-class",
            "gthread",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1)  # noqa: S310 - loopback only
            return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("gunicorn did not start")


def fetch(url) -> float:
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - loopback only
        response.read()
        assert response.status == 200, (url, response.status)
    return (time.perf_counter() - started) * 1000


def load(urls, users, requests, stop_at):
    """`requests` fetches spread over `users` threads; returns (latencies ms, seconds taken)."""
    plan = [urls[i % len(urls)] for i in range(requests)]
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=users) as pool:
        latencies = list(pool.map(lambda url: fetch(url) if time.monotonic() < stop_at else None, plan))
    return [x for x in latencies if x is not None], time.perf_counter() - started


def summary(latencies, seconds):
    latencies = sorted(latencies)
    p95 = latencies[max(0, int(len(latencies) * 0.95) - 1)]
    return f"{statistics.median(latencies):>9.1f} {p95:>8.1f} {len(latencies) / seconds:>9.1f}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--services", type=int, default=2000)
    parser.add_argument("--requests", type=int, default=200, help="requests per scenario")
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 1) * 2 + 1)
    args = parser.parse_args()
    database_url = os.environ.get("DATABASE_URL") or f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
    environment = {"DATABASE_URL": database_url, "SECRET_KEY": "bench-only-" + "k" * 40}
    count = build(environment, args.services)
    port = free_port()
    server = start_gunicorn(environment, port, args.workers)
    base = f"http://127.0.0.1:{port}"
    search_urls = [f"{base}/local-offer/search/?{urlencode(query)}" for query in SEARCHES]
    trivial = [f"{base}/local-offer/"]
    stop_at = time.monotonic() + DEADLINE_SECONDS
    try:
        print(
            f"Local Offer search: {count:,} services on {database_url.split(':', 1)[0]}, gunicorn "
            f"{args.workers} workers x 4 threads, {args.requests} requests per row\n"
        )
        print(f"  {'page':<28} {'users':>5} {'median ms':>9} {'p95 ms':>8} {'req/s':>9}")
        for users in (1, 50):
            for label, urls in (
                ("trivial: Local Offer home", trivial),
                ("search (8 typical queries)", search_urls),
            ):
                load(urls, min(users, 5), 10, stop_at)  # warm up each worker's connection and caches
                latencies, seconds = load(urls, users, args.requests, stop_at)
                print(f"  {label:<28} {users:>5} {summary(latencies, seconds)}")
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
