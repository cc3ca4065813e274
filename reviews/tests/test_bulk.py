"""A manager arranges a school's review meetings at once: every pupil with a review due in the dates
chosen, in one transaction, safe to submit twice; the 2-week notice applies to the first day."""

from datetime import date, time

import pytest
from django.urls import reverse

from notifications.models import Notification
from people.tests.factories import ChildFactory
from reviews import meetings
from reviews.events import OutOfOrder
from reviews.models import AnnualReview, Invitee, Stage
from reviews.tests.factories import at, quick_review

pytestmark = pytest.mark.django_db
TODAY = date(2027, 5, 3)


@pytest.fixture
def due_at_school(area, pupil):
    """Three pupils at Alder Lane due in June (9, 11 and 29 June), one due in September, and one
    at another school."""
    with at(TODAY):
        june = [quick_review(pupil(), date(2026, 6, day)) for day in (10, 12, 30)]
        september = quick_review(ChildFactory(setting=area.school), date(2026, 9, 10))
        elsewhere = quick_review(ChildFactory(setting=area.other_school), date(2026, 6, 15))
    return june, september, elsewhere


def arrange(area, **values):
    options = {
        "school": area.school,
        "due_from": date(2027, 6, 1),
        "due_to": date(2027, 6, 30),
        "first_day": date(2027, 5, 27),
        "per_day": 2,
        "start_time": time(9, 30),
    }
    return meetings.bulk_schedule(None, **(options | values))


def test_every_pupil_due_in_the_window_gets_a_meeting(
    area, due_at_school, django_capture_on_commit_callbacks
):
    june, september, elsewhere = due_at_school
    with at(TODAY), django_capture_on_commit_callbacks(execute=True):
        result = arrange(area, per_day=1)
    assert (result.scheduled, result.after_due) == (3, 0)
    slots = list(
        AnnualReview.objects.filter(pk__in=[r.pk for r in june])
        .order_by("due_on")
        .values_list("stage", "meeting_on", "meeting_at", "meeting_place")
    )
    # One a day: Thursday 27 and Friday 28 May, then past the bank holiday to Tuesday 1 June.
    assert slots == [
        (Stage.SCHEDULED, date(2027, 5, 27), time(9, 30), "Alder Lane Primary School"),
        (Stage.SCHEDULED, date(2027, 5, 28), time(9, 30), "Alder Lane Primary School"),
        (Stage.SCHEDULED, date(2027, 6, 1), time(9, 30), "Alder Lane Primary School"),
    ]
    for other in (september, elsewhere):
        other.refresh_from_db()
        assert other.stage == Stage.DUE
    assert Invitee.objects.filter(kind="school", user=area.users["senco"]).count() == 3
    assert Invitee.objects.filter(kind="family").count() == 3
    assert Notification.objects.filter(message_type="review_paperwork").count() == 3


def test_a_first_day_less_than_2_weeks_away_is_refused_and_nothing_changes(area, due_at_school):
    with at(TODAY), pytest.raises(OutOfOrder, match="had to be sent by 2 May 2027. Choose a later first"):
        arrange(area, first_day=date(2027, 5, 16))
    assert not AnnualReview.objects.filter(stage=Stage.SCHEDULED).exists()


def test_meetings_after_the_due_date_need_a_reason_recorded_on_each_late_review(area, due_at_school):
    with at(TODAY), pytest.raises(OutOfOrder, match="2 of these meetings would fall after"):
        arrange(area, first_day=date(2027, 6, 14), per_day=1)
    assert not AnnualReview.objects.filter(stage=Stage.SCHEDULED).exists()
    with at(TODAY):
        result = arrange(area, first_day=date(2027, 6, 14), per_day=1, late_reason="The SENCo is away")
    slots = AnnualReview.objects.filter(stage=Stage.SCHEDULED).order_by("due_on")
    assert [(r.due_on, r.meeting_on) for r in slots][:2] == [
        (date(2027, 6, 9), date(2027, 6, 14)),
        (date(2027, 6, 11), date(2027, 6, 15)),
    ]
    assert (result.scheduled, result.after_due) == (3, 2)  # due 9 and 11 June, met 14 and 15
    assert [r.late_meeting_reason for r in slots] == ["The SENCo is away", "The SENCo is away", ""]


def test_the_manager_submits_twice_and_the_meetings_are_arranged_once(area, login, due_at_school):
    url = reverse("reviews:bulk_schedule")
    with at(TODAY):
        client = login("manager")
        soup = client.page(url)
        assert "0 overdue review meetings now" in soup.select_one("#backlog").get_text(" ", strip=True)
        data = {
            "form_token": soup.find("input", attrs={"name": "form_token"})["value"],
            "school": str(area.school.public_id),
            "due_from_day": "1",
            "due_from_month": "6",
            "due_from_year": "2027",
            "due_to_day": "30",
            "due_to_month": "6",
            "due_to_year": "2027",
            "first_day_day": "27",
            "first_day_month": "5",
            "first_day_year": "2027",
            "per_day": "6",
            "start_time": "9:30",
        }
        first = client.post(url, data)
        second = client.post(url, data)
        listed = client.page(first["Location"])
    assert first["Location"] == second["Location"]
    assert AnnualReview.objects.filter(stage=Stage.SCHEDULED).count() == 3
    assert Invitee.objects.filter(kind="school").count() == 3
    assert "3 meetings arranged at Alder Lane Primary School" in listed.get_text(" ", strip=True)
