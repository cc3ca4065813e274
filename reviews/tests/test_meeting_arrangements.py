"""Arranging and re-arranging a review meeting so families and schools can follow it: the due date
beside the chosen date, a reason for a late meeting (recorded and audited), a paperwork date from
the clock engine that is never already past, and one message per person naming both dates when
the meeting moves."""

from datetime import date

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from notifications.models import Notification
from reviews import meetings
from reviews.events import OutOfOrder
from reviews.models import InviteeKind, Stage
from reviews.tests.factories import DUE_ON, at, review_for

pytestmark = pytest.mark.django_db
LATE = date(2027, 8, 9)  # two weeks after the review's due date of 26 July 2027


def invite_everyone(review):
    return meetings.default_invitations(review.child)


def test_a_meeting_after_the_due_date_is_refused_without_a_reason(area):
    review = review_for(area.own_child)
    with at(date(2027, 7, 1)), pytest.raises(OutOfOrder) as refusal:
        meetings.schedule(None, review, meeting_on=LATE, place="School")
    assert str(refusal.value).startswith(
        "The review is due by 26 July 2027: a meeting on 9 August 2027 would be 14 days late."
    )
    review.refresh_from_db()
    assert (review.stage, review.meeting_on) == (Stage.DUE, None)


def test_a_late_meeting_with_a_reason_is_arranged_and_the_reason_recorded_and_audited(area):
    review = review_for(area.own_child)
    with at(date(2027, 7, 1)):
        meetings.schedule(
            None, review, meeting_on=LATE, place="School", late_reason="The EP cannot come sooner"
        )
    review.refresh_from_db()
    assert (review.stage, review.late_meeting_reason) == (Stage.SCHEDULED, "The EP cannot come sooner")
    event = AuditEvent.objects.filter(object_id=str(review.public_id), summary__contains="due date").get()
    assert event.detail == {"due_on": "2027-07-26", "late_reason": "The EP cannot come sooner"}


def test_a_meeting_on_time_records_no_late_reason(area):
    review = review_for(area.own_child)
    with at(date(2027, 5, 31)):
        meetings.schedule(None, review, meeting_on=DUE_ON, place="School", late_reason="Not needed")
    review.refresh_from_db()
    assert review.late_meeting_reason == ""


def _form(client, url):
    soup = client.page(url)
    return soup, soup.find("input", attrs={"name": "form_token"})["value"]


def _post(client, url, token, review, day, **extra):
    return client.post(
        url,
        {
            "form_token": token,
            "version": review.version,
            "meeting_on_day": str(day.day),
            "meeting_on_month": str(day.month),
            "meeting_on_year": str(day.year),
            "meeting_at": "9:30",
            "place": "Alder Lane Primary School",
            "family": ["family-0"],
            **extra,
        },
    )


def test_the_form_shows_the_due_date_beside_the_date_and_asks_why_a_meeting_is_late(area, login):
    review = review_for(area.own_child)
    url = reverse("reviews:schedule", args=[review.public_id])
    with at(date(2027, 7, 1)):
        client = login("caseworker")
        soup, token = _form(client, url)
        assert (
            soup.select_one("#id_meeting_on-hint")
            .get_text(strip=True)
            .startswith("The review is due by 26 July 2027.")
        )
        assert soup.select_one("#due-on").get_text(strip=True) == "26 July 2027"
        response = _post(client, url, token, review, LATE)
        assert response.status_code == 200
        page = response.content.decode()
        assert "would be 14 days late" in page
        assert "A meeting on 9 August 2027 is 14 days after the review's due date, 26 July 2027" in page
        review.refresh_from_db()
        assert review.stage == Stage.DUE
        response = _post(client, url, token, review, LATE, late_reason="The family are away until August")
    assert response.status_code == 302
    review.refresh_from_db()
    assert (review.meeting_on, review.late_meeting_reason) == (LATE, "The family are away until August")


def test_professionals_are_chosen_with_checkboxes(area, login):
    review = review_for(area.own_child)
    with at(date(2027, 5, 31)):
        soup = login("caseworker").page(reverse("reviews:schedule", args=[review.public_id]))
    assert not soup.select("select[multiple]")
    boxes = soup.select("input[type=checkbox][name=professionals]")
    assert str(area.users["ep"].pk) in [box["value"] for box in boxes]
    label = soup.find("label", attrs={"for": boxes[0]["id"]}).get_text(strip=True)
    assert ", " in label  # the name and what they do


def test_the_invitations_paperwork_date_is_the_clock_engines(area, django_capture_on_commit_callbacks):
    review = review_for(area.own_child)
    with at(date(2027, 5, 31)), django_capture_on_commit_callbacks(execute=True):
        meetings.schedule(
            None, review, meeting_on=date(2027, 6, 21), place="School", invitations=invite_everyone(review)
        )
    for note in Notification.objects.all():
        assert "by 7 June 2027" in note.body
        assert "less time than usual" not in note.body


def test_invitations_exactly_2_weeks_ahead_never_ask_for_paperwork_the_day_they_are_sent(
    area, django_capture_on_commit_callbacks
):
    review = review_for(area.own_child)
    with at(date(2027, 6, 7)), django_capture_on_commit_callbacks(execute=True):
        meetings.schedule(
            None, review, meeting_on=date(2027, 6, 21), place="School", invitations=invite_everyone(review)
        )
    assert Notification.objects.count() == 2
    for note in Notification.objects.all():
        assert "by 7 June 2027" not in note.body
        assert "by 14 June 2027" in note.body
        assert "The meeting is less than 14 days away, so there is less time than usual" in note.body


def test_rearranging_sends_one_message_per_person_naming_both_dates(area, django_capture_on_commit_callbacks):
    review = review_for(area.own_child)
    with at(date(2027, 5, 31)), django_capture_on_commit_callbacks(execute=True):
        meetings.schedule(
            None,
            review,
            meeting_on=date(2027, 6, 21),
            place="School",
            invitations=[
                *invite_everyone(review),
                meetings.Invitation(InviteeKind.PROFESSIONAL, area.users["ep"]),
            ],
        )
    first = set(Notification.objects.values_list("pk", flat=True))
    # At the family's request, nearer: the usual paperwork date (22 November-style) would be past.
    with at(date(2027, 6, 8)), django_capture_on_commit_callbacks(execute=True):
        meetings.schedule(
            None,
            review,
            meeting_on=date(2027, 6, 15),
            place="Online",
            invitations=invite_everyone(review),
            short_notice_reason="The family asked to meet before the holiday",
        )
    moved = Notification.objects.exclude(pk__in=first)
    assert moved.count() == 3  # the parent, the SENCo, and the EP no longer invited
    people = [(n.user_id, n.parent_carer_id) for n in moved]
    assert len(set(people)) == 3
    kinds = sorted(moved.values_list("message_type", flat=True))
    assert kinds == ["review_meeting_cancelled", "review_meeting_moved", "review_paperwork_moved"]
    for note in moved:
        assert "21 June 2027" in note.body and "15 June 2027" in note.body
        assert "is cancelled" in note.body
    for note in moved.exclude(message_type="review_meeting_cancelled"):
        assert "by 11 June 2027" in note.body  # on or after 8 June, before 15 June
        assert "less time than usual" in note.body
    assert moved.get(message_type="review_meeting_cancelled").user == area.users["ep"]
    audit = AuditEvent.objects.filter(summary__contains="cancelled and re-arranged").get()
    assert "21 June 2027" in audit.summary and "15 June 2027" in audit.summary


def test_the_rearrange_form_shows_the_current_arrangement(area, login):
    review = review_for(area.own_child)
    with at(date(2027, 5, 31)):
        meetings.schedule(
            None,
            review,
            meeting_on=date(2027, 6, 21),
            meeting_at=meetings.datetime(2027, 1, 1, 9, 30).time(),
            place="Alder Lane Primary School",
            invitations=[
                meetings.Invitation(InviteeKind.PROFESSIONAL, area.users["ep"]),
                meetings.Invitation(InviteeKind.OTHER, name="Jo Bell, speech and language therapist"),
            ],
        )
        soup = login("caseworker").page(reverse("reviews:schedule", args=[review.public_id]))
    assert soup.h1.get_text(strip=True) == "Arrange the meeting again"
    ticked = [box["value"] for box in soup.select("input[name=professionals][checked]")]
    assert ticked == [str(area.users["ep"].pk)]  # those invited before stay invited unless unticked
    assert soup.select_one("#id_others").get_text(strip=True) == "Jo Bell, speech and language therapist"
    assert soup.select_one("#current-meeting").get_text(strip=True) == (
        "21 June 2027, 9:30am, Alder Lane Primary School"
    )
    assert "cancels the meeting on 21 June 2027, 9:30am" in soup.select_one("#rearrange-note").get_text()
