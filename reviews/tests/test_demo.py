"""reviews.demo through seed_demo: every live plan has its review, about one in eight overdue, some in
progress at each stage, some amendments late; every history fits the catalogue and every stored
deadline is the clock's."""

from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command

from clock import Status, dates
from plans.models import EHCPlan
from reviews import queries, timing
from reviews.events import check_can_record
from reviews.models import AWAITING_MEETING, OPEN_STAGES, AnnualReview, Stage
from reviews.services import stored_clock

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(settings, tmp_path):
    settings.DEBUG = True  # seed_demo refuses to run without it
    out = StringIO()
    call_command(
        "seed_demo",
        scale=0.05,
        seed=7,
        logins_file=str(tmp_path / "logins.json"),
        stdout=out,
        stderr=StringIO(),
    )
    return out.getvalue()


def test_every_live_plan_has_one_current_review_and_about_one_in_eight_is_overdue(seeded):
    assert "reviews.demo.build:" in seeded
    today = dates.today()
    live = EHCPlan.objects.filter(ceased_on__isnull=True, first_issued_on__lte=today)
    waiting = AnnualReview.objects.filter(stage__in=AWAITING_MEETING)
    in_progress = AnnualReview.objects.filter(stage__in=(Stage.HELD, Stage.AMENDING, Stage.CEASING))
    current = set(waiting.values_list("plan_id", flat=True))
    assert set(live.values_list("pk", flat=True)) == current | set(
        in_progress.values_list("plan_id", flat=True)
    )
    overdue = waiting.filter(due_on__lt=today).count() / live.count()
    assert 0.06 <= overdue <= 0.2, overdue
    stages = Counter(AnnualReview.objects.values_list("stage", flat=True))
    assert all(stages[s] for s in (Stage.SCHEDULED, Stage.HELD, Stage.AMENDING, Stage.COMPLETED))
    assert queries.backlog(today).now == waiting.filter(due_on__lt=today).count()


def test_histories_fit_the_catalogue_and_stored_deadlines_are_the_clocks(seeded):
    today = dates.today()
    late_amendments = 0
    reviews = AnnualReview.objects.prefetch_related("events")
    for review in reviews:
        history = []
        for event in review.events.all():
            check_can_record(event.kind, event.on, history, today)
            history.append((event.kind, event.on))
        line = timing.review_line(review, review.events.all(), today)
        stored = {
            k: getattr(review, k) for k in ("next_deadline", "next_step", "next_step_key", "is_overdue")
        }
        assert stored == stored_clock(review, line), review.reference
        step = line.step("amended_plan")
        late_amendments += step is not None and step.status is Status.MET_LATE
    assert late_amendments >= 1
    assert AnnualReview.objects.filter(stage__in=OPEN_STAGES, caseworker__username="demo.caseworker").exists()


def test_plans_and_reviews_keep_the_plan_steps_rules(seeded):
    """Issue 19: the demo's plans obey the rules the step services enforce. No plan is issued
    inside the family's 15 days without their response (plans.lifecycle, the rule every door
    uses); an annual review's proposals are the amendment the plan records as sent, on the same
    day; a review amending a plan whose proposals went out has that draft, sent that day."""
    from plans import lifecycle
    from plans.codes import PlanStatus
    from plans.models import PlanVersion
    from reviews.decisions import R

    issued = PlanVersion.objects.filter(status=PlanStatus.ISSUED).select_related("case")
    assert issued.exists()
    for version in issued:
        responded = lifecycle.family_response_on(version)
        if version.case_id is None and version.based_on_id is not None:
            review = AnnualReview.objects.get(plan_id=version.plan_id, closed_on=version.issued_on)
            sent = review.events.get(kind=R.PROPOSALS_SENT).on
            assert version.served_on == sent, review.reference
            comment = review.events.filter(kind=R.FAMILY_COMMENTED).values_list("on", flat=True).first()
            responded = comment
        refusal = lifecycle.comment_period_refusal(version, version.issued_on, responded)
        assert refusal is None, (version.pk, refusal)
    amending = AnnualReview.objects.filter(stage=Stage.AMENDING, events__kind=R.PROPOSALS_SENT)
    assert amending.exists()
    for review in amending.select_related("amendment"):
        sent = review.events.get(kind=R.PROPOSALS_SENT).on
        assert review.amendment is not None, review.reference
        assert review.amendment.status == PlanStatus.DRAFT
        assert review.amendment.served_on == sent
