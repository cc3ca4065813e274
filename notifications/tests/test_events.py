from datetime import date

import pytest
from django.core import mail
from django.test import RequestFactory

from casework import services
from casework.models import AdviserType
from casework.tests.factories import case_at, open_case
from clock.case_events import EventKind as K
from notifications.events import notify_case_event
from notifications.models import MessageType, Notification, Status
from people.models import ChildRelationship
from people.tests.factories import ParentCarerFactory

pytestmark = pytest.mark.django_db


def as_user(user):
    request = RequestFactory().post("/cases/")
    request.user = user
    return request


def test_a_family_is_told_about_a_decision_once_it_is_committed(area, django_capture_on_commit_callbacks):
    case = open_case(area.own_child, date(2026, 6, 1), caseworker=area.users["caseworker"])
    with django_capture_on_commit_callbacks(execute=True):
        services.record_event(as_user(area.users["caseworker"]), case, K.DECIDED_TO_ASSESS, date(2026, 6, 20))
    (note,) = Notification.objects.all()
    assert note.parent_carer.user == area.users["parent"]
    assert (note.message_type, note.status, note.case) == (MessageType.DECIDED_TO_ASSESS, Status.SENT, case)
    assert note.link == f"/portal/cases/{case.public_id}/"
    (email,) = mail.outbox
    # Messages never name the child: only the reference, and a link to sign in and read more.
    for text in (email.subject, email.body):
        assert "Amira" not in text and "Hussain" not in text.replace("Dear Sara Hussain", "")
    assert case.reference in email.body and f"/portal/cases/{case.public_id}/" in email.body
    assert "the caseworker, in the Brookfield SEND team" in email.body


def test_a_refused_change_tells_nobody(area, django_capture_on_commit_callbacks):
    case = open_case(area.own_child, date(2026, 6, 1))
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(services.OutOfOrder):
        services.record_event(as_user(area.users["caseworker"]), case, K.FINAL_ISSUED, date(2026, 6, 20))
    assert not Notification.objects.exists()


def test_events_the_system_records_are_not_announced(area, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        case_at(area.own_child, "final")  # imports and demo data record as the system
    assert not Notification.objects.exists()


def test_telling_people_about_one_event_twice_sends_once(area):
    case = open_case(area.own_child, date(2026, 6, 1))
    event = case.events.get(kind=K.REQUEST_RECEIVED)
    assert len(notify_case_event(case, event)) == 1
    assert notify_case_event(case, event) == []
    assert Notification.objects.count() == 1


def test_the_adviser_is_told_when_advice_is_asked_for(area, django_capture_on_commit_callbacks):
    case = case_at(area.own_child, "received", received_on=date(2026, 6, 1))
    services.record_event(None, case, K.DECIDED_TO_ASSESS, date(2026, 6, 8))
    with django_capture_on_commit_callbacks(execute=True):
        advice = services.request_advice(
            as_user(area.users["caseworker"]),
            case,
            AdviserType.EDUCATIONAL_PSYCHOLOGIST,
            date(2026, 6, 15),
            professional=area.users["ep"],
        )
    (note,) = Notification.objects.all()
    assert (note.user, note.message_type) == (area.users["ep"], MessageType.ADVICE_REQUESTED)
    assert advice.due_on == date(2026, 7, 27)
    assert "by 27 July 2026" in mail.outbox[0].body


def test_the_draft_message_gives_the_last_day_to_comment_from_the_clock(area):
    case = case_at(area.own_child, "consulting", received_on=date(2026, 6, 1))
    event = case.events.get(kind=K.DRAFT_SERVED)
    notify_case_event(case, event)
    # Served 6 July 2026: 15 days counting the day of service, so the last day is 20 July.
    assert event.on == date(2026, 7, 6)
    assert "The last day to do this is 20 July 2026" in mail.outbox[0].body


def test_only_verified_parents_with_parental_responsibility_are_told(area):
    other = ParentCarerFactory()
    ChildRelationship.objects.create(
        child=area.own_child, parent_carer=other, relationship="father", parental_responsibility=False
    )
    unverified = ParentCarerFactory()
    ChildRelationship.objects.create(
        child=area.own_child, parent_carer=unverified, relationship="grandparent", verified=False
    )
    case = open_case(area.own_child, date(2026, 6, 1))
    notify_case_event(case, case.events.get())
    assert [n.parent_carer.user for n in Notification.objects.all()] == [area.users["parent"]]


def test_a_young_person_with_their_own_account_is_told_rather_than_their_parents(area):
    young = area.young_person_child
    parent = ParentCarerFactory()
    ChildRelationship.objects.create(child=young, parent_carer=parent, relationship="mother")
    case = open_case(young, date(2026, 6, 1))
    notify_case_event(case, case.events.get())
    (note,) = Notification.objects.all()
    assert note.user == area.users["young_person"]


def test_events_families_do_not_need_to_hear_about_send_nothing(area):
    case = case_at(area.own_child, "assessing", received_on=date(2026, 6, 1))
    services.receive_advice(None, case.advice_requests.get(), date(2026, 6, 29))
    assert notify_case_event(case, case.events.get(kind=K.ADVICE_RECEIVED)) == []
