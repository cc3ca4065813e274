"""The family's page for an annual review: their views before the meeting (the reviews app's own
rule: the page closes once the meeting is held), then the decision, the proposed amendments with
the days left to comment (reg 22: 15 days, the day they are sent being day 1), and the amended plan."""

from datetime import date

import pytest
from django.urls import reverse

from reviews import decisions
from reviews.models import Contribution, ContributionKind, ReviewEvent
from reviews.tests.factories import at, review_at

pytestmark = pytest.mark.django_db
PROPOSALS_ON = date(2027, 7, 5)


def _url(review):
    return reverse("portal:review", args=[review.public_id])


def _token(page):
    return page.find("input", attrs={"name": "form_token"})["value"]


def test_before_the_meeting_the_family_adds_their_views(area, login):
    review = review_at(area.own_child, "scheduled")
    client = login("parent")
    page = client.page(_url(review))
    assert "21 June 2027" in page.find(id="meeting").get_text()
    data = {"form_token": _token(page), "views": "Reading is going well", "proposed_changes": ""}
    assert client.post(_url(review), data).status_code == 302
    assert client.post(_url(review), data).status_code == 302  # a double submit
    sent = Contribution.objects.get(review=review, kind=ContributionKind.FAMILY)
    assert sent.views == "Reading is going well"
    assert (
        "Reading is going well"
        in client.page(_url(review)).find(id="views-heading").find_next("dl").get_text()
    )


def test_views_are_required(area, login):
    review = review_at(area.own_child, "due")
    client = login("parent")
    response = client.post(_url(review), {"form_token": _token(client.page(_url(review))), "views": ""})
    assert "Enter your views" in response.content.decode()
    assert not Contribution.objects.exists()


def test_once_the_meeting_is_held_the_views_form_closes(area, login):
    review = review_at(area.own_child, "held")
    client = login("parent")
    page = client.page(_url(review))
    assert page.find("textarea") is None
    assert "We have not decided yet" in page.find(id="decision").get_text()
    client.post(_url(review), {"form_token": "5b1b5c3a-0000-4000-8000-000000000001", "views": "Late"})
    assert not Contribution.objects.exists()


def test_after_the_decision_the_family_sees_the_proposals_and_comments_on_them(area, login):
    review = review_at(area.own_child, "amending")
    with at(PROPOSALS_ON):
        decisions.proposals_sent(None, review, PROPOSALS_ON)
    review.refresh_from_db()
    with at(date(2027, 7, 10)):
        client = login("parent")
        page = client.page(_url(review))
        assert "Amend the plan" in page.find(id="decision").get_text()
        countdown = page.find(id="proposals-countdown").get_text(" ", strip=True)
        assert "You have 10 days left to comment: the last day is 19 July 2027." in countdown
        draft_url = reverse("portal:draft_plan", args=[review.plan.public_id])
        assert page.find("a", href=draft_url)
        draft_page = client.page(draft_url)
        assert draft_page.h1.get_text(strip=True) == "The changes we propose to the plan"
        data = {"form_token": _token(draft_page), "comment_E": "Add swimming", "wants_meeting": "no"}
        assert client.post(draft_url, data).status_code == 302
    # The review's clock records the family's comments.
    assert ReviewEvent.objects.filter(review=review, kind="family_commented", on=date(2027, 7, 10)).exists()


def test_the_amended_plan_can_be_read_and_downloaded_once_issued(area, login):
    review = review_at(area.own_child, "amending")
    with at(PROPOSALS_ON):
        decisions.proposals_sent(None, review, PROPOSALS_ON)
    with at(date(2027, 7, 26)):
        decisions.amended_plan_issued(None, review, date(2027, 7, 26))
        client = login("parent")
        page = client.page(_url(review))
    links = {a.get_text(strip=True): a["href"] for a in page.find(id="amended").find_all("a")}
    review.refresh_from_db()
    pdf = reverse("plans:version_pdf", args=[review.plan.public_id, review.amendment.number])
    assert links["Download the amended plan (PDF)"] == pdf
    with at(date(2027, 7, 26)):
        response = client.get(pdf)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"


def test_another_family_cannot_open_the_review(area, login):
    review = review_at(area.other_child, "scheduled")
    assert login("parent").get(_url(review)).status_code == 404
    assert login("caseworker").get(_url(review)).status_code == 404
