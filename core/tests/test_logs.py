"""Structured logs (core/logs.py): one JSON line a request, with no name, NHS number or date of birth
of the child whose record was touched, even when the person searched for them by name."""

import json
import logging

import pytest
from django.urls import reverse

from api.models import ApiToken
from api.tests.helpers import client_with_key
from core.logs import JsonFormatter

pytestmark = pytest.mark.django_db


def test_requests_touching_a_childs_record_log_nothing_personal(area, login, caplog):
    child = area.own_child
    child.nhs_number = "9434765919"
    child.save()
    caseworker = login("caseworker")
    with caplog.at_level(logging.INFO):  # production's level
        assert caseworker.get(reverse("people:child_detail", args=[child.public_id])).status_code == 200
        name = f"{child.legal_first_name} {child.legal_last_name}"
        caseworker.get(reverse("people:child_list"), {"q": name})
        assert caseworker.get(f"/children/{child.legal_last_name}/").status_code == 404
        partner = client_with_key(ApiToken.issue(area.users["caseworker"], "logs")[1])
        assert partner.get(f"/api/v1/children/{child.public_id}/").status_code == 200
        caseworker.get(f"/api/oruk/services/{child.nhs_number}/")
    lines = [JsonFormatter().format(record) for record in caplog.records]
    text = "\n".join(lines)
    dob = child.date_of_birth
    for personal in (
        child.legal_first_name,
        child.legal_last_name,
        child.nhs_number,
        "943 476 5919",
        dob.isoformat(),
        dob.strftime("%d/%m/%Y"),
        dob.strftime("%-d %B %Y"),
    ):
        assert personal not in text, personal

    requests = [json.loads(line) for line in lines if json.loads(line)["logger"] == "opensend.requests"]
    assert len(requests) == 5
    detail = requests[0]
    assert detail["path"] == f"/children/{child.public_id}/" and detail["status"] == 200
    assert detail["method"] == "GET" and detail["duration_ms"] >= 0 and len(detail["request_id"]) == 32
    assert detail["user"] and str(area.users["caseworker"].pk) != detail["user"]
    assert requests[1]["path"] == "/children/" and requests[1]["user"] == detail["user"]
    assert requests[2]["path"] == "<no page>" and requests[2]["status"] == 404
    assert requests[3]["user"] == detail["user"]  # the API's token user is the same person
    assert requests[4]["path"] == "/api/oruk/services/<service_id>/"


def test_a_proxys_request_id_is_kept_and_returned(client, caplog):
    with caplog.at_level(logging.INFO, logger="opensend.requests"):
        response = client.get("/accessibility/", headers={"X-Request-ID": "proxy-1234abcd"})
    assert response["X-Request-ID"] == "proxy-1234abcd"
    assert json.loads(JsonFormatter().format(caplog.records[-1]))["request_id"] == "proxy-1234abcd"
