"""Issue 19: closing a case cancels the advice still awaited (date and reason), tells each adviser
once, refuses late answers with a GOV.UK error, and the data migration does the same for cases
closed before."""

from datetime import date

import pytest
import time_machine
from django.test import RequestFactory
from django.urls import reverse

from casework import services
from casework.closed_advice import cancel_advice_on_closed_cases
from casework.models import AdviceRequest, AdviserType, AssessmentCase, CaseEvent
from casework.tests.factories import case_at
from clock.case_events import EventKind as K
from conftest import check_page
from notifications.models import MessageType, Notification

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 22)
PROFESSIONALS_HOME = "portal:professional_home"


def as_user(user):
    request = RequestFactory().post("/cases/")
    request.user = user
    return request


@pytest.fixture
def waiting(area):
    """A case being assessed: the EP's advice (overdue by today) and health's, both awaited."""
    case = case_at(area.own_child, "assessing", received_on=date(2026, 8, 3), ep=area.users["ep"])
    services.request_advice(
        None, case, AdviserType.HEALTH, date(2026, 8, 20), professional=area.users["health"]
    )
    return case


def answers():
    return {
        "about": "Met Amira at school.",
        "needs": "Difficulty with social communication.",
        "provision": "Weekly 30-minute social skills group of 4, led by a TA.",
        "form_token": "6c1f2a61-2d0b-4c57-9a6b-8c9f4a1e2d45",
    }


@pytest.mark.parametrize("closing", [K.WITHDRAWN, K.DECIDED_NOT_TO_ISSUE])
@time_machine.travel(TODAY, tick=False)
def test_closing_a_case_cancels_its_advice_and_tells_each_adviser_once(
    area, waiting, closing, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.record_event(as_user(area.users["caseworker"]), waiting, closing, date(2026, 11, 2))
    label = "request withdrawn" if closing is K.WITHDRAWN else "decided not to issue a plan"
    for advice in waiting.advice_requests.all():
        assert advice.cancelled_on == date(2026, 11, 2)
        assert advice.cancelled_reason == f"The case was closed: {label}"
    assert waiting.events.filter(kind=K.ADVICE_CANCELLED).count() == 2
    told = Notification.objects.filter(message_type=MessageType.ADVICE_CANCELLED)
    assert sorted(n.user.username for n in told) == sorted(
        [area.users["ep"].username, area.users["health"].username]
    )
    assert "no longer needed" in told.first().body
    waiting.refresh_from_db()
    assert waiting.next_deadline is None and not waiting.is_overdue


@time_machine.travel(TODAY, tick=False)
def test_a_withdrawn_cases_advice_leaves_the_eps_overdue_list(area, login, waiting):
    ep = login("ep")
    advice = waiting.advice_requests.get(adviser_type=AdviserType.EDUCATIONAL_PSYCHOLOGIST)
    lists = [reverse("casework:advice_list"), reverse(PROFESSIONALS_HOME)]
    assert all(waiting.reference in ep.page(url).get_text() for url in lists)
    services.record_event(None, waiting, K.WITHDRAWN, date(2026, 11, 2))
    assert not any(waiting.reference in ep.page(url).get_text() for url in lists)
    page = ep.page(reverse("casework:advice_detail", args=[advice.public_id]))
    assert "no longer needed" in page.select_one("#advice-closed").get_text()
    assert page.find("button", string="Send advice") is None


@time_machine.travel(TODAY, tick=False)
def test_advice_sent_from_a_page_opened_before_the_case_closed_is_refused(area, login, waiting):
    advice = waiting.advice_requests.get(adviser_type=AdviserType.EDUCATIONAL_PSYCHOLOGIST)
    url = reverse("casework:advice_detail", args=[advice.public_id])
    ep = login("ep")
    ep.page(url)  # the form is open in the EP's browser
    services.record_event(None, waiting, K.WITHDRAWN, date(2026, 11, 2))
    response = ep.post(url, answers())
    assert response.status_code == 200
    summary = check_page(response).select_one(".govuk-error-summary").get_text()
    assert (
        "This advice is no longer needed: it was cancelled on 2 November 2026 "
        "(the case was closed: request withdrawn)" in summary
    )
    advice.refresh_from_db()
    assert advice.received_on is None and advice.sections == {}
    assert not waiting.events.filter(kind=K.ADVICE_RECEIVED).exists()


def test_the_service_refuses_advice_on_a_closed_case(area, waiting):
    advice = waiting.advice_requests.get(adviser_type=AdviserType.EDUCATIONAL_PSYCHOLOGIST)
    services.record_event(None, waiting, K.WITHDRAWN, date(2026, 11, 2))
    with pytest.raises(services.OutOfOrder):
        services.receive_advice(None, AdviceRequest.objects.get(pk=advice.pk), date(2026, 11, 3), text="Late")


def test_the_migration_cancels_advice_left_open_on_cases_closed_before(area, waiting, mailoutbox):
    # A case closed the old way: withdrawn, its advice left waiting.
    AssessmentCase.objects.filter(pk=waiting.pk).update(stage="withdrawn", closed_on=date(2026, 10, 1))
    still_open = case_at(area.other_child, "assessing", received_on=date(2026, 8, 3))
    assert cancel_advice_on_closed_cases(AdviceRequest, CaseEvent, TODAY, batch=1) == 2
    for advice in waiting.advice_requests.all():
        assert advice.cancelled_on == date(2026, 10, 1)
        assert advice.cancelled_reason == "The case was closed: request withdrawn"
    events = waiting.events.filter(kind=K.ADVICE_CANCELLED)
    assert events.count() == 2 and not events.filter(recorded_by__isnull=False).exists()
    assert still_open.advice_requests.get().cancelled_on is None
    assert mailoutbox == [] and not Notification.objects.exists()  # old cases: nobody emailed
    assert cancel_advice_on_closed_cases(AdviceRequest, CaseEvent, TODAY) == 0  # runs once
