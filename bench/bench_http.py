"""What each busy page costs over HTTP against a trivial page: gunicorn and PostgreSQL on one core, a
load generator on the other, each page's req/s, p50 and p99 beside the accessibility statement's.

Builds the demo area (or reuses one already in the database) and measures the pages of issue 22's
table for --seconds each with --connections connections kept busy:

    bash scripts/with-postgres.sh .venv/bin/python bench/bench_http.py --scale 4 --seconds 8
    DATABASE_URL=postgres://... .venv/bin/python bench/bench_http.py --scale 4   # reuses its demo area

gunicorn runs as in production (deploy/systemd/opensend-web.service: sync workers, production
settings, static files collected), with `X-Forwarded-Proto: https` as nginx sends it. Signed-in
pages use sessions made directly (sign-in and TOTP are not what is measured). The load generator
is `wrk` when installed, otherwise Python threads with http.client. Figures, not a pass/fail test:
the goal is every page within 3x the trivial page (cost <= 3).
"""

import argparse
import os
import re
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SERVER_CORE, LOAD_CORE = 0, 1
GOAL = 3.0
# Production settings, served on localhost behind a pretend TLS proxy (the header below).
SERVER_ENV = {
    "DJANGO_SETTINGS_MODULE": "opensend.settings",
    "SECRET_KEY": "bench-only-" + "x" * 50,
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "EMAIL_URL": "dummymail://",
    "CONN_MAX_AGE": "60",
    "DEBUG": "0",
}
HEADERS = {"X-Forwarded-Proto": "https", "Accept": "text/html"}


def setup_django():
    os.environ.update(SERVER_ENV)
    import django

    django.setup()


def build_or_reuse(scale, rebuild):
    """The demo area in this database: reused when the demo accounts are there, unless --rebuild."""
    from django.core.management import call_command

    from accounts.models import User

    call_command("migrate", verbosity=0)
    if not rebuild and User.objects.filter(username="demo.caseworker").exists():
        return None
    call_command("flush", "--noinput", verbosity=0)
    started = time.perf_counter()
    call_command(
        "seed_demo", "--scale", str(scale), "--seed", "42",
        "--logins-file", str(Path(tempfile.gettempdir()) / "bench-http-logins.json"),
        "--allow-non-debug",  # the bench's own database, never a live service
        verbosity=0,
    )  # fmt: skip
    return time.perf_counter() - started


def session_for(user, search_terms=None):
    """A signed-in session (second factor verified, for staff), as after a real sign-in."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from core import search_terms as kept

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device:
        session["otp_device_id"] = device.persistent_id
    if search_terms:
        session[kept.SESSION_KEY] = search_terms
    session.set_expiry(4 * 3600)
    session.create()
    return session.session_key


def pages(connections):
    """(group, label, url, session ids or None) in the issue's order; the trivial page first."""
    from django.db.models import Count

    from accounts.models import User
    from casework.access import cases_visible_to
    from casework.models import OPEN_STAGES
    from directory.models import ServiceAtLocation
    from people.access import children_visible_to
    from plans.models import EHCPlan

    caseworker = User.objects.get(username="demo.caseworker")
    manager = User.objects.get(username="demo.manager")
    visible = cases_visible_to(caseworker).order_by("pk")
    case = visible.filter(caseworker=caseworker, stage__in=OPEN_STAGES).first() or visible.first()
    plan = EHCPlan.objects.filter(latest_issued__isnull=False).order_by("pk").first()
    surname = (
        children_visible_to(caseworker)
        .values("legal_last_name")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .first()
    )
    postcode = (
        ServiceAtLocation.objects.exclude(location__postcode="")
        .order_by("pk")
        .values_list("location__postcode", flat=True)
        .first()
    )
    key = secrets.token_urlsafe(8)
    staff = [session_for(caseworker, {key: surname["legal_last_name"]}) for _ in range(connections)]
    managers = [session_for(manager) for _ in range(connections)]
    return [
        ("trivial", "accessibility statement", "/accessibility/", None),
        ("public", "Local Offer search: autism", "/local-offer/search/?q=autism", None),
        ("public", "Local Offer search: autism + postcode",
         f"/local-offer/search/?q=autism&postcode={postcode.replace(' ', '+')}", None),
        ("public", "ORUK services list", "/api/oruk/services/", None),
        ("caseworker", "my cases", "/cases/mine/", staff),
        ("caseworker", "all cases", "/cases/", staff),
        ("caseworker", "reviews", "/reviews/", staff),
        ("caseworker", "home", "/home/", staff),
        ("caseworker", "case page", f"/cases/{case.public_id}/", staff),
        ("caseworker", "plan page", f"/plans/{plan.public_id}/", staff),
        ("caseworker", "children search", f"/children/?s={key}", staff),
        ("manager", "performance", "/performance/", managers),
    ]  # fmt: skip


def collect_static():
    from django.core.management import call_command

    call_command("collectstatic", "--noinput", verbosity=0)


def pin(pid, core, with_children=False):
    """Keep a process (and its children, as PostgreSQL's backends) on one core; False if refused."""
    if not hasattr(os, "sched_setaffinity") or (os.cpu_count() or 1) < 2:
        return False
    pids = [pid, *(_children(pid) if with_children else [])]
    try:
        for each in pids:
            os.sched_setaffinity(each, {core})
    except OSError:
        return False
    return True


def _children(parent):
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == parent:
            found.append(int(stat.parent.name))
    return found


def postgres_pid():
    """The local PostgreSQL server's process (scripts/with-postgres.sh says where its data is)."""
    data = os.environ.get("OPENSEND_PG_DATA")
    pidfile = Path(data) / "postmaster.pid" if data else None
    if pidfile and pidfile.exists():
        return int(pidfile.read_text().split()[0])
    return None


def start_gunicorn(port, workers):
    command = [
        sys.executable, "-m", "gunicorn", "opensend.wsgi", "--bind", f"127.0.0.1:{port}",
        "--workers", str(workers), "--timeout", "60", "--log-level", "warning",
    ]  # fmt: skip
    server = subprocess.Popen(  # noqa: S603 - our own fixed command
        command, cwd=ROOT, env=os.environ | SERVER_ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    import urllib.request

    for _ in range(300):
        try:
            request = urllib.request.Request(f"http://127.0.0.1:{port}/accessibility/", headers=HEADERS)
            urllib.request.urlopen(request, timeout=10)  # noqa: S310 - localhost
            return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("gunicorn did not start")


def free_port():
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --- Load generators ---------------------------------------------------------------------------


def python_load(port, url, sessions, seconds, connections):
    """`connections` threads, each sending one request after another; (count, latencies, errors)."""
    import http.client

    deadline = time.perf_counter() + seconds
    latencies = [[] for _ in range(connections)]
    errors = [0] * connections

    def run(i):
        headers = dict(HEADERS)
        if sessions:
            headers["Cookie"] = f"sessionid={sessions[i % len(sessions)]}"
        connection = None
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            try:
                connection = connection or http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                connection.request("GET", url, headers=headers)
                response = connection.getresponse()
                response.read()
                if response.status != 200:
                    errors[i] += 1
                if response.will_close:
                    connection.close()
                    connection = None
            except (OSError, http.client.HTTPException):
                errors[i] += 1
                connection = None
            latencies[i].append(time.perf_counter() - started)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    every = sorted(t for each in latencies for t in each)
    return {
        "rps": len(every) / seconds,
        "p50": statistics.median(every) * 1000 if every else 0,
        "p99": every[max(0, int(len(every) * 0.99) - 1)] * 1000 if every else 0,
        "errors": sum(errors),
    }


WRK_LINE = re.compile(r"^\s+(50|99)(?:\.000)?%\s+([\d.]+)(us|ms|s)\s*$", re.MULTILINE)
UNITS = {"us": 0.001, "ms": 1, "s": 1000}


def wrk_load(port, url, sessions, seconds, connections):
    command = [
        "wrk", "-t", str(min(connections, 2)), "-c", str(connections), "-d", f"{seconds}s", "--latency",
        "-H", f"X-Forwarded-Proto: {HEADERS['X-Forwarded-Proto']}", "-H", f"Accept: {HEADERS['Accept']}",
    ]  # fmt: skip
    if sessions:
        command += ["-H", f"Cookie: sessionid={sessions[0]}"]
    output = subprocess.run(  # noqa: S603 - wrk with our own arguments
        [*command, f"http://127.0.0.1:{port}{url}"], capture_output=True, text=True, check=False
    ).stdout
    percentiles = {p: float(v) * UNITS[unit] for p, v, unit in WRK_LINE.findall(output)}
    rps = re.search(r"Requests/sec:\s+([\d.]+)", output)
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    return {
        "rps": float(rps.group(1)) if rps else 0,
        "p50": percentiles.get("50", 0),
        "p99": percentiles.get("99", 0),
        "errors": (int(bad.group(1)) if bad else 0)
        + (sum(int(n) for n in socket_errors.groups()) if socket_errors else 0),
    }


# --- The run -----------------------------------------------------------------------------------


def area_summary():
    from directory.models import Service
    from people.models import Child
    from plans.models import EHCPlan

    return (
        f"{EHCPlan.objects.count():,} plans, {Child.objects.count():,} children, "
        f"{Service.objects.count():,} services"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=4, help="demo scale to build (4: 20,000 plans)")
    parser.add_argument("--rebuild", action="store_true", help="build the demo area even if one is there")
    parser.add_argument("--seconds", type=float, default=8, help="seconds of load per page")
    parser.add_argument("--warmup", type=float, default=1, help="seconds of load per page before measuring")
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")
    parser.add_argument("--loader", choices=["auto", "wrk", "python"], default="auto")
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        raise SystemExit("Give a PostgreSQL DATABASE_URL, or run under scripts/with-postgres.sh.")
    setup_django()
    built = build_or_reuse(args.scale, args.rebuild)
    collect_static()
    targets = pages(args.connections)
    summary = area_summary()
    from django.db import connection

    connection.close()
    use_wrk = args.loader == "wrk" or (args.loader == "auto" and shutil.which("wrk"))
    load = wrk_load if use_wrk else python_load
    port = free_port()
    server = start_gunicorn(port, args.workers)
    pinned = [
        "gunicorn" if pin(server.pid, SERVER_CORE, with_children=True) else None,
        "PostgreSQL" if (pg := postgres_pid()) and pin(pg, SERVER_CORE, with_children=True) else None,
        "load generator" if pin(0, LOAD_CORE) else None,
    ]
    where = ", ".join(p for p in pinned if p) or "nothing"
    print(
        f"OpenSEND over HTTP: {summary} "
        + (f"(built at scale {args.scale:g} in {built:.0f} s)" if built else "(reused)")
        + f"\ngunicorn {args.workers} sync workers, production settings; {where} pinned "
        f"(server core {SERVER_CORE}, load core {LOAD_CORE}); {'wrk' if use_wrk else 'Python threads'}, "
        f"{args.connections} connections, {args.seconds:g} s a page; load average "
        f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}\n"
    )
    print(f"{'group':<11} {'page':<38} {'req/s':>7} {'p50 ms':>7} {'p99 ms':>7} {'errors':>6} {'cost':>6}")
    over = []
    try:
        trivial = None
        for group, label, url, sessions in targets:
            if args.warmup:
                load(port, url, sessions, args.warmup, args.connections)
            result = load(port, url, sessions, args.seconds, args.connections)
            trivial = trivial or result["rps"]
            cost = trivial / result["rps"] if result["rps"] else float("inf")
            if cost > GOAL:
                over.append(label)
            print(
                f"{group:<11} {label:<38} {result['rps']:>7.1f} {result['p50']:>7.0f} {result['p99']:>7.0f} "
                f"{result['errors']:>6} {cost:>5.1f}x",
                flush=True,
            )
        again = load(port, targets[0][2], None, args.seconds, args.connections)
        print(
            f"{'trivial':<11} {'accessibility statement, again':<38} {again['rps']:>7.1f} "
            f"{again['p50']:>7.0f} {again['p99']:>7.0f} {again['errors']:>6}"
        )
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(
        f"\nload average at the end {' '.join(f'{x:.2f}' for x in os.getloadavg())}; "
        + (f"over {GOAL:g}x: {', '.join(over)}" if over else f"every page within {GOAL:g}x the trivial page")
    )


if __name__ == "__main__":
    main()
