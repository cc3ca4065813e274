"""send_review_reminders: each step's due-soon and overdue reminder goes once, however often or
however many times at once the job runs; the SENCo is reminded of paperwork once."""

import threading
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

from notifications.models import Notification
from reviews import decisions, reminders
from reviews.models import AnnualReview
from reviews.tests.factories import DUE_ON, MEETING_ON, at, held, review_for, scheduled

pytestmark = pytest.mark.django_db


def run(day: date) -> str:
    out = StringIO()
    call_command("send_review_reminders", "--today", day.isoformat(), stdout=out)
    return out.getvalue()


@pytest.fixture
def review(area):
    return review_for(area.own_child, area.users["caseworker"])


def test_a_review_meeting_due_within_a_week_is_reminded_once(area, review):
    assert "sent 0 due-soon, 0 overdue" in run(date(2027, 7, 19))
    assert "sent 1 due-soon, 0 overdue" in run(date(2027, 7, 20))
    assert "sent 0 due-soon, 0 overdue" in run(date(2027, 7, 21))
    note = Notification.objects.get()
    assert (note.user, note.message_type) == (area.users["caseworker"], "review_step_due_soon")
    assert note.subject == "Reminder: annual review step due by 26 July 2027"
    assert "Hold the review meeting" in note.body and "Amira" not in note.body


def test_an_overdue_step_is_reminded_once_and_the_next_step_gets_its_own(area, review):
    assert "0 due-soon, 1 overdue" in run(DUE_ON.replace(day=27))
    assert "0 due-soon, 0 overdue" in run(DUE_ON.replace(day=28))
    scheduled(review, meeting_on=date(2027, 8, 16), invited_on=date(2027, 8, 2))
    with at(date(2027, 8, 16)):
        decisions.meeting_held(None, review, date(2027, 8, 16))
    # The next step is the report, due 30 August: its own reminder, once.
    assert "1 due-soon, 0 overdue" in run(date(2027, 8, 24))
    assert "0 due-soon, 0 overdue" in run(date(2027, 8, 25))
    assert list(Notification.objects.order_by("pk").values_list("message_type", flat=True)) == [
        "review_step_overdue",
        "review_step_due_soon",
    ]


# SQLite's shared in-memory test database locks whole tables, so two threads there fail whatever
# the code does; the real race is tested on PostgreSQL (CI runs both), as casework's is.
@pytest.mark.postgres  # deselected on SQLite (make test-sqlite), not skipped
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_jobs_at_once_send_each_reminder_once(area, review):
    start = threading.Barrier(2)
    errors = []

    def job():
        try:
            start.wait()
            reminders.send_reminders(date(2027, 7, 20))
        except Exception as error:  # pragma: no cover - shown in the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=job) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert Notification.objects.filter(message_type="review_step_due_soon").count() == 1


def test_a_claim_is_won_once(review):
    with at(date(2027, 7, 20)):
        stored = AnnualReview.objects.get(pk=review.pk)
        assert reminders.claim(stored, reminders.DUE_SOON)
        assert not reminders.claim(stored, reminders.DUE_SOON)


def test_the_senco_is_reminded_of_paperwork_once(area, review):
    scheduled(review, senco=None)  # the school's SENCo is invited by default
    assert "0 paperwork" in run(date(2027, 5, 31))  # due 7 June: more than a week away
    assert "1 paperwork" in run(date(2027, 6, 1))
    assert "0 paperwork" in run(date(2027, 6, 2))
    note = Notification.objects.get(message_type="review_paperwork_due")
    assert note.user == area.users["senco"]
    assert note.subject == "Reminder: annual review paperwork due by 7 June 2027"


def test_nothing_is_sent_for_a_review_nobody_holds_or_one_that_is_done(area, review):
    review_for(area.other_child)  # not allocated to a caseworker
    held(scheduled(review))
    with at(MEETING_ON):
        decisions.report_sent(None, review, MEETING_ON)
        decisions.decide(None, review, "maintain", MEETING_ON, "No change")
    run(date(2027, 7, 27))  # the first cycles' meetings were due on 26 July
    assert not Notification.objects.filter(message_type__startswith="review_step").exists()
