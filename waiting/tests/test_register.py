from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse

from audit.models import Action, AuditEvent
from clock import dates
from core.tests.list_export_helpers import csv_lines, export_job, exported
from notifications.models import Notification
from waiting.models import RatingChange, RegisterEntry
from waiting.register import monthly_changes, send_review_reminders
from waiting.tests.factories import RegisterEntryFactory

pytestmark = pytest.mark.django_db


def _date(name, day):
    return {f"{name}_day": day.day, f"{name}_month": day.month, f"{name}_year": day.year}


def _new_entry_data(child, client, **extra):
    form = client.get(reverse("waiting:register_add")).context["form"]
    return {
        "form_token": form.initial["form_token"],
        "nhs_number": child.nhs_number,
        "risk_rating": "red",
        "inclusion_reason": "both",
        "risk_reason": "Self-harm has increased and the residential placement has given notice.",
        "consent": "given",
        **_date("consent_on", dates.today()),
        **_date("added_on", dates.today()),
        **_date("next_review_on", dates.today() + timedelta(days=28)),
        **extra,
    }


def test_an_entry_is_added_once_with_its_first_rating_and_audited(area, login):
    client = login("dco")
    data = _new_entry_data(area.own_child, client)
    first = client.post(reverse("waiting:register_add"), data)
    again = client.post(reverse("waiting:register_add"), data)
    entry = RegisterEntry.objects.get()
    assert first.status_code == again.status_code == 302
    assert first["Location"] == again["Location"] == reverse("waiting:register_entry", args=[entry.public_id])
    assert entry.child == area.own_child and entry.risk_rating == "red"
    assert list(entry.rating_changes.values_list("previous", "rating")) == [("", "red")]
    assert AuditEvent.objects.filter(action=Action.CREATE, child=area.own_child).count() == 1


def test_bad_entries_are_refused_with_a_message_and_nothing_saved(area, login):
    client = login("dsco")
    unknown = _new_entry_data(area.own_child, client, nhs_number="9434765919")
    response = client.post(reverse("waiting:register_add"), unknown)
    assert "No child with this NHS number is on our records" in response.content.decode()
    no_date = _new_entry_data(area.own_child, client)
    del no_date["consent_on_day"], no_date["consent_on_month"], no_date["consent_on_year"]
    response = client.post(reverse("waiting:register_add"), no_date)
    assert "Enter the date consent was given" in response.content.decode()
    assert not RegisterEntry.objects.exists()


def test_a_rating_change_keeps_its_history_and_a_stale_one_is_refused(area, login):
    entry = RegisterEntryFactory(child=area.own_child, risk_rating="amber")
    client = login("health_officer")
    url = reverse("waiting:register_rating", args=[entry.public_id])
    data = {"version": entry.version, "rating": "red", "reason": "Admitted to A&E twice this week."}
    assert client.post(url, data).status_code == 302
    stale = client.post(url, data | {"rating": "green"})
    assert "Someone else saved a change" in stale.content.decode()
    entry.refresh_from_db()
    assert entry.risk_rating == "red"
    change = RatingChange.objects.get(entry=entry)
    assert (change.previous, change.rating, change.reason) == ("amber", "red", data["reason"])
    page = client.page(reverse("waiting:register_entry", args=[entry.public_id]))
    assert "Admitted to A&E twice this week." in page.find(id="rating-changes").get_text()


def test_every_entry_on_the_list_is_an_audited_read_in_constant_queries(
    area, login, django_assert_max_num_queries
):
    RegisterEntryFactory(child=area.own_child)
    client = login("dco")
    with django_assert_max_num_queries(30) as few:
        client.page(reverse("waiting:register_list"))
    for _ in range(5):
        RegisterEntryFactory(child=area.other_child, risk_rating="red")
    before = AuditEvent.objects.filter(action=Action.VIEW).count()
    # The reads of every entry shown are audited in one insert.
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.page(reverse("waiting:register_list") + "?rating=red")
    assert page.find(id="result-count").get_text(strip=True) == "5 entries found"
    assert AuditEvent.objects.filter(action=Action.VIEW).count() == before + 5


def test_the_register_exports_as_csv(area, login):
    RegisterEntryFactory(child=area.own_child, risk_rating="green")
    RegisterEntryFactory(child=area.other_child, risk_rating="red")
    client = login("dsco")
    text = "\n".join(csv_lines(exported(client, reverse("waiting:register_list") + "?format=csv")))
    assert text.splitlines()[0].startswith("Reference,Name,NHS number")
    assert area.own_child.nhs_number in text and "Green" in text
    # On the job queue (issue 22): filtered as the page was, each entry exported audited as read by
    # the officer (from the list's address), and the file theirs alone.
    before = AuditEvent.objects.filter(action=Action.VIEW).count()
    job = export_job(client, reverse("waiting:register_list") + "?rating=green&format=csv")
    lines = csv_lines(client.get(reverse("jobs:download", args=[job.public_id])))
    assert len(lines) == 2 and "Green" in lines[1]
    read = AuditEvent.objects.filter(action=Action.VIEW).order_by("-id")
    assert read.count() == before + 1 and read.first().child == area.own_child
    assert read.first().actor == area.users["dsco"] and read.first().path == reverse("waiting:register_list")
    assert login("health_officer").get(reverse("jobs:download", args=[job.public_id])).status_code == 404


def test_a_review_reminder_goes_to_the_key_worker_once_per_review_date(area):
    worker = area.users["dco"]
    today = date(2026, 3, 2)
    entry = RegisterEntryFactory(
        child=area.own_child, key_worker=worker, next_review_on=today + timedelta(days=5)
    )
    RegisterEntryFactory(child=area.other_child, key_worker=worker, next_review_on=today + timedelta(days=30))
    RegisterEntryFactory(child=area.other_child, key_worker=None, next_review_on=today)
    call_command("send_register_reminders", "--today", "2026-03-02")
    call_command("send_register_reminders", "--today", "2026-03-02")
    sent = Notification.objects.exclude(message_type="dsr_no_key_worker").get()
    assert sent.user == worker and sent.message_type == "dsr_review_due"
    assert "7 March 2026" in sent.subject and area.own_child.legal_first_name not in sent.body
    assert sent.link == reverse("waiting:register_entry", args=[entry.public_id])
    # A new review date is a new reminder; once it has passed, the reminder says overdue.
    RegisterEntry.objects.filter(pk=entry.pk).update(next_review_on=today - timedelta(days=1))
    summary = send_review_reminders(today)
    assert (summary.due_soon, summary.overdue) == (0, 1)
    assert Notification.objects.filter(message_type="dsr_review_overdue").count() == 1
    assert Notification.objects.filter(message_type="dsr_no_key_worker").count() == 1  # the one with none


def test_the_worker_sends_review_reminders_daily_once(area):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from jobs import schedule
    from jobs.models import ScheduledRun

    worker = area.users["dco"]
    RegisterEntryFactory(child=area.own_child, key_worker=worker, next_review_on=date(2026, 3, 12))
    morning = datetime(2026, 3, 10, 7, 30, tzinfo=ZoneInfo("Europe/London"))
    # The tests' ImmediateBackend runs the enqueued task at once, as a worker would.
    assert "waiting.send_register_reminders" in schedule.enqueue_due(now=morning)
    assert "waiting.send_register_reminders" not in schedule.enqueue_due(now=morning.replace(hour=9))
    run = ScheduledRun.objects.get(name="waiting.send_register_reminders", period="2026-03-10")
    assert run.finished_at is not None and run.outcome.startswith("sent 1 due-soon and 0 overdue")
    assert Notification.objects.get().message_type == "dsr_review_due"


def test_monthly_additions_and_removals():
    from people.tests.factories import ChildFactory

    child = ChildFactory()
    RegisterEntryFactory(child=child, added_on=date(2026, 1, 10))
    RegisterEntryFactory(child=child, added_on=date(2026, 1, 20), removed_on=date(2026, 2, 3))
    RegisterEntryFactory(child=child, added_on=date(2026, 2, 14))
    rows = monthly_changes(date(2026, 1, 1), date(2026, 3, 15))
    assert rows == [
        (date(2026, 1, 31), 2, 0, 2),
        (date(2026, 2, 28), 1, 1, 2),
        (date(2026, 3, 31), 0, 0, 2),
    ]


@pytest.mark.parametrize(
    "query, field", [("worker=abc", "worker"), ("rating=purple", "rating"), ("status=gone", "status")]
)
def test_a_bad_register_filter_is_a_govuk_error_and_lists_no_one(area, login, query, field):
    RegisterEntryFactory(child=area.own_child)
    page = login("dco").page(reverse("waiting:register_list") + "?" + query)
    assert page.select_one(f".govuk-error-summary a[href='#{field}']")
    assert page.find(id="result-count").get_text(strip=True) == "0 entries found"


def test_the_register_lists_entries_on_it_unless_asked_and_draws_that_choice(area, login):
    RegisterEntryFactory(child=area.own_child, key_worker=None)
    page = login("dco").page(reverse("waiting:register_list") + "?worker=none")
    assert page.find(id="result-count").get_text(strip=True) == "1 entry found"
    assert page.select_one("select#status option[selected]")["value"] == "open"
    assert page.select_one("select#worker option[selected]")["value"] == "none"
