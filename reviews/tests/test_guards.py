"""Each guarded review action has one precondition (`why_not_<action>`): the service refuses with
its words, and the action's page shows the same words in its banner before any form is filled in."""

from datetime import date

import pytest
from django.urls import reverse

from reviews import contributions, decisions, meetings
from reviews.events import OutOfOrder
from reviews.models import AnnualReview, Stage
from reviews.tests.factories import at, quick_review

pytestmark = pytest.mark.django_db
TODAY = date(2027, 5, 3)

ON_A_REVIEW_NOT_YET_MET = [
    (
        "step",
        ("meeting-held",),
        decisions.why_not_meeting_held,
        lambda r: decisions.meeting_held(None, r, TODAY),
    ),
    (
        "decision",
        (),
        decisions.why_not_decide,
        lambda r: decisions.decide(None, r, "maintain", TODAY, "Fine"),
    ),
    ("plan_ended", (), decisions.why_not_end_plan, lambda r: decisions.plan_ended(None, r, TODAY)),
    ("mediation", (), decisions.why_not_mediation, lambda r: decisions.mediation(None, r, asked_on=TODAY)),
]
ON_A_COMPLETED_REVIEW = [
    (
        "schedule",
        (),
        meetings.why_not_schedule,
        lambda r: meetings.schedule(None, r, meeting_on=date(2027, 6, 1)),
    ),
    (
        "phase_transfer",
        (),
        decisions.why_not_phase_transfer,
        lambda r: decisions.set_phase_transfer(None, r, "", None),
    ),
    ("mediation", (), decisions.why_not_mediation, lambda r: decisions.mediation(None, r, asked_on=TODAY)),
]


def refusals_match(client, review, actions):
    for name, args, why_not, act in actions:
        refusal = why_not(review)
        assert refusal, name
        with pytest.raises(OutOfOrder) as refused:
            act(review)
        assert str(refused.value) == refusal, name
        page = client.page(reverse(f"reviews:{name}", args=[review.public_id, *args]))
        assert (
            page.select_one("#blocked").get_text(strip=True) == f"This cannot be recorded now. {refusal}."
        ), name
        assert page.select_one("main form") is None, name


def test_a_review_awaiting_its_meeting_shows_the_services_refusals(area, login):
    with at(TODAY):
        review = quick_review(area.own_child, date(2026, 6, 10), caseworker=area.users["caseworker"])
        refusals_match(login("caseworker"), review, ON_A_REVIEW_NOT_YET_MET)
        # Nothing the banners refuse is offered on the review's page.
        page = login("caseworker").page(reverse("reviews:review_detail", args=[review.public_id]))
        text = page.get_text()
        assert "Arrange the meeting" in text
        for label in ("Record that the meeting was held", "Record the decision", "Record mediation"):
            assert label not in text


def test_a_completed_review_shows_the_services_refusals(area, login):
    with at(TODAY):
        review = quick_review(area.own_child, date(2026, 6, 10), caseworker=area.users["caseworker"])
        AnnualReview.objects.filter(pk=review.pk).update(
            stage=Stage.COMPLETED, decided_on=date(2027, 4, 20), closed_on=date(2027, 4, 20)
        )
        review.refresh_from_db()
        refusals_match(login("caseworker"), review, ON_A_COMPLETED_REVIEW)
        # The family's views and the school's paperwork: sent only for a meeting still to come.
        closed = contributions.why_not_contribute(review)
        with pytest.raises(OutOfOrder) as refused:
            contributions.add_family_views(None, review, views="Our thoughts")
        assert str(refused.value) == closed
        page = login("caseworker").page(reverse("reviews:family_views", args=[review.public_id]))
        assert page.select_one("#closed").get_text(strip=True) == f"{closed}."
        assert not page.select("main textarea")
    review.refresh_from_db()
    assert (review.stage, review.mediation_asked_on) == (Stage.COMPLETED, None)
