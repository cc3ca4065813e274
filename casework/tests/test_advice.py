"""Professionals send their advice through their own login (reg 6(1), 8(1))."""

from datetime import date, timedelta

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from audit.models import Action, AuditEvent
from casework.models import CaseDocument
from casework.tests.factories import case_at
from conftest import check_page

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 22)
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture
def advice(area):
    case = case_at(area.own_child, "assessing", received_on=date(2026, 10, 1), ep=area.users["ep"])
    return case.advice_requests.get()


def answers(**changes):
    data = {
        "about": "Met Amira at school twice.",
        "needs": "Difficulty with social communication.",
        "outcomes": "",
        "provision": "Weekly 30-minute social skills group of 4, led by a TA.",
        "other": "",
        "form_token": "6c1f2a61-2d0b-4c57-9a6b-8c9f4a1e2d44",
    }
    data.update(changes)
    return data


@time_machine.travel(TODAY, tick=False)
def test_an_ep_sees_their_requests_and_sends_advice_on_time(area, login, advice):
    ep = login("ep")
    soup = ep.page(reverse("casework:advice_list"))
    assert "Amira Hussain" in soup.select_one("table").get_text()
    url = reverse("casework:advice_detail", args=[advice.public_id])
    soup = ep.page(url)
    assert soup.select_one("#advice-due").get_text(strip=True).startswith("26 November 2026")
    response = ep.post(url, {**answers(), "document": SimpleUploadedFile("report.pdf", PDF)})
    assert response.status_code == 302
    advice.refresh_from_db()
    assert advice.received_on == TODAY and not advice.is_late
    assert advice.sections["provision"].startswith("Weekly 30-minute")
    assert advice.submitted_by == area.users["ep"]
    assert CaseDocument.objects.filter(case=advice.case, content_type="application/pdf").count() == 1
    assert advice.case.events.filter(kind="advice_received", ref=advice.ref).count() == 1
    soup = ep.page(url)
    assert "On time" in soup.select_one("#advice-sent").get_text()
    assert soup.find("form", attrs={"enctype": "multipart/form-data"}) is None  # sent once only


@time_machine.travel(TODAY + timedelta(days=10), tick=False)
def test_advice_after_six_weeks_is_recorded_as_late(area, login, advice):
    login("ep").post(reverse("casework:advice_detail", args=[advice.public_id]), answers())
    advice.refresh_from_db()
    assert advice.is_late and advice.received_on == TODAY + timedelta(days=10)


@time_machine.travel(TODAY, tick=False)
def test_sending_twice_records_the_advice_once(area, login, advice):
    ep = login("ep")
    url = reverse("casework:advice_detail", args=[advice.public_id])
    ep.post(url, answers())
    second = ep.post(url, answers())
    assert second.status_code == 302
    assert advice.case.events.filter(kind="advice_received").count() == 1


@time_machine.travel(TODAY, tick=False)
def test_needs_and_provision_are_required_and_nothing_is_saved_without_them(area, login, advice):
    response = login("ep").post(
        reverse("casework:advice_detail", args=[advice.public_id]), answers(needs="", provision="")
    )
    summary = check_page(response).select_one(".govuk-error-summary").get_text()
    assert "Enter their special educational needs" in summary
    assert "Enter provision you recommend" in summary
    advice.refresh_from_db()
    assert advice.received_on is None


def test_another_professional_cannot_open_or_answer_it(area, login, advice):
    url = reverse("casework:advice_detail", args=[advice.public_id])
    for persona in ("health", "senco", "parent", "dco"):
        assert login(persona).post(url, answers()).status_code == 404, persona
    advice.refresh_from_db()
    assert advice.received_on is None
    assert AuditEvent.objects.filter(action=Action.DENIED, child=area.own_child).count() == 4


def test_staff_can_read_the_request_but_not_answer_for_the_professional(area, login, advice):
    soup = login("caseworker").page(reverse("casework:advice_detail", args=[advice.public_id]))
    assert soup.find("button", string=lambda s: s and "Send advice" in s) is None
