"""Recording mediation, tribunal appeals, orders and complaints: deadlines, refusals, audit."""

from datetime import date

import pytest

from audit.models import AuditEvent
from engagement import queries, services
from engagement.models import Complaint, TribunalOrder
from engagement.tests.factories import appeal, mediation

pytestmark = pytest.mark.django_db


def test_an_information_only_mediation_has_a_3_working_day_certificate_and_no_meeting(area):
    made = mediation(area.own_child, requested_on=date(2026, 6, 5), information_only=True)
    assert made.certificate_due_on == date(2026, 6, 10)  # Friday: Monday to Wednesday
    assert made.mediation_due_on is None
    event = AuditEvent.objects.get(object_id=str(made.public_id))
    assert (event.action, event.child) == ("create", area.own_child)


def test_a_mediation_is_due_in_30_days_and_its_certificate_after_it_is_held(area):
    user = area.users["caseworker"]
    made = mediation(area.own_child)
    assert (made.mediation_due_on, made.certificate_due_on) == (date(2026, 7, 1), None)
    services.update_mediation(None, user, made, made.version, held_on=date(2026, 6, 26), outcome="agreed")
    made.refresh_from_db()
    assert made.certificate_due_on == date(2026, 7, 1)
    assert made.version == 2
    assert AuditEvent.objects.filter(object_id=str(made.public_id), action="update", actor=user).exists()


def test_mediation_dates_before_the_request_or_a_meeting_for_information_only_are_refused(area):
    with pytest.raises(services.Refused) as refused:
        mediation(area.own_child, held_on=date(2026, 5, 1))
    assert refused.value.field == "held_on"
    with pytest.raises(services.Refused, match="only wanted information"):
        mediation(area.own_child, information_only=True, held_on=date(2026, 6, 20))


def test_an_order_dated_before_registration_is_refused_and_nothing_saved(area):
    made = appeal(area.own_child, registered_on=date(2026, 7, 1))
    with pytest.raises(services.Refused) as refused:
        services.record_order(None, None, made, "amend", date(2026, 6, 30))
    assert refused.value.field == "made_on"
    assert not TribunalOrder.objects.exists()


def test_an_order_carries_its_compliance_deadline_and_shows_overdue(area):
    made = appeal(area.own_child, registered_on=date(2026, 7, 1), hearing_on=date(2026, 10, 1))
    order = services.record_order(None, None, made, "amend", date(2026, 10, 5))
    assert order.due_on == date(2026, 11, 9)  # 5 weeks (reg 44(2)(e))
    (listed,) = queries.orders(date(2026, 11, 10), open_only=True)
    assert listed.status == "overdue"
    services.record_compliance(None, None, order, date(2026, 11, 6))
    assert queries.orders(date(2026, 11, 10), open_only=True) == []
    (done,) = queries.orders(date(2026, 11, 10))
    assert done.status == "met"


def test_moving_registration_after_an_order_is_refused(area):
    made = appeal(area.own_child, registered_on=date(2026, 7, 1))
    services.record_order(None, None, made, "assess", date(2026, 9, 1))
    with pytest.raises(services.Refused) as refused:
        services.update_appeal(None, None, made, made.version, registered_on=date(2026, 9, 2))
    assert refused.value.field == "registered_on"


def test_a_complaint_is_due_in_20_working_days(area):
    made = services.record_complaint(
        None, None, complainant="Sara Hussain", summary="No reply", received_on=date(2026, 8, 24)
    )
    assert made.response_due_on == date(2026, 9, 22)
    with pytest.raises(services.Refused):
        services.update_complaint(None, None, made, made.version, responded_on=date(2026, 8, 1))
    assert Complaint.objects.get().responded_on is None
