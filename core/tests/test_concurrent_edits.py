"""50 people save an edit to one case, and to one plan, at the same moment, each with the version
they opened the page on (core.models.Versioned.claim, through plans.editing and casework.services). Each edit
either lands or is refused as stale; no edit is lost or half-saved without its author being told.

PostgreSQL only (marker `postgres`): SQLite serialises all writers, so it cannot show a race."""

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import date

import pytest
from django.db import connection

from audit.models import AuditEvent
from casework import services
from casework.models import AdviceRequest, AdviserType, AssessmentCase
from casework.tests.factories import case_at
from clock.case_events import EventKind
from core.concurrency import StaleEditError
from plans import editing
from plans.models import PlanVersion
from plans.tests.factories import draft_plan

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
EDITORS = 50
ASKED_ON = date(2026, 6, 22)  # after the decision to assess that case_at records


def all_at_once(edit):
    """Run edit(i) in 50 threads released together; each says "landed", "stale" or what went wrong."""
    start = threading.Barrier(EDITORS)

    def one(i):
        try:
            start.wait()
            return edit(i)
        except Exception as error:  # noqa: BLE001 - any other outcome fails the test, by name
            return repr(error)
        finally:
            connection.close()

    with ThreadPoolExecutor(EDITORS) as pool:
        return list(pool.map(one, range(EDITORS)))


def test_concurrent_edits_of_one_case_land_or_are_refused(area):
    case = case_at(area.own_child, "assessing")
    before = AssessmentCase.objects.get(pk=case.pk).version

    def ask_for_advice(i):
        opened_on = AssessmentCase.objects.get(pk=case.pk).version  # the page each person opened
        fresh = AssessmentCase.objects.get(pk=case.pk)
        try:
            services.request_advice(
                None, fresh, AdviserType.OTHER, ASKED_ON, note=f"edit {i}", expected_version=opened_on
            )
        except StaleEditError as refusal:
            assert str(refusal) == StaleEditError.message
            return "stale"
        return f"landed {i}"

    outcomes = all_at_once(ask_for_advice)
    landed = sorted(o for o in outcomes if o.startswith("landed"))
    assert sorted(set(outcomes) - set(landed)) in ([], ["stale"]), outcomes
    assert landed
    stored = AdviceRequest.objects.filter(case=case, adviser_type=AdviserType.OTHER)
    events = case.events.filter(kind=EventKind.ADVICE_REQUESTED, ref__startswith=AdviserType.OTHER)
    assert stored.count() == events.count() == len(landed)
    assert sorted(f"landed {n.split()[-1]}" for n in events.values_list("note", flat=True)) == landed
    assert len(set(stored.values_list("ref", flat=True))) == len(landed)
    assert AssessmentCase.objects.get(pk=case.pk).version == before + len(landed)


def test_concurrent_edits_of_one_plan_land_or_are_refused(area):
    version = draft_plan(area.own_child)
    before = PlanVersion.objects.get(pk=version.pk).version

    def write_section_a(i):
        fresh = PlanVersion.objects.get(pk=version.pk)
        try:
            editing.update_section(None, fresh, "A", expected_version=fresh.version, child_views=f"edit {i}")
        except StaleEditError:
            return "stale"
        return f"landed {i}"

    audits_before = AuditEvent.objects.filter(summary__endswith="changed section A").count()
    outcomes = all_at_once(write_section_a)
    landed = {o for o in outcomes if o.startswith("landed")}
    assert set(outcomes) - landed <= {"stale"}, outcomes
    assert landed
    saved = PlanVersion.objects.get(pk=version.pk)
    assert saved.version == before + len(landed)
    assert f"landed {saved.child_views.split()[-1]}" in landed
    audits = AuditEvent.objects.filter(summary__endswith="changed section A").count() - audits_before
    assert audits == len(landed)
