"""Arranging the meeting: invitations at least 2 weeks ahead (reg 20), unless the family asked for
an earlier date; who is invited and told; a combined child in need review."""

from datetime import date

import pytest
from django.core import mail
from django.urls import reverse

from notifications.models import Notification
from reviews import decisions, meetings
from reviews.events import OutOfOrder
from reviews.models import InviteeKind, Stage
from reviews.tests.factories import at, review_for

pytestmark = pytest.mark.django_db


def invite_everyone(review):
    return meetings.default_invitations(review.child)


def test_invitations_later_than_2_weeks_before_the_meeting_are_refused(area):
    review = review_for(area.own_child)
    with at(date(2027, 6, 8)), pytest.raises(OutOfOrder) as refusal:
        meetings.schedule(None, review, meeting_on=date(2027, 6, 21), place="School")
    assert str(refusal.value).startswith(
        "Invitations must go out at least 2 weeks before the meeting (SEND Regulations 2014, regulation 20). "
        "For a meeting on 21 June 2027 they had to be sent by 7 June 2027."
    )
    review.refresh_from_db()
    assert (review.stage, review.meeting_on) == (Stage.DUE, None)


def test_exactly_2_weeks_ahead_is_in_time(area):
    review = review_for(area.own_child)
    with at(date(2027, 6, 7)):
        meetings.schedule(None, review, meeting_on=date(2027, 6, 21), place="School")
    review.refresh_from_db()
    assert (review.stage, review.invitations_sent_on, review.short_notice_reason) == (
        Stage.SCHEDULED,
        date(2027, 6, 7),
        "",
    )


def test_a_date_the_family_asked_for_is_accepted_with_their_reason_recorded(area):
    review = review_for(area.own_child)
    with at(date(2027, 6, 14)):
        meetings.schedule(
            None,
            review,
            meeting_on=date(2027, 6, 18),
            place="School",
            short_notice_reason="Mum asked to meet before the placement ends on 25 June",
        )
    with at(date(2027, 6, 18)):
        decisions.meeting_held(None, review, date(2027, 6, 18))
    review.refresh_from_db()
    assert review.short_notice_reason == "Mum asked to meet before the placement ends on 25 June"
    assert review.stage == Stage.HELD


def test_the_meeting_cannot_be_recorded_sooner_than_the_invitations_allowed(area):
    review = review_for(area.own_child)
    with at(date(2027, 6, 1)):
        meetings.schedule(None, review, meeting_on=date(2027, 6, 21), place="School")
    with at(date(2027, 6, 10)), pytest.raises(OutOfOrder, match="less than 2 weeks' notice"):
        decisions.meeting_held(None, review, date(2027, 6, 10))


def test_the_family_and_the_senco_are_invited_and_told_without_naming_the_child(
    area, django_capture_on_commit_callbacks
):
    review = review_for(area.own_child)
    with at(date(2027, 5, 31)), django_capture_on_commit_callbacks(execute=True):
        meetings.schedule(
            None,
            review,
            meeting_on=date(2027, 6, 21),
            place="Alder Lane Primary School",
            invitations=[
                *invite_everyone(review),
                meetings.Invitation(InviteeKind.PROFESSIONAL, area.users["ep"]),
                meetings.Invitation(InviteeKind.OTHER, name="Jo Bell, speech and language therapist"),
            ],
            combined_cin_review=True,
        )
    kinds = sorted(review.invitees.values_list("kind", "name"))
    assert [k for k, _ in kinds] == ["family", "other", "professional", "school"]
    sent = {n.message_type: n for n in Notification.objects.all()}
    assert set(sent) == {"review_invitation", "review_paperwork"}
    assert Notification.objects.count() == 3  # the parent, the SENCo and the EP; Jo Bell by the caseworker
    for note in Notification.objects.all():
        assert "Amira" not in note.subject and "Amira" not in note.body
        assert review.reference in note.body
    paperwork = sent["review_paperwork"]
    assert paperwork.user == area.users["senco"]
    assert paperwork.link == reverse("reviews:paperwork", args=[review.public_id])
    assert "by 7 June 2027" in paperwork.body
    family = Notification.objects.get(parent_carer__isnull=False)
    assert family.link == reverse("reviews:family_views", args=[review.public_id])
    assert "21 June 2027 at Alder Lane Primary School" in family.body
    assert len(mail.outbox) == 3
    review.refresh_from_db()
    assert review.combined_cin_review


def test_the_schedule_form_invites_the_family_and_school_by_default(area, login):
    review = review_for(area.own_child)
    with at(date(2027, 5, 31)):
        client = login("caseworker")
        url = reverse("reviews:schedule", args=[review.public_id])
        soup = client.page(url)
        ticked = [box["value"] for box in soup.select("input[type=checkbox][checked]")]
        assert ticked == ["family-0", f"school-{area.users['senco'].pk}"]
        token = soup.find("input", attrs={"name": "form_token"})["value"]
        response = client.post(
            url,
            {
                "form_token": token,
                "version": review.version,
                "meeting_on_day": "10",
                "meeting_on_month": "6",
                "meeting_on_year": "2027",
                "meeting_at": "9:30",
                "place": "Alder Lane Primary School",
                "family": ["family-0"],
            },
        )
    assert response.status_code == 200
    assert "they had to be sent by 27 May 2027" in response.content.decode()
    review.refresh_from_db()
    assert review.stage == Stage.DUE


def test_a_meeting_can_be_arranged_again_before_it_is_held(area):
    review = review_for(area.own_child)
    with at(date(2027, 5, 31)):
        meetings.schedule(
            None, review, meeting_on=date(2027, 6, 21), place="School", invitations=invite_everyone(review)
        )
        meetings.schedule(
            None, review, meeting_on=date(2027, 6, 28), place="Online", invitations=invite_everyone(review)
        )
    review.refresh_from_db()
    assert (review.meeting_on, review.meeting_place, review.invitees.count()) == (
        date(2027, 6, 28),
        "Online",
        2,
    )
    assert meetings.meeting_label(review) == "28 June 2027"
