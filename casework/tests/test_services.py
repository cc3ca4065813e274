from datetime import date

import pytest

from audit.models import AuditEvent
from casework import services
from casework.models import CaseEvent, Stage
from casework.tests.factories import case_at, open_case
from clock import Status
from clock.case_events import EventKind as K
from clock.case_events import OutOfOrder
from core.concurrency import StaleEditError

pytestmark = pytest.mark.django_db


def test_a_case_moves_through_every_stage_to_a_final_plan(area):
    case = case_at(area.own_child, "final", received_on=date(2026, 1, 5))
    assert case.stage == Stage.FINAL
    assert case.closed_on == date(2026, 2, 23)
    line = services.case_timeline(case, today=date(2026, 4, 1))
    assert line.step("final_plan").status is Status.MET
    assert case.next_deadline is None
    # Every case event is audited on the case (the plan's own steps are audited on the plan too).
    assert (
        AuditEvent.objects.filter(child=area.own_child, object_type="assessmentcase").count()
        == CaseEvent.objects.filter(case=case).count()
    )
    # Sending the draft and issuing the final plan made the plan record (one service, every door).
    plan = area.own_child.ehc_plans.get()
    assert plan.first_issued_on == date(2026, 2, 23) and plan.latest_issued.case_id == case.pk


@pytest.mark.parametrize(
    "stage,kind,message",
    [
        ("received", K.FINAL_ISSUED, "only be issued after a draft"),
        ("received", K.ADVICE_REQUESTED, "only be asked for after the decision to assess"),
        ("drafting", K.FAMILY_RESPONDED, "once the draft has been sent"),
        ("final", K.FINAL_ISSUED, "already has"),
        ("withdrawn", K.DECIDED_TO_ASSESS, "already has \u201cRequest withdrawn\u201d"),
    ],
)
def test_actions_out_of_order_are_refused_in_plain_english_and_change_nothing(area, stage, kind, message):
    case = case_at(area.own_child, stage, received_on=date(2026, 1, 5))
    before = (case.events.count(), case.stage, case.version)
    with pytest.raises(OutOfOrder, match=message):
        services.record_event(None, case, kind, date(2026, 6, 1), ref="ep")
    case.refresh_from_db()
    assert (case.events.count(), case.stage, case.version) == before


def test_dates_in_the_future_or_before_the_step_before_are_refused(area):
    case = open_case(area.own_child, date(2026, 1, 5))
    with pytest.raises(OutOfOrder, match="cannot be in the future"):
        services.record_event(None, case, K.DECIDED_TO_ASSESS, date(2099, 1, 1))
    with pytest.raises(OutOfOrder, match="cannot be before 5 January 2026"):
        services.record_event(None, case, K.DECIDED_TO_ASSESS, date(2026, 1, 4))


def test_a_stale_change_is_refused(area):
    case = open_case(area.own_child, date(2026, 1, 5))
    seen = case.version
    services.record_event(None, case, K.DECIDED_TO_ASSESS, date(2026, 1, 20), expected_version=seen)
    with pytest.raises(StaleEditError, match="Someone else saved a change"):
        services.record_event(None, case, K.WITHDRAWN, date(2026, 1, 21), expected_version=seen)


def test_the_stored_next_deadline_follows_the_clock(area):
    case = open_case(area.own_child, date(2026, 1, 5))
    assert case.next_deadline == date(2026, 2, 16)
    assert case.next_step == "Decide whether to assess"
    services.record_event(None, case, K.DECIDED_TO_ASSESS, date(2026, 1, 20))
    advice = services.request_advice(None, case, "ep", date(2026, 1, 21))
    case.refresh_from_db()
    assert advice.due_on == date(2026, 3, 4)
    assert (case.next_deadline, case.next_step) == (date(2026, 3, 4), "Advice: Educational psychologist")


def test_an_exception_needs_real_dates_and_excuses_lateness(area):
    case = open_case(area.own_child, date(2026, 1, 5))
    with pytest.raises(OutOfOrder, match="at least 4 weeks"):
        services.record_exception(None, case, "away", date(2026, 1, 10), date(2026, 1, 20), "Abroad")
    with pytest.raises(OutOfOrder, match="end date must be"):
        services.record_exception(None, case, "personal", date(2026, 1, 10), date(2026, 1, 1), "x")
    services.record_exception(None, case, "personal", date(2026, 1, 10), date(2026, 3, 1), "Bereavement")
    line = services.case_timeline(case, today=date(2026, 3, 1))
    assert line.step("decision_to_assess").status is Status.EXCUSED


def test_reg_27_2_a_request_for_a_child_with_a_live_plan_is_a_reassessment_timed_at_14_weeks(area):
    from plans.models import EHCPlan

    EHCPlan.objects.create(child=area.own_child, first_issued_on=date(2024, 3, 1))
    case = open_case(area.own_child, date(2026, 1, 5))
    services.record_event(None, case, K.DECIDED_TO_ASSESS, date(2026, 2, 2))
    step = services.case_timeline(case, today=date(2026, 3, 1)).step("final_plan")
    assert (step.due, step.source) == (date(2026, 5, 11), "SEND Regulations 2014 reg 27(2)")
    other = open_case(area.other_child, date(2026, 1, 5))
    assert services.case_timeline(other, today=date(2026, 3, 1)).step("final_plan").due == date(2026, 5, 25)
