"""Load: gunicorn + PostgreSQL under a realistic mix of users (bench/load/locustfile.py), at 50, 200
and 400 concurrent users, printing p50/p95/p99 and errors per group beside the trivial page.

Run under scripts/with-postgres.sh (it builds the demo area in that throwaway database):

    bash scripts/with-postgres.sh .venv/bin/python bench/bench_load.py --seconds 30
    bash scripts/with-postgres.sh .venv/bin/python bench/bench_load.py --users 50 200 400 --scale 1

Figures, not a pass/fail test; the goal is p95 < 200 ms for public search at 400 users.
"""

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
ERRORS = Counter()
GROUPS = ["public search", "family portal", "caseworker", "api", "trivial"]


def setup_django():
    os.environ["DJANGO_SETTINGS_MODULE"] = "opensend.test_settings"
    os.environ.setdefault("AXES_ENABLED", "0")
    import django

    django.setup()


def build_area(scale):
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("flush", "--noinput", verbosity=0)
    started = time.perf_counter()
    call_command(
        "seed_demo", "--scale", str(scale), "--seed", "42",
        "--logins-file", str(Path(tempfile.gettempdir()) / "bench-load-logins.json"),
        "--allow-non-debug",  # the bench's throwaway database, never a live service
        verbosity=0,
    )  # fmt: skip
    return time.perf_counter() - started


def session_for(user):
    """A signed-in session (second factor verified, for staff), as after a real sign-in."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django_otp.plugins.otp_totp.models import TOTPDevice

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device:
        session["otp_device_id"] = device.persistent_id
    session.set_expiry(4 * 3600)
    session.create()
    return session.session_key


def fixture(path):
    from accounts.models import User
    from accounts.roles import Role
    from api.models import ApiToken
    from casework.access import cases_visible_to
    from casework.models import AssessmentCase
    from directory.models import Postcode

    caseworker = User.objects.get(username="demo.caseworker")
    parents = User.objects.filter(role=Role.PARENT).order_by("pk")[:100]
    families = []
    for parent in parents:
        cases = AssessmentCase.objects.filter(child__relationships__parent_carer__user=parent)
        families.append(
            {
                "session": session_for(parent),
                "cases": [str(c) for c in cases.values_list("public_id", flat=True)],
            }
        )
    _, token = ApiToken.issue(caseworker, "load test")
    data = {
        "caseworker_sessions": [session_for(caseworker) for _ in range(20)],
        "cases": [str(c) for c in cases_visible_to(caseworker).values_list("public_id", flat=True)[:500]],
        "families": families,
        "api_token": token,
        "postcodes": list(Postcode.objects.values_list("postcode", flat=True)[:50]) or ["BF1 1AA"],
    }
    path.write_text(json.dumps(data))
    return data


def free_port():
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_gunicorn(port, workers, threads):
    env = os.environ | {"CONN_MAX_AGE": "60", "EMAIL_URL": "dummymail://", "LOG_LEVEL": "WARNING"}
    command = [
        sys.executable, "-m", "gunicorn", "opensend.wsgi", "--bind", f"127.0.0.1:{port}",
        "--workers", str(workers), "--threads", str(threads), "--worker-class", "gthread",
        "--log-level", "warning", "--backlog", "2048",
    ]  # fmt: skip
    server = subprocess.Popen(command, cwd=ROOT, env=env)  # noqa: S603 - our own fixed command
    import urllib.request

    for _ in range(300):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/accessibility/", timeout=10)  # noqa: S310
            return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("gunicorn did not start")


def run_locust(host, users, seconds, prefix, fixture_path):
    env = os.environ | {"LOAD_FIXTURE": str(fixture_path)}
    command = [
        str(Path(sys.executable).parent / "locust"), "-f", str(ROOT / "bench/load/locustfile.py"),
        "--headless", "--host", host, "-u", str(users), "-r", str(max(10, users // 5)),
        "--run-time", f"{seconds}s", "--csv", str(prefix), "--only-summary", "--loglevel", "WARNING",
        "--stop-timeout", "5",
    ]  # fmt: skip
    subprocess.run(command, env=env, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # noqa: S603
    failures = Path(f"{prefix}_failures.csv")
    if failures.exists():
        with failures.open() as lines:
            for row in csv.DictReader(lines):
                ERRORS[row["Error"].split("'")[1] if "'" in row["Error"] else row["Error"]] += int(
                    row["Occurrences"]
                )
    rows = {}
    with open(f"{prefix}_stats.csv") as stats:  # noqa: PTH123
        for row in csv.DictReader(stats):
            rows[row["Name"]] = row
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", nargs="+", type=int, default=[50, 200, 400])
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--scale", type=float, default=1)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=4)
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        raise SystemExit("Run under scripts/with-postgres.sh: the load test is of gunicorn + PostgreSQL.")
    setup_django()
    seconds = build_area(args.scale)
    work = Path(tempfile.mkdtemp(prefix="opensend-load-"))
    data = fixture(work / "fixture.json")
    from django.db import connection

    connection.close()
    port = free_port()
    server = start_gunicorn(port, args.workers, args.threads)
    print(
        f"OpenSEND load test: demo area at scale {args.scale} built in {seconds:.0f} s; gunicorn "
        f"{args.workers} workers x {args.threads} threads on {os.cpu_count()} cores, PostgreSQL; "
        f"locust on the same machine, {args.seconds} s per level, think time 1-3 s; "
        f"{len(data['cases'])} cases, {len(data['families'])} families\n"
    )
    print(
        f"{'users':>5}  {'group':<14} {'requests':>8} {'req/s':>6} "
        f"{'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} {'errors':>6}"
    )
    try:
        for users in args.users:
            rows = run_locust(
                f"http://127.0.0.1:{port}", users, args.seconds, work / f"u{users}", work / "fixture.json"
            )
            for group in [*GROUPS, "Aggregated"]:
                row = rows.get(group)
                if row is None:
                    continue
                print(
                    f"{users:>5}  {group:<14} {row['Request Count']:>8} {float(row['Requests/s']):>6.1f} "
                    f"{row['50%']:>7} {row['95%']:>7} {row['99%']:>7} {row['Failure Count']:>6}"
                )
            print()
        if ERRORS:
            print("errors (all levels):", ", ".join(f"{n} x {kind}" for kind, n in ERRORS.most_common(8)))
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
