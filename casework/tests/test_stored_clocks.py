"""Issue 19: what the lists, exports, home figures and the API read (the stored next deadline and
overdue flag) agrees with the clock's idea of "open", and the data migration's recompute."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from api.models import ApiToken
from api.tests.helpers import client_with_key
from casework import services
from casework.models import AssessmentCase
from casework.stored_clocks import recompute_cases
from casework.tests.factories import case_at, open_case
from clock import ExceptionReason
from clock.case_events import EventKind as K
from people.models import Setting
from people.tests.factories import ChildFactory

pytestmark = pytest.mark.django_db

TODAY = datetime(2026, 9, 1, 10, tzinfo=ZoneInfo("Europe/London"))
OVERDUE = reverse("casework:case_list") + "?status=overdue"


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(TODAY, tick=False):
        yield


def excused_late_decision(child):
    """Decided to assess a week late while the family were away: done, and excused."""
    case = open_case(child, date(2026, 6, 1))
    services.record_exception(None, case, ExceptionReason.AWAY, date(2026, 6, 20), date(2026, 7, 25), "Away")
    services.record_event(None, case, K.DECIDED_TO_ASSESS, date(2026, 7, 20))
    case.refresh_from_db()
    return case


def final_with_a_setting_that_never_replied(child, setting):
    case = case_at(child, "consulting", received_on=date(2026, 3, 2))
    services.record_event(
        None, case, K.SETTING_CONSULTED, date(2026, 5, 4), ref=services.setting_ref(setting)
    )
    services.record_event(None, case, K.FAMILY_RESPONDED, date(2026, 5, 5))
    services.record_event(None, case, K.FINAL_ISSUED, date(2026, 5, 6))
    case.refresh_from_db()
    return case


def test_a_case_whose_late_step_was_excused_and_done_is_not_overdue(area, login):
    case = excused_late_decision(area.own_child)
    assert not case.is_overdue
    assert case.next_deadline == date(2026, 9, 21)  # the 20-week decision, not the excused one
    page = login("manager").page(OVERDUE)
    assert case.reference not in page.get_text()


def test_a_finished_case_has_no_next_deadline_and_the_api_due_before_skips_it(area):
    case = final_with_a_setting_that_never_replied(area.own_child, area.school)
    assert case.stage == "final"
    assert (case.next_deadline, case.next_step, case.is_overdue) == (None, "", False)
    _, key = ApiToken.issue(area.users["manager"], "test system")
    response = client_with_key(key).get("/api/v1/cases/", {"due_before": "2026-09-01"})
    assert case.reference not in {c["reference"] for c in response.json()["results"]}


def test_the_familys_days_after_the_draft_do_not_make_the_case_overdue(area, login):
    case = case_at(area.own_child, "consulting", received_on=date(2026, 5, 4))  # draft served 22 Jun
    assert not case.is_overdue
    assert case.next_step == "Issue the final plan"
    assert case.reference not in login("manager").page(OVERDUE).get_text()


def test_the_recompute_puts_right_columns_stored_by_the_old_engine(area):
    done = final_with_a_setting_that_never_replied(area.own_child, area.school)
    excused = excused_late_decision(area.other_child)
    fine = open_case(ChildFactory(), date(2026, 8, 20))
    # What the old engine stored: the setting's reply still due, the excused decision still open.
    AssessmentCase.objects.filter(pk=done.pk).update(
        next_deadline=date(2026, 5, 18), next_step="Setting's reply", is_overdue=True
    )
    AssessmentCase.objects.filter(pk=excused.pk).update(next_deadline=date(2026, 7, 13), is_overdue=False)
    before = AssessmentCase.objects.get(pk=fine.pk)
    assert recompute_cases(AssessmentCase, Setting, date(2026, 9, 1), batch=2) == 2
    done.refresh_from_db()
    excused.refresh_from_db()
    assert (done.next_deadline, done.next_step, done.is_overdue) == (None, "", False)
    assert excused.next_deadline == date(2026, 9, 21) and not excused.is_overdue
    after = AssessmentCase.objects.get(pk=fine.pk)
    assert (after.next_deadline, after.next_step) == (before.next_deadline, before.next_step)
