"""Subject access requests: everything held about one child, for a manager, as JSON and PDF."""

import io
import json
from datetime import date

import pytest
from django.urls import reverse
from pypdf import PdfReader

from audit.models import Action, AuditEvent
from casework import services
from casework.tests.factories import case_at
from clock.case_events import EventKind as K

pytestmark = pytest.mark.django_db


def _json(client, child):
    response = client.get(reverse("people:subject_access_json", args=[child.public_id]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="subject-access-{child.public_id}.json"'
    return json.loads(response.content)


def test_the_json_holds_the_record_its_family_its_cases_and_their_events(area, login):
    child = area.own_child
    case = case_at(child, "assessing")
    body = _json(login("manager"), child)

    assert body["people.Child"][0]["upn"] == child.upn
    assert [row["child_id"] for row in body["people.ChildRelationship"]] == [str(child.pk)]
    assert [row["public_id"] for row in body["casework.AssessmentCase"]] == [str(case.public_id)]
    # Two levels down: the case's own events are the child's information too.
    assert body["casework.CaseEvent"] and {row["case_id"] for row in body["casework.CaseEvent"]} == {
        str(case.pk)
    }
    # The log of who exported the record is part of what is held about the child, too.
    again = _json(login("manager"), child)
    assert [row["action"] for row in again["audit.AuditEvent"]].count(Action.EXPORT) == 1


def test_nothing_of_another_child_and_no_secrets(area, login):
    case_at(area.other_child, "assessing")
    text = json.dumps(_json(login("manager"), area.own_child))
    assert area.other_child.upn not in text
    assert str(area.other_child.public_id) not in text
    assert "password" not in text and "token" not in text


def test_the_pdf_reads_back_and_the_export_is_audited(area, login):
    child = area.own_child
    response = login("manager").get(reverse("people:subject_access_pdf", args=[child.public_id]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert f"Information we hold about {child.full_name}" in " ".join(text.split())
    assert child.upn in "".join(text.split())  # narrow table cells may wrap it
    assert AuditEvent.objects.filter(action=Action.EXPORT, child=child, actor=area.users["manager"]).exists()


def _withdrawn_case(child):
    """A case with events and an advice request, then closed: a child has one open case at a
    time (services.open_case), so a child with several cases has had earlier ones closed."""
    case = case_at(child, "assessing")
    services.record_event(None, case, K.WITHDRAWN, date(2026, 6, 22))
    return case


def test_queries_do_not_grow_with_the_childs_records(area, login, django_assert_max_num_queries):
    client = login("manager")
    _withdrawn_case(area.own_child)
    _json(client, area.own_child)  # warm up: sessions, permissions
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one_case:
        _json(client, area.own_child)
    for _ in range(3):
        _withdrawn_case(area.own_child)
    with django_assert_max_num_queries(len(one_case)):
        _json(client, area.own_child)


def test_only_managers_may_export(area, login):
    for persona in ("caseworker", "parent", "senco"):
        url = reverse("people:subject_access_json", args=[area.own_child.public_id])
        assert login(persona).get(url).status_code == 404, persona
