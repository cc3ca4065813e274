"""The disagreement pages: the lists with their deadlines, and the record forms with GOV.UK errors."""

from datetime import date

import pytest
from django.urls import reverse

from engagement import services
from engagement.models import Complaint, MediationCase, TribunalOrder
from engagement.tests.factories import appeal, mediation
from people.tests.factories import ChildFactory

pytestmark = pytest.mark.django_db
LIST = reverse("engagement:disagreements")


def _date(prefix, day):
    return {f"{prefix}_day": day.day, f"{prefix}_month": day.month, f"{prefix}_year": day.year}


def test_the_lists_show_each_deadline_with_its_status(area, login):
    mediation(area.own_child, requested_on=date(2026, 6, 5), information_only=True)
    made = appeal(area.own_child, registered_on=date(2026, 7, 1))
    services.record_order(None, None, made, "amend", date(2026, 10, 5))
    services.record_complaint(
        None, None, complainant="Sara Hussain", summary="<b>No</b>", received_on=date(2026, 8, 24)
    )
    soup = login("caseworker").page(LIST)
    text = soup.get_text(" ", strip=True)
    assert "10 June 2026" in text  # the certificate, 3 working days after 5 June
    assert "9 November 2026" in text  # 5 weeks after the order
    assert "22 September 2026" in text  # 20 working days after the complaint
    assert text.count("Overdue") == 3
    assert "Issue the amended plan" in text


def test_recording_a_mediation_saves_it_with_its_deadlines(area, login):
    client = login("caseworker")
    url = reverse("engagement:mediation_new", args=[area.own_child.public_id])
    client.page(url)
    data = {
        "about": "request",
        **_date("requested_on", date(2026, 6, 1)),
        "form_token": "7b0f7c3e-4a0e-4c1e-9d3e-1f2a3b4c5d6e",
    }
    response = client.post(url, data)
    assert response.status_code == 302
    again = client.post(url, data)  # a second submit of the same form creates nothing more
    assert again.status_code == 302
    saved = MediationCase.objects.get()
    assert (saved.child, saved.mediation_due_on) == (area.own_child, date(2026, 7, 1))


def test_bad_input_shows_govuk_errors_and_saves_nothing(area, login):
    client = login("manager")
    url = reverse("engagement:complaint_new")
    response = client.post(
        url,
        {
            "complainant": "",
            "summary": "",
            "received_on_day": "30",
            "received_on_month": "2",
            "received_on_year": "2026",
        },
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "govuk-error-summary" in text
    assert "Enter who made the complaint" in text
    assert "must be a real date" in text
    assert not Complaint.objects.exists()


def test_an_order_dated_before_registration_is_refused_on_the_form(area, login):
    made = appeal(area.own_child, registered_on=date(2026, 7, 1))
    client = login("caseworker")
    url = reverse("engagement:order_new", args=[made.public_id])
    response = client.post(url, {"kind": "amend", **_date("made_on", date(2026, 6, 1))})
    assert response.status_code == 200
    assert "on or after the date the appeal was registered" in response.content.decode()
    assert not TribunalOrder.objects.exists()


def test_the_lists_do_not_query_per_row(area, login, django_assert_max_num_queries):
    client = login("manager")
    for n in range(3):
        child = ChildFactory()
        mediation(child)
        services.record_order(None, None, appeal(child), "assess", date(2026, 8, 1 + n))
    client.get(LIST)
    with django_assert_max_num_queries(14) as captured:
        client.get(LIST)
    few = len(captured)
    for n in range(6):
        child = ChildFactory()
        mediation(child)
        services.record_order(None, None, appeal(child), "assess", date(2026, 8, 1 + n))
    with django_assert_max_num_queries(few):
        client.get(LIST)


def test_changing_a_mediation_is_a_versioned_edit(area, login):
    made = mediation(area.own_child, requested_on=date(2026, 6, 1))
    client = login("caseworker")
    url = reverse("engagement:mediation_edit", args=[made.public_id])
    form = client.page(url)
    assert form.find("input", {"name": "requested_on_day"})["value"] == "1"
    data = {
        "about": "request",
        **_date("requested_on", date(2026, 6, 1)),
        **_date("held_on", date(2026, 6, 20)),
        "outcome": "agreed",
        "version": made.version,
    }
    assert client.post(url, data).status_code == 302
    made.refresh_from_db()
    assert (made.held_on, made.outcome, made.certificate_due_on) == (
        date(2026, 6, 20),
        "agreed",
        date(2026, 6, 24),  # 3 working days after Saturday 20 June
    )
    stale = client.post(url, {**data, "outcome": "not_agreed"})  # the version the form opened on
    assert "Someone else saved a change" in stale.content.decode()
    made.refresh_from_db()
    assert made.outcome == "agreed"


def test_changing_an_appeal_refuses_a_decision_before_registration(area, login):
    made = appeal(area.own_child, registered_on=date(2026, 7, 1))
    client = login("manager")
    url = reverse("engagement:appeal_edit", args=[made.public_id])
    data = {
        "about": "assessment",
        **_date("registered_on", date(2026, 7, 1)),
        "grounds": made.grounds,
        "outcome": "upheld",
        **_date("decided_on", date(2026, 6, 1)),
        "version": made.version,
    }
    response = client.post(url, data)
    assert "must be on or after the date the appeal was registered" in response.content.decode()
    made.refresh_from_db()
    assert (made.outcome, made.version) == ("", 1)
    assert client.post(url, {**data, **_date("decided_on", date(2026, 10, 1))}).status_code == 302
    made.refresh_from_db()
    assert (made.outcome, made.decided_on) == ("upheld", date(2026, 10, 1))


def test_the_childs_page_links_to_their_disagreement_records(area, login):
    made = appeal(area.own_child)
    page = login("caseworker").page(reverse("people:child_detail", args=[area.own_child.public_id]))
    section = page.find(id="disagreements").find_next("ul")
    assert "Tribunal appeal registered on 1 July 2026" in section.get_text()
    assert section.find("a")["href"] == reverse("engagement:appeal_edit", args=[made.public_id])
    assert page.find(id="record-mediation")["href"] == reverse(
        "engagement:mediation_new", args=[area.own_child.public_id]
    )
    # The family never opens the staff record (their own child page is theirs).
    login("parent").page(reverse("people:child_detail", args=[area.own_child.public_id]), status=404)


def test_an_order_to_assess_lists_its_2_10_and_14_week_limits_with_their_regulations(area, login):
    made = appeal(area.own_child, registered_on=date(2026, 5, 1))
    services.record_order(None, None, made, "assess", date(2026, 6, 1))
    text = " ".join(
        login("caseworker").page(LIST).select_one("#orders").find_next("table").get_text(" ").split()
    )
    assert "by 15 June 2026 (SEND Regulations 2014 reg 44(2)(b))" in text
    assert "reasons: by 10 August 2026 (SEND Regulations 2014 reg 44(2)(b)(i))" in text
    assert "final plan: by 7 September 2026 (SEND Regulations 2014 reg 44(2)(b)(ii))" in text


def test_a_conceded_appeal_is_timed_by_reg_45_from_the_day_the_area_told_the_tribunal(area, login):
    made = appeal(
        area.own_child, registered_on=date(2026, 5, 1), outcome="conceded", decided_on=date(2026, 6, 3)
    )
    services.record_order(None, None, made, "assess", date(2026, 6, 3))
    text = " ".join(
        login("caseworker").page(LIST).select_one("#orders").find_next("table").get_text(" ").split()
    )
    assert "by 17 June 2026 (SEND Regulations 2014 reg 45(3))" in text
    assert "by 9 September 2026 (SEND Regulations 2014 reg 45(3A)(b))" in text
