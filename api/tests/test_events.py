from datetime import timedelta

import pytest
from django.urls import reverse

from api.tests.helpers import messages
from audit.models import AuditEvent
from casework.models import AdviceRequest, CaseEvent
from casework.tests.factories import case_at, open_case
from clock import dates

pytestmark = pytest.mark.django_db


def events_url(case):
    return reverse("api:case_events", args=[case.public_id])


def advice_url(case):
    return reverse("api:case_advice_requests", args=[case.public_id])


def yesterday():
    return str(dates.today() - timedelta(days=1))


@pytest.fixture
def case(area):
    return open_case(area.own_child, dates.today() - timedelta(days=10))


def snapshot(case):
    case.refresh_from_db()
    return case.version, case.stage, case.events.count(), AuditEvent.objects.count()


def test_a_caseworker_records_a_decision_and_gets_the_case_back(area, api, case):
    response = api("caseworker").post(
        events_url(case),
        {"kind": "decided_to_assess", "on": yesterday(), "note": "Panel agreed", "version": 1},
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["version"] == 2 and body["stage"] == "assessing"
    decision = {step["key"]: step for step in body["steps"]}["decision_to_assess"]
    assert decision["done"] == yesterday() and decision["status"] == "met"
    event = CaseEvent.objects.get(case=case, kind="decided_to_assess")
    assert event.note == "Panel agreed" and event.recorded_by == area.users["caseworker"]


def test_a_stale_version_is_a_409_and_nothing_is_saved(area, api, case):
    client = api("caseworker")
    before = snapshot(case)
    response = client.post(events_url(case), {"kind": "withdrawn", "on": yesterday(), "version": 7})
    assert response.status_code == 409
    assert "Nothing was saved" in messages(response, None)[0]
    assert snapshot(case) == before


def test_the_same_event_twice_is_stored_once(area, api, case):
    client = api("caseworker")
    event = {"kind": "decided_to_assess", "on": yesterday(), "version": 1}
    assert client.post(events_url(case), event).status_code == 201
    after_first = snapshot(case)
    # A retry with the version the client had is stale ...
    assert client.post(events_url(case), event).status_code == 409
    # ... and one with the new version meets the catalogue's "once" rule.
    again = client.post(events_url(case), {**event, "version": 2})
    assert again.status_code == 400
    assert messages(again, "kind") == ["\u201cDecided to assess\u201d has already been recorded"]
    assert snapshot(case) == after_first
    assert CaseEvent.objects.filter(case=case, kind="decided_to_assess").count() == 1


@pytest.mark.parametrize(
    "event,message",
    [
        ({"kind": "final_issued"}, "only be issued after a draft"),
        ({"kind": "decided_to_issue"}, "needs a decision to assess first"),
    ],
)
def test_an_event_out_of_order_is_a_400_under_kind(area, api, case, event, message):
    before = snapshot(case)
    response = api("caseworker").post(events_url(case), {"on": yesterday(), "version": 1, **event})
    assert response.status_code == 400
    assert any(message in m for m in messages(response, "kind")), response.json()
    assert snapshot(case) == before


@pytest.mark.parametrize(
    "event,field,message",
    [
        ({"on": "2099-01-01"}, "on", "The date cannot be in the future"),
        ({"on": "soon"}, "on", "format"),
        ({"kind": "request_received"}, "kind", "requests are made with POST cases/"),
        ({"kind": "advice_requested", "ref": "ep"}, "kind", "advice requests with POST"),
        ({"kind": "setting_consulted"}, "ref", "Say which adviser or setting"),
        ({"ref": "ep"}, "ref", "not about one adviser or setting"),
        ({"version": None}, "version", "may not be null"),
    ],
)
def test_a_bad_event_is_a_400_naming_the_field(area, api, case, event, field, message):
    before = snapshot(case)
    data = {"kind": "decided_to_assess", "on": yesterday(), "version": 1, **event}
    response = api("caseworker").post(events_url(case), data)
    assert response.status_code == 400
    assert any(message in m for m in messages(response, field)), response.json()
    assert snapshot(case) == before


@pytest.mark.parametrize("persona", ["panel"])
def test_people_who_may_only_read_a_case_cannot_change_it(area, api, persona):
    case = case_at(area.own_child, "assessing", ep=area.users["ep"])
    before = snapshot(case)
    version = case.version
    response = api(persona).post(
        events_url(case), {"kind": "withdrawn", "on": yesterday(), "version": version}
    )
    assert response.status_code == 403
    assert (
        api(persona).post(advice_url(case), {"adviser_type": "health", "on": yesterday()}).status_code == 403
    )
    assert snapshot(case) == before


# The EP asked for advice on the case still sees no case file here: the portal is their door.
@pytest.mark.parametrize("persona", ["health", "auditor", "ep"])
def test_a_case_someone_may_not_see_is_not_found_when_they_try_to_change_it(area, api, persona):
    case = open_case(area.other_child)
    before = snapshot(case)
    response = api(persona).post(events_url(case), {"kind": "withdrawn", "on": yesterday(), "version": 1})
    assert response.status_code == 404
    assert snapshot(case)[:3] == before[:3]  # (the refusal itself is audited)


def test_advice_is_requested_then_received_through_the_api(area, api, case):
    client = api("caseworker")
    client.post(
        events_url(case),
        {"kind": "decided_to_assess", "on": str(dates.today() - timedelta(days=8)), "version": 1},
    )
    asked_on = dates.today() - timedelta(days=5)
    response = client.post(
        advice_url(case), {"adviser_type": "ep", "on": str(asked_on), "professional": "ep", "version": 2}
    )
    assert response.status_code == 201, response.json()
    [advice] = response.json()["advice_requests"]
    assert advice["professional"] == "ep" and advice["due_on"] == str(asked_on + timedelta(days=42))
    assert response.json()["version"] == 3
    # The professional asked sees their request in the portal, never the case file here.
    assert api("ep").get(reverse("api:case_detail", args=[case.public_id])).status_code == 404

    received = client.post(
        events_url(case),
        {
            "kind": "advice_received",
            "ref": "ep",
            "on": yesterday(),
            "note": "Report attached in the EPR",
            "version": 3,
        },
    )
    assert received.status_code == 201, received.json()
    stored = AdviceRequest.objects.get(case=case)
    assert stored.received_on == dates.today() - timedelta(days=1)
    step = {s["key"]: s for s in received.json()["steps"]}["advice:ep"]
    assert step["status"] == "met"


def test_advice_received_for_an_unknown_adviser_is_a_400_under_ref(area, api):
    case = case_at(area.own_child, "assessing")
    response = api("caseworker").post(
        events_url(case),
        {"kind": "advice_received", "ref": "health", "on": yesterday(), "version": case.version},
    )
    assert response.status_code == 400
    assert messages(response, "ref") == ["This case has no advice request with this ref"]


@pytest.mark.parametrize(
    "data,field,message",
    [
        ({"adviser_type": "astrologer"}, "adviser_type", "not a valid choice"),
        ({"on": "2099-01-01"}, "on", "cannot be in the future"),
        ({"professional": "parent"}, "professional", "No professional has this username"),
    ],
)
def test_a_bad_advice_request_is_a_400_naming_the_field(area, api, data, field, message):
    case = case_at(area.own_child, "assessing")
    before = snapshot(case)
    response = api("caseworker").post(advice_url(case), {"adviser_type": "health", "on": yesterday(), **data})
    assert response.status_code == 400
    assert any(message in m for m in messages(response, field)), response.json()
    assert snapshot(case) == before


def test_advice_before_the_decision_to_assess_is_refused_and_leaves_no_request(area, api, case):
    response = api("caseworker").post(advice_url(case), {"adviser_type": "health", "on": yesterday()})
    assert response.status_code == 400
    assert messages(response, None) == ["Advice can only be asked for after the decision to assess"]
    assert not AdviceRequest.objects.exists()


def test_an_advice_request_on_a_stale_version_is_a_409(area, api):
    case = case_at(area.own_child, "assessing")
    response = api("caseworker").post(
        advice_url(case), {"adviser_type": "health", "on": yesterday(), "version": case.version - 1}
    )
    assert response.status_code == 409
    assert AdviceRequest.objects.filter(case=case).count() == 1
