"""One home for date rules: no `timedelta(` or `relativedelta(` outside the clock.

Statutory and reporting periods (months, "due soon", age bands, exception lengths, days left, a
year to date) are worked out only in `clock/`, so a rule is written once and every page, list,
reminder and measure agrees. Tests, migrations and the demo and benchmark builders may make dates
as they like. The few other uses are listed below, each with why it is not a period of the rules.
"""

import os
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CALL = re.compile(r"\b(?:timedelta|relativedelta)\(")
# The clock itself; browser journeys, which are tests; benchmarks, which build their data as the
# demo does; and what is not the project's code.
SKIPPED_TOP = {"clock", "e2e", "bench", "node_modules", "var"}
SKIPPED_ANYWHERE = {"tests", "migrations", "__pycache__"}

# (file, or "*" for any file, text of the line, why it is not a statutory or reporting period)
ALLOWED = [
    ("*", "time_limit=timedelta(", "a background job's time limit (@job_kind)"),
    ("api/models.py", "expires_at=timezone.now() + timedelta(days=days)", "API token expiry"),
    ("audit/views.py", 'data["date_to"] + timedelta(days=1)', "a typed 'to' date as an exclusive timestamp"),
    ("people/home.py", "timezone.now() - timedelta(days=7)", "security figure: refused openings, 7 days"),
    ("core/throttle.py", "timedelta(seconds=max(waits))", "sign-in throttle wait"),
    ("jobs/health.py", "wait = timedelta(minutes=", "job queue health: longest wait"),
    ("jobs/registry.py", "DEFAULT_TIME_LIMIT = timedelta(minutes=30)", "job time limit"),
    ("jobs/models.py", "WORKER_WAIT = timedelta(minutes=1)", "job worker poll"),
    ("jobs/services.py", "timedelta(seconds=settings.JOB_HEARTBEAT_STALE_SECONDS)", "a lost worker's job"),
    ("jobs/services.py", '(days=getattr(settings, "JOB_KEEP_DAYS", 30))', "finished jobs' cleanup age"),
    ("jobs/services.py", "claimed_at__lt=cutoff - timedelta(days=60)", "scheduled runs' cleanup age"),
    ("opensend/settings.py", "AXES_COOLOFF_TIME = timedelta(minutes=15)", "sign-in lockout"),
    ("performance/returns/views.py", "JOIN_BUILDS_FOR = timedelta(minutes=30)", "join a running export job"),
    ("portal/linking.py", "now + timedelta(days=INVITATION_DAYS)", "invitation link expiry"),
    ("portal/linking.py", "timezone.now() + timedelta(hours=VERIFY_HOURS)", "verification code expiry"),
    ("reviews/meetings.py", "SLOT = timedelta(hours=1)", "meeting time slot in a day"),
]


def _is_demo_builder(relative: Path) -> bool:
    # core/demo*.py and core/demo_*/ build the demo area; each app's demo.py adds its part.
    first, name = relative.parts[0], relative.name
    return name.startswith("demo") or (first == "core" and relative.parts[1].startswith("demo"))


def _skipped(folder: Path, name: str) -> bool:
    top = folder == ROOT
    return name.startswith(".") or name in SKIPPED_ANYWHERE or (top and name in SKIPPED_TOP)


def _calls():
    for folder, dirs, files in os.walk(ROOT):
        dirs[:] = sorted(d for d in dirs if not _skipped(Path(folder), d))
        for name in sorted(files):
            path = Path(folder) / name
            relative = path.relative_to(ROOT)
            if name.endswith(".py") and name != "conftest.py" and not _is_demo_builder(relative):
                yield from _calls_in(path, relative.as_posix())


def _calls_in(path: Path, relative: str):
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if CALL.search(line) and not line.lstrip().startswith("#"):
            yield relative, number, line.strip()


def _allowed(path: str, line: str) -> bool:
    return any(where in (path, "*") and text in line for where, text, _ in ALLOWED)


def test_date_periods_are_worked_out_only_in_the_clock():
    stray = [f"{path}:{number}: {line}" for path, number, line in _calls() if not _allowed(path, line)]
    assert stray == [], "Date arithmetic outside clock/ (add a clock function):\n" + "\n".join(stray)


def test_every_listed_exception_is_still_there():
    # A stale entry would let a new line with the same text through unnoticed.
    found = list(_calls())

    def used(where, text):
        return any(where in (path, "*") and text in line for path, _, line in found)

    assert [(where, text) for where, text, _ in ALLOWED if not used(where, text)] == []


def test_the_search_finds_both_calls_and_skips_comments(tmp_path):
    module = tmp_path / "rule.py"
    module.write_text(
        "due = today + timedelta(days=7)\n"
        "# today - timedelta(days=1)\n"
        "start = day - relativedelta(months=1)\n",
        encoding="utf-8",
    )
    assert [number for _, number, _ in _calls_in(module, "rule.py")] == [1, 3]
    assert _is_demo_builder(Path("core/demo_people.py")) and _is_demo_builder(Path("waiting/demo.py"))
    assert not _is_demo_builder(Path("waiting/register.py"))
