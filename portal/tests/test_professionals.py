"""A professional's home: advisers see what is overdue, due and sent; designated officers see their
service's requests across the area, late ones first."""

from datetime import date

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from casework import services
from casework.models import AdviserType
from casework.tests.factories import case_at
from people.tests.factories import ChildFactory

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 22)
HOME = reverse("portal:professional_home")


def _ep_case(child, received_on, ep):
    return case_at(child, "assessing", received_on=received_on, ep=ep).advice_requests.get()


@pytest.fixture
def ep_requests(area):
    ep = area.users["ep"]
    overdue = _ep_case(area.own_child, date(2026, 8, 3), ep)  # asked 17 Aug: due 28 Sep
    due = _ep_case(area.other_child, date(2026, 10, 5), ep)  # asked 19 Oct: due 30 Nov
    sent_late = _ep_case(ChildFactory(setting=area.school), date(2026, 7, 1), ep)
    services.receive_advice(None, sent_late, date(2026, 9, 30), text="Late advice")
    sent_on_time = _ep_case(ChildFactory(setting=area.school), date(2026, 9, 7), ep)
    services.receive_advice(None, sent_on_time, date(2026, 10, 20), text="Advice on time")
    for advice in (sent_late, sent_on_time):
        advice.refresh_from_db()
    return {"overdue": overdue, "due": due, "sent_late": sent_late, "sent_on_time": sent_on_time}


@time_machine.travel(TODAY, tick=False)
def test_an_ep_sees_overdue_due_and_what_they_sent_with_the_stored_due_dates(area, login, ep_requests):
    soup = login("ep").page(HOME)
    assert soup.h1.get_text(strip=True) == "Your advice requests"
    assert soup.select_one("#count-overdue").get_text(strip=True) == "1"
    assert soup.select_one("#count-due").get_text(strip=True) == "1"
    assert soup.select_one("#count-sent").get_text(strip=True) == "2 (1 late)"
    overdue_row = soup.select_one("#advice-overdue tbody tr").get_text(" ", strip=True)
    assert ep_requests["overdue"].case.child.full_name in overdue_row
    assert ep_requests["overdue"].due_on.strftime("%-d %b %Y") in overdue_row
    assert "overdue" in overdue_row
    due_row = soup.select_one("#advice-due tbody tr").get_text(" ", strip=True)
    assert ep_requests["due"].due_on.strftime("%-d %b %Y") in due_row and "Due in" in due_row
    sent = [tr.get_text(" ", strip=True) for tr in soup.select("#advice-sent tbody tr")]
    assert "Sent 20 Oct 2026 On time" in sent[0]
    assert "Sent 30 Sep 2026 Late" in sent[1]
    link = soup.select_one("#advice-due a")["href"]
    assert link == reverse("casework:advice_detail", args=[ep_requests["due"].public_id])


@time_machine.travel(TODAY, tick=False)
def test_another_adviser_sees_none_of_the_eps_requests(area, login, ep_requests):
    soup = login("health").page(HOME)
    assert soup.select_one("#count-overdue").get_text(strip=True) == "0"
    assert soup.select("#advice-sent") == []


@time_machine.travel(TODAY, tick=False)
def test_the_dco_sees_every_health_request_late_ones_first(area, login):
    case = case_at(area.own_child, "assessing", received_on=date(2026, 8, 3), ep=area.users["ep"])
    late = services.request_advice(None, case, AdviserType.HEALTH, date(2026, 8, 17))
    other = case_at(area.other_child, "assessing", received_on=date(2026, 10, 5))
    waiting = services.request_advice(None, other, AdviserType.HEALTH, date(2026, 10, 19))
    answered_late = services.request_advice(
        None, case_at(ChildFactory(), "assessing", date(2026, 6, 1)), AdviserType.HEALTH, date(2026, 6, 15)
    )
    services.receive_advice(None, answered_late, date(2026, 9, 1), text="Late")
    answered = services.request_advice(
        None, case_at(ChildFactory(), "assessing", date(2026, 9, 1)), AdviserType.HEALTH, date(2026, 9, 14)
    )
    services.receive_advice(None, answered, date(2026, 10, 1), text="On time")
    dco = login("dco")
    soup = dco.page(HOME)
    assert soup.select_one("#count-overdue").get_text(strip=True) == "1"
    assert soup.select_one("#count-sent").get_text(strip=True) == "2 (1 late)"
    assert soup.select_one("#advice-overdue a")["href"].endswith(f"{late.public_id}/")
    assert soup.select_one("#advice-due a")["href"].endswith(f"{waiting.public_id}/")
    # The area-wide list: waiting ones by due date (overdue first), sent ones late first.
    rows = dco.page(reverse("casework:advice_list")).select("tbody tr")
    assert [r.a["href"].rstrip("/").rsplit("/", 1)[-1] for r in rows] == [
        str(late.public_id),
        str(waiting.public_id),
    ]
    rows = dco.page(reverse("casework:advice_list") + "?show=sent").select("tbody tr")
    assert "Late" in rows[0].get_text() and "On time" in rows[1].get_text()
    # The DSCO oversees social care, not health.
    assert login("dsco").page(HOME).select_one("#count-overdue").get_text(strip=True) == "0"


@time_machine.travel(TODAY, tick=False)
def test_the_home_page_costs_the_same_queries_however_many_requests(area, login, ep_requests):
    client = login("ep")
    client.get(HOME)
    with CaptureQueriesContext(connection) as few:
        client.get(HOME)
    for _ in range(3):
        _ep_case(ChildFactory(), date(2026, 10, 5), area.users["ep"])
    with CaptureQueriesContext(connection) as more:
        client.get(HOME)
    assert len(more) == len(few)


@pytest.mark.parametrize("persona", ["ep", "health", "social_care", "senco", "dco", "dsco"])
def test_each_professionals_home_is_a_well_formed_page(area, login, persona):
    soup = login(persona).page(HOME)
    nav = soup.select_one("nav[aria-label=Menu]")
    assert nav.find("a", href=HOME) is not None
