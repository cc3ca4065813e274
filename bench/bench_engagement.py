"""Surveys at volume: a survey's results page, the survey list and the KPI 1.1 snapshot with the
demo's family survey grown to --answers answers, beside a trivial page measured in the same run.

Builds the demo area in a fresh database (a temporary SQLite file unless DATABASE_URL is set; run
under scripts/with-postgres.sh for PostgreSQL) and prints median and p95 milliseconds and queries.
Figures, not a pass/fail test.

    .venv/bin/python bench/bench_engagement.py --scale 1 --answers 20000 --repeat 5
"""

import argparse
import os
import sys
import tempfile
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_pages import build_area, measure, setup_django, signed_in_client  # noqa: E402
from bench_returns import timed  # noqa: E402


def grow(answers: int):
    """Add answers to the demo's family survey, spread over its year, in bulk."""
    import random

    from clock import dates
    from engagement.models import Answer, Survey, SurveyResponse

    survey = Survey.objects.get(title="Keeping families informed")
    questions = list(survey.questions.all())
    rng, today = random.Random(5), dates.today()
    responses = SurveyResponse.objects.bulk_create(
        (
            SurveyResponse(survey=survey, submitted_on=today - timedelta(days=rng.randint(0, 360)))
            for _ in range(answers)
        ),
        batch_size=2000,
    )
    rows = []
    for response in responses:
        for question in questions:
            if question.kind == "rating":
                rows.append(Answer(response=response, question=question, rating=rng.randint(1, 5)))
            elif question.kind == "text":
                rows.append(Answer(response=response, question=question, text="More updates, please"))
            else:
                rows.append(
                    Answer(response=response, question=question, choices=[rng.choice(question.option_list)])
                )
    Answer.objects.bulk_create(rows, batch_size=5000)
    return survey


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1)
    parser.add_argument("--answers", type=int, default=20000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    database_url = os.environ.get("DATABASE_URL") or f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
    setup_django(database_url)
    from django.core.management import call_command
    from django.urls import reverse

    from clock import dates
    from engagement.models import SurveyResponse
    from performance import services

    call_command("migrate", verbosity=0)
    build_area(args.scale)
    survey = grow(args.answers)
    total = SurveyResponse.objects.filter(survey=survey).count()
    vendor = database_url.split(":", 1)[0]
    print(
        f"OpenSEND engagement benchmark on {vendor}, scale {args.scale:g}, {total:,} answers to one survey\n"
    )
    print(f"  {'step':<44} {'median ms':>10} {'p95 ms':>8} {'queries':>8}")
    m, p, q, _ = timed(lambda: services.snapshot(dates.today()), args.repeat)
    print(f"  {'KPI snapshot (every system KPI)':<44} {m:>10.1f} {p:>8.1f} {q:>8}")
    client = signed_in_client("demo.manager")
    for label, url in (
        ("survey results page", reverse("surveys:results", args=[survey.public_id])),
        (
            "survey results, as published",
            reverse("surveys:results", args=[survey.public_id]) + "?published=1",
        ),
        ("survey list (answers by audience and month)", reverse("surveys:list")),
        ("public 'You said, we did' page", reverse("voice:public")),
        ("trivial page: home (manager)", reverse("core:home")),
    ):
        m, p, q = measure(client, url, args.repeat)
        print(f"  {label:<44} {m:>10.1f} {p:>8.1f} {q:>8}")


if __name__ == "__main__":
    main()
