"""Allocating several cases at once from the case list, seeing each caseworker's caseload, and
putting several cases on a panel's agenda: each case through the one-at-a-time service, audited,
all or nothing."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils.html import escape

from audit.models import AuditEvent
from casework.models import PanelItem, PanelMeeting
from casework.tests.factories import case_at
from clock import dates
from people.tests.factories import ChildFactory, UserFactory

pytestmark = pytest.mark.django_db
URL = reverse("casework:chosen_cases")


@pytest.fixture
def five_cases():
    return [case_at(ChildFactory(), "received") for _ in range(5)]


def test_the_case_list_offers_a_checkbox_per_case_and_the_two_actions(area, login, five_cases):
    soup = login("manager").page(reverse("casework:case_list"))
    assert len(soup.select('#bulk input[name="cases"]')) == 5
    assert {b["value"] for b in soup.select('#bulk button[name="action"]')} == {"allocate", "panel"}
    mine = login("caseworker").page(reverse("casework:my_cases"))
    assert not mine.select("#bulk")


def test_the_picker_shows_each_caseworkers_caseload(area, login, five_cases):
    busy = area.users["caseworker"]
    for case in five_cases[:3]:
        case.caseworker = busy
        case.save()
    idle = UserFactory(role="caseworker", first_name="Ivy", last_name="Idle")
    client = login("manager")
    response = client.post(URL, {"action": "allocate", "cases": [c.public_id for c in five_cases]})
    assert response.status_code == 200
    text = response.content.decode()
    # Names such as O'Brien arrive HTML-escaped.
    assert f"{escape(busy)}: 3 open cases, " in text
    assert f"{escape(idle)}: 0 open cases, 0 overdue, 0 due this week" in text
    assert text.count('name="cases"') == 5


def test_five_cases_are_allocated_at_once_and_each_is_audited(area, login, five_cases):
    target = UserFactory(role="caseworker", first_name="Chloe", last_name="Adams")
    response = login("manager").post(URL, {
        "action": "allocate", "confirm": "yes", "caseworker": target.pk, "back": "/cases/?status=overdue",
        "cases": [c.public_id for c in five_cases],
    })
    assert response.status_code == 302 and response["Location"] == "/cases/?status=overdue"
    for case in five_cases:
        case.refresh_from_db()
        assert case.caseworker == target
    assert AuditEvent.objects.filter(summary__endswith=f"allocated to {target}").count() == 5


def test_no_caseworker_chosen_shows_an_error_and_changes_nothing(area, login, five_cases):
    response = login("manager").post(URL, {"action": "allocate", "confirm": "yes",
                                           "cases": [c.public_id for c in five_cases]})
    assert "Select a caseworker" in response.content.decode()
    assert all(c.caseworker is None for c in five_cases)


def test_a_caseworker_may_not_allocate(area, login, five_cases):
    response = login("caseworker").post(URL, {"action": "allocate", "cases": [five_cases[0].public_id]})
    assert response.status_code == 403


def test_cases_go_on_a_panel_agenda_all_or_nothing(area, login, five_cases):
    meeting = PanelMeeting.objects.create(meets_on=dates.today() + timedelta(days=7), title="EHC panel")
    client = login("manager")
    data = {"action": "panel", "confirm": "yes", "meeting": meeting.pk, "question": "assess",
            "cases": [c.public_id for c in five_cases[:2]]}
    assert client.post(URL, data).status_code == 302
    assert PanelItem.objects.filter(meeting=meeting).count() == 2
    # Two new cases and one already on the agenda for that question: nothing is added.
    data["cases"] = [c.public_id for c in five_cases[1:4]]
    response = client.post(URL, data)
    assert response.status_code == 200
    assert "already on this agenda" in response.content.decode()
    assert PanelItem.objects.filter(meeting=meeting).count() == 2
