"""Support register entries without a key worker are reminded to the register's owner (the
designated clinical officer), red-rated first, each week while they have none."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.urls import reverse

from notifications.models import Notification
from waiting.models import RegisterEntry
from waiting.register import send_register_reminders
from waiting.tests.factories import RegisterEntryFactory

pytestmark = pytest.mark.django_db
MONDAY = date(2026, 3, 2)
KIND = "dsr_no_key_worker"


def _ref(entry):
    return str(entry.public_id)[:8]


def _entries(area):
    green = RegisterEntryFactory(child=area.own_child, key_worker=None, risk_rating="green")
    red = RegisterEntryFactory(child=area.other_child, key_worker=None, risk_rating="red")
    RegisterEntryFactory(child=area.other_child, key_worker=area.users["dsco"], risk_rating="red")
    RegisterEntryFactory(child=area.other_child, key_worker=None, removed_on=date(2026, 1, 5))
    return red, green


def test_the_owner_is_told_of_entries_without_a_key_worker_red_first_once_a_week(area):
    red, green = _entries(area)
    call_command("send_register_reminders", "--today", MONDAY.isoformat())
    call_command("send_register_reminders", "--today", MONDAY.isoformat())  # twice: told once
    sent = Notification.objects.get(message_type=KIND)
    assert sent.user == area.users["dco"]
    assert sent.subject == "Support register entries without a key worker: 2 (1 rated red)"
    assert sent.body.index(f"{_ref(red)} (Red)") < sent.body.index(f"{_ref(green)} (Green)")
    assert sent.link == reverse("waiting:register_list") + "?worker=none"
    for child in (area.own_child, area.other_child):
        assert child.legal_first_name not in sent.body  # references, never names

    assert send_register_reminders(MONDAY + timedelta(days=3)).unassigned == 0  # not again within the week
    RegisterEntry.objects.filter(pk=green.pk).update(key_worker=area.users["dsco"])
    week_later = send_register_reminders(MONDAY + timedelta(days=7))
    assert week_later.unassigned == 1  # still without one, told again; the named one is not
    latest = Notification.objects.filter(message_type=KIND).latest("pk")
    assert _ref(red) in latest.body and _ref(green) not in latest.body


def test_without_an_active_owner_everyone_who_holds_the_register_is_told(area):
    area.users["dco"].is_active = False
    area.users["dco"].save(update_fields=["is_active"])
    _entries(area)
    send_register_reminders(MONDAY)
    told = set(Notification.objects.filter(message_type=KIND).values_list("user__role", flat=True))
    assert told == {"dsco", "health_officer"}


def test_the_daily_task_reminds_them_with_the_review_reminders(area):
    from jobs import schedule
    from jobs.models import ScheduledRun

    _entries(area)
    morning = datetime(2026, 3, 10, 7, 30, tzinfo=ZoneInfo("Europe/London"))
    assert "waiting.send_register_reminders" in schedule.enqueue_due(now=morning)
    run = ScheduledRun.objects.get(name="waiting.send_register_reminders", period="2026-03-10")
    assert "2 entries without a key worker reminded to the register's owners" in run.outcome
    assert Notification.objects.filter(message_type=KIND).count() == 1
