"""Issue 19: one open request a child, through every door (services, the staff page, the API; the
portal's wizard is in portal/tests/test_request_service.py); a child with a plan is steered to an
early review or a re-assessment."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from api.models import ApiToken
from api.tests.helpers import client_with_key
from casework import services
from casework.models import AssessmentCase, LaterRequest, RequestSource
from casework.tests.factories import open_case
from clock import dates
from people.tests.factories import ChildFactory
from plans.tests.factories import issued_plan

pytestmark = pytest.mark.django_db


def request_data(**change):
    received = dates.today() - timedelta(days=1)
    return {
        "source": RequestSource.SETTING,
        "received_on_day": received.day,
        "received_on_month": received.month,
        "received_on_year": received.year,
        "confirm_new_request": "on",
        "requester_name": "Ms Patel, SENCo",
        "reasons": "Second request from the school",
        "consent_given": "on",
        "form_token": "0b0c1f2a-2d0b-4c57-9a6b-8c9f4a1e2d46",
        **change,
    }


def test_a_second_request_joins_the_open_case_with_one_clock(area):
    first = open_case(area.own_child, date(2026, 6, 1))
    again = open_case(area.own_child, date(2026, 6, 8), source=RequestSource.SETTING)
    assert again.pk == first.pk and again.attached_request.received_on == date(2026, 6, 8)
    assert AssessmentCase.objects.filter(child=area.own_child).count() == 1
    again.refresh_from_db()
    assert again.received_on == date(2026, 6, 1) and again.events.count() == 1  # the clock runs on


def test_a_request_after_the_case_closed_opens_a_new_one(area):
    from casework.tests.factories import case_at

    closed = case_at(area.own_child, "withdrawn")
    fresh = open_case(area.own_child, date(2026, 9, 1))
    assert fresh.pk != closed.pk and getattr(fresh, "attached_request", None) is None


def test_a_request_for_a_child_with_a_plan_opens_a_reassessment(area):
    issued_plan(area.own_child)
    case = open_case(area.own_child, date(2026, 9, 1))
    assert getattr(case, "attached_request", None) is None
    assert services.is_reassessment(case)  # CFA 2014 s.44(2), timed by reg 27(2)


def test_the_staff_page_adds_a_second_request_to_the_open_case_and_shows_both(area, login):
    first = open_case(area.own_child, dates.today() - timedelta(days=5))
    client = login("caseworker")
    url = f"{reverse('casework:request_create')}?child={area.own_child.public_id}"
    warning = client.page(url).get_text()
    assert f"already has an open request ({first.reference}). This request will be added to it" in warning
    response = client.post(url, request_data())
    assert response.status_code == 302 and response["Location"] == reverse(
        "casework:case_detail", args=[first.public_id]
    )
    assert AssessmentCase.objects.count() == 1 and LaterRequest.objects.get().case == first
    page = client.page(response["Location"])
    assert "Second request from the school" in page.select_one("#later-requests").find_next("dl").get_text()
    assert "already had an open request: this one was added to" in page.get_text()


def test_the_staff_page_warns_then_records_a_request_for_a_child_with_a_plan_as_a_reassessment(
    area, login
):
    issued_plan(area.own_child)
    client = login("caseworker")
    url = f"{reverse('casework:request_create')}?child={area.own_child.public_id}"
    warning = client.page(url).select_one(".govuk-warning-text").get_text(" ", strip=True)
    assert "already has an EHC plan" in warning and "re-assessment" in warning
    response = client.post(url, request_data())
    assert response.status_code == 302
    case = AssessmentCase.objects.get(child=area.own_child, stage="received")
    assert services.is_reassessment(case)


def test_the_api_adds_a_second_request_to_the_open_case(area):
    first = open_case(ChildFactory(), dates.today() - timedelta(days=5))
    _, key = ApiToken.issue(area.users["caseworker"], "test system")
    body = {
        "child": str(first.child.public_id),
        "source": "2",
        "received_on": str(dates.today() - timedelta(days=1)),
        "reasons": "Asked again",
        "consent_given": True,
    }
    response = client_with_key(key).post("/api/v1/cases/", body)
    assert response.status_code == 200, response.json()
    assert response.json()["public_id"] == str(first.public_id)
    assert AssessmentCase.objects.count() == 1 and first.later_requests.count() == 1


def test_the_api_records_a_request_for_a_child_with_a_plan_as_a_reassessment(area):
    child = ChildFactory(setting=area.school)
    issued_plan(child)
    _, key = ApiToken.issue(area.users["caseworker"], "test system")
    body = {
        "child": str(child.public_id),
        "source": "1",
        "received_on": str(dates.today() - timedelta(days=1)),
        "reasons": "Asked",
        "consent_given": True,
    }
    response = client_with_key(key).post("/api/v1/cases/", body)
    assert response.status_code == 201
    assert services.is_reassessment(AssessmentCase.objects.get(child=child, stage="received"))
