"""casework.demo through seed_demo: requests in real proportions, every case one the event
catalogue allows, stored deadlines equal to the clock's, and demo personas with work to show."""

from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command

from casework import services
from casework.models import (
    OPEN_STAGES,
    AdviceRequest,
    AssessmentCase,
    CaseEvent,
    CaseExceptionRecord,
    RequestSource,
    Stage,
)
from clock import Status, dates
from clock.case_events import EventKind, check_can_record

pytestmark = pytest.mark.django_db

SCALE = 0.05  # 180 requests over three years


@pytest.fixture
def seeded(settings, tmp_path):
    settings.DEBUG = True  # seed_demo refuses to run without it
    out = StringIO()
    call_command(
        "seed_demo",
        scale=SCALE,
        seed=7,
        logins_file=str(tmp_path / "logins.json"),
        stdout=out,
        stderr=StringIO(),
    )
    return out.getvalue()


def share(counter, *keys):
    return sum(counter[k] for k in keys) / sum(counter.values())


def test_requests_come_in_real_proportions(seeded):
    assert "casework.demo.build: 180 requests for assessment" in seeded
    cases = AssessmentCase.objects.all()
    assert cases.count() == 180
    today = dates.today()
    assert min(cases.values_list("received_on", flat=True)) >= today.replace(year=today.year - 3)
    sources = Counter(cases.values_list("source", flat=True))
    assert 0.3 <= share(sources, RequestSource.PARENT) <= 0.6
    assert 0.3 <= share(sources, RequestSource.SETTING) <= 0.6

    closed = Counter(cases.exclude(stage__in=OPEN_STAGES).values_list("stage", flat=True))
    assert 0.15 <= share(closed, Stage.NOT_ASSESSED) <= 0.32
    assert share(closed, Stage.WITHDRAWN) <= 0.1
    assert share(closed, Stage.NOT_ISSUED) <= 0.1
    assert 0.55 <= share(closed, Stage.FINAL) <= 0.8
    # The last few months are still open, at more than one stage, some overdue.
    open_cases = cases.filter(stage__in=OPEN_STAGES)
    assert 8 <= open_cases.count() <= 40
    assert len(set(open_cases.values_list("stage", flat=True))) >= 3
    assert open_cases.filter(is_overdue=True).exists()
    assert 0.02 <= CaseExceptionRecord.objects.values("case").distinct().count() / 180 <= 0.14

    # Timeliness from the clock: about half the plans late, most decisions and advice in time.
    status = Counter()
    for case in cases.prefetch_related("events", "exceptions", "advice_requests"):
        line = services.case_timeline(case)
        for step in line.steps:
            kind = step.key.split(":")[0]
            status[kind, step.status is Status.MET] += step.done is not None
    assert (
        0.3 <= status["final_plan", True] / (status["final_plan", True] + status["final_plan", False]) <= 0.7
    )
    decided = status["decision_to_assess", True] + status["decision_to_assess", False]
    assert 0.75 <= status["decision_to_assess", True] / decided <= 0.95
    assert 0.7 <= status["advice", True] / (status["advice", True] + status["advice", False]) <= 0.95

    # Children who got a plan for the cases that reached one; children on SEN support for the rest.
    provision = Counter(cases.values_list("stage", "child__sen_provision"))
    assert provision[Stage.FINAL, "K"] == 0
    assert sum(n for (stage, kind), n in provision.items() if stage != Stage.FINAL and kind == "E") == 0
    references = list(cases.order_by("pk").values_list("reference", flat=True))
    assert references == [f"EHC-{n:06d}" for n in range(1, 181)]


def test_every_case_is_one_the_event_catalogue_allows(seeded):
    today = dates.today()
    assert not CaseEvent.objects.filter(on__gt=today).exists()
    assert not CaseExceptionRecord.objects.filter(start__gt=today).exists()
    for case in AssessmentCase.objects.prefetch_related("events", "exceptions", "advice_requests"):
        history = []
        stage = None
        for event in case.events.all():  # in the order they were recorded
            kind = EventKind(event.kind)
            check_can_record(kind, event.ref, event.on, history, today)
            history.append((kind, event.ref, event.on))
            stage = services.STAGE_AFTER.get(kind, stage)
        assert history[0][0] is EventKind.REQUEST_RECEIVED and history[0][2] == case.received_on
        assert case.stage == stage, case
        assert case.is_open == (case.closed_on is None)
        for exception in case.exceptions.all():
            assert case.received_on <= exception.start <= exception.end
        requested = {ref for kind, ref, _ in history if kind is EventKind.ADVICE_REQUESTED}
        assert {a.ref for a in case.advice_requests.all()} == requested


def test_stored_deadlines_are_the_clocks(seeded):
    cases = AssessmentCase.objects.prefetch_related("events", "exceptions", "advice_requests")
    checked = 0
    for case in cases[::3]:
        line = services.case_timeline(case)
        step = line.next_deadline
        assert case.next_deadline == (step.due if step else None), case
        assert case.next_step == (step.label[:120] if step else ""), case
        assert case.is_overdue == bool(line.overdue), case
        for advice in case.advice_requests.all():
            assert advice.due_on == line.step(f"advice:{advice.ref}").due
        checked += 1
    assert checked == 60


def test_demo_personas_have_work_to_show(seeded):
    today = dates.today()
    caseload = AssessmentCase.objects.filter(caseworker__username="demo.caseworker")
    assert caseload.filter(stage__in=OPEN_STAGES).count() >= 6
    assert caseload.filter(is_overdue=True).exists()
    waiting = AdviceRequest.objects.filter(
        professional__username="demo.ep", received_on=None, cancelled_on=None, case__stage__in=OPEN_STAGES
    )
    statuses = Counter(
        services.case_timeline(advice.case).step(f"advice:{advice.ref}").status for advice in waiting
    )
    assert statuses[Status.OVERDUE] == 1
    assert statuses[Status.DUE_SOON] >= 1
    assert sum(statuses.values()) >= 5
    assert all(advice.due_on >= advice.requested_on for advice in waiting)
    assert AdviceRequest.objects.filter(professional__username="demo.ep", received_on__lte=today).exists()


def test_the_demo_has_no_record_integrity_findings(seeded):
    """Issue 19: the record integrity report is empty on a freshly seeded demo, every check of it
    (plan status without a plan, finished cases with a deadline, advice awaited on closed cases, two
    open cases for a child, plans with no review cycle, stuck reviews)."""
    from casework import integrity

    counts = {result.key: result.count for result in integrity.run(shown=0)}
    assert set(counts) == {check.key for check in integrity.CHECKS}
    assert counts == dict.fromkeys(counts, 0)
    cancelled = AdviceRequest.objects.filter(case__stage=Stage.WITHDRAWN, received_on__isnull=True)
    assert all(a.cancelled_on and a.cancelled_reason for a in cancelled)
