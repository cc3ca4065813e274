"""Page speed at real scale: server time and queries per page for the busiest pages.

Builds the demo area at each scale in a fresh database (a temporary SQLite file unless
DATABASE_URL is set; run under scripts/with-postgres.sh for PostgreSQL), then fetches each page
N times in-process and prints median and p95 server milliseconds and the number of queries, beside
a trivial page measured in the same run. Figures, not a pass/fail test.

    .venv/bin/python bench/bench_pages.py --scales 1 4 --repeat 30
    bash scripts/with-postgres.sh .venv/bin/python bench/bench_pages.py --scales 1 4
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


def setup_django(database_url):
    os.environ["DJANGO_SETTINGS_MODULE"] = "opensend.test_settings"
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("AXES_ENABLED", "0")
    import django

    django.setup()


def build_area(scale):
    from django.core.management import call_command

    call_command("flush", "--noinput", verbosity=0)
    started = time.perf_counter()
    call_command(
        "seed_demo",
        "--scale",
        str(scale),
        "--seed",
        "42",
        "--logins-file",
        str(Path(tempfile.gettempdir()) / "bench-logins.json"),
        "--allow-non-debug",  # the bench's throwaway database, never a live service
        verbosity=0,
    )
    return time.perf_counter() - started


def signed_in_client(username):
    from django.test import Client
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from accounts.models import User

    user = User.objects.get(username=username)
    client = Client()
    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device:
        session = client.session
        session["otp_device_id"] = device.persistent_id
        session.save()
    return client


def measure(client, url, repeat, method="get", data=None):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    timings, queries = [], 0
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = getattr(client, method)(url, data or {})
            if hasattr(response, "streaming_content"):
                b"".join(response.streaming_content)
            timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code in (200, 302), (url, response.status_code)
        queries = len(captured)
    timings.sort()
    p95 = timings[max(0, int(len(timings) * 0.95) - 1)]
    return statistics.median(timings), p95, queries


def pages():
    """(label, username, url-or-callable) for the pages to measure."""
    from django.urls import reverse

    from people.models import Child
    from plans.models import EHCPlan
    from reviews.models import AnnualReview

    child = Child.objects.filter(sen_provision="E").order_by("pk").first()
    plan = EHCPlan.objects.filter(latest_issued__isnull=False).order_by("pk").first()
    review = AnnualReview.objects.order_by("pk").first()
    return [
        ("trivial: start page (signed out)", None, reverse("core:start")),
        ("home (caseworker)", "demo.caseworker", reverse("core:home")),
        ("children list, first page", "demo.caseworker", reverse("people:child_list")),
        ("children list, page 100", "demo.caseworker", reverse("people:child_list") + "?page=100"),
        (
            "children list, EHC plans in Year 9",
            "demo.caseworker",
            reverse("people:child_list") + "?provision=E&year=9",
        ),
        ("child record", "demo.caseworker", reverse("people:child_detail", args=[child.public_id])),
        ("settings list", "demo.caseworker", reverse("people:setting_list")),
        ("audit log", "demo.manager", reverse("audit:event_list")),
        ("home (SENCo)", "demo.senco", reverse("core:home")),
        ("users (administrator)", "demo.admin", reverse("accounts:user_list")),
        ("plan page", "demo.caseworker", reverse("plans:plan_detail", args=[plan.public_id])),
        ("plans list", "demo.caseworker", reverse("plans:plan_list")),
        ("reviews due (all open)", "demo.caseworker", reverse("reviews:review_list")),
        ("reviews overdue", "demo.manager", reverse("reviews:review_list") + "?show=overdue"),
        ("review page", "demo.caseworker", reverse("reviews:review_detail", args=[review.public_id])),
    ]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", nargs="+", type=float, default=[1, 4])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    database_url = os.environ.get("DATABASE_URL") or f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
    setup_django(database_url)
    from django.core.management import call_command
    from django.test import Client

    call_command("migrate", verbosity=0)
    vendor = database_url.split(":", 1)[0]
    print(f"OpenSEND page benchmark on {vendor}, {args.repeat} requests per page\n")
    for scale in args.scales:
        seconds = build_area(scale)
        from people.models import Child

        plans = Child.objects.filter(sen_provision="E").count()
        print(
            f"scale {scale:g}: {plans:,} EHC plans, {Child.objects.count():,} children "
            f"(built in {seconds:.0f} s)"
        )
        print(f"  {'page':<40} {'median ms':>10} {'p95 ms':>8} {'queries':>8}")
        for label, username, url in pages():
            client = signed_in_client(username) if username else Client()
            median, p95, queries = measure(client, url, args.repeat)
            print(f"  {label:<40} {median:>10.1f} {p95:>8.1f} {queries:>8}")
        print()


if __name__ == "__main__":
    main()
