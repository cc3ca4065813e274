"""The school's paperwork through the SENCo's own login, for pupils on roll only; the family's views
through a parent's login; both audited, both closed once the meeting is held."""

from datetime import date

import pytest
from django.urls import reverse

from audit.models import Action, AuditEvent
from conftest import _signed_in_client
from plans.models import Outcome
from reviews.models import Contribution, ContributionKind
from reviews.tests.factories import at, held, review_for, scheduled

pytestmark = pytest.mark.django_db


def form_data(soup, **values):
    token = soup.find("input", attrs={"name": "form_token"})["value"]
    return {"form_token": token, **values}


@pytest.fixture
def review(area):
    return scheduled(review_for(area.own_child, area.users["caseworker"]))


def test_the_senco_sends_progress_against_each_outcome_of_the_current_plan(area, login, review):
    outcomes = list(
        Outcome.objects.filter(version=review.plan.latest_issued).values_list("description", flat=True)
    )
    assert outcomes == ["Will follow a two-step instruction in class"]
    url = reverse("reviews:paperwork", args=[review.public_id])
    with at(date(2027, 6, 1)):
        client = login("senco")
        soup = client.page(url)
        assert "Please send this by 7 June 2027" in soup.get_text(" ", strip=True)
        label = soup.find("label", attrs={"for": "id_progress_1"}).get_text(strip=True)
        assert label == "Progress towards outcome 1: Will follow a two-step instruction in class"
        response = client.post(
            url,
            form_data(
                soup,
                views="I like reading with Mrs Khan. Lunchtimes are noisy.",
                progress_1="Follows two-step instructions most days with a visual prompt",
                proposed_changes="Add a lunchtime club to section F",
            ),
        )
    assert response.status_code == 302
    sent = Contribution.objects.get(review=review, kind=ContributionKind.SCHOOL)
    assert sent.progress == [
        {
            "outcome": "Will follow a two-step instruction in class",
            "progress": "Follows two-step instructions most days with a visual prompt",
        }
    ]
    assert (sent.submitted_on, sent.created_by) == (date(2027, 6, 1), area.users["senco"])
    assert AuditEvent.objects.filter(
        action=Action.CREATE, actor=area.users["senco"], child=area.own_child
    ).exists()
    with at(date(2027, 6, 1)):
        page = login("caseworker").page(reverse("reviews:review_detail", args=[review.public_id]))
    assert (
        "Add a lunchtime club to section F" in page.select_one("#school-paperwork").find_next("dl").get_text()
    )


def test_another_schools_senco_is_told_the_page_does_not_exist(area, review, other_senco):
    url = reverse("reviews:paperwork", args=[review.public_id])
    with at(date(2027, 6, 1)):
        response = _signed_in_client(other_senco).get(url)
    assert response.status_code == 404
    assert AuditEvent.objects.filter(action=Action.DENIED, actor=other_senco, child=area.own_child).exists()
    assert not Contribution.objects.exists()


def test_the_senco_lists_only_their_own_pupils_reviews(area, login, review):
    other = scheduled(review_for(area.other_child))
    with at(date(2027, 6, 1)):
        soup = login("senco").page(reverse("reviews:paperwork_list"))
    text = soup.select_one("#reviews").get_text(" ", strip=True)
    assert "Hussain, Amira" in text and "Not sent" in text
    assert "Walsh" not in text and other.reference not in text


def test_a_parent_adds_the_familys_views_for_their_own_child_only(area, login, review):
    url = reverse("reviews:family_views", args=[review.public_id])
    with at(date(2027, 6, 2)):
        client = login("parent")
        soup = client.page(url)
        assert "The meeting is on 21 June 2027" in soup.get_text(" ", strip=True)
        client.post(url, form_data(soup, views="She is happier this year", proposed_changes=""))
        assert login("young_person").get(url).status_code == 404
    views = Contribution.objects.get(review=review, kind=ContributionKind.FAMILY)
    assert (views.views, views.created_by) == ("She is happier this year", area.users["parent"])


def test_sending_again_replaces_and_after_the_meeting_the_form_closes(area, login, review):
    url = reverse("reviews:family_views", args=[review.public_id])
    with at(date(2027, 6, 2)):
        client = login("parent")
        client.post(url, form_data(client.page(url), views="First thoughts"))
        client.post(url, form_data(client.page(url), views="Second thoughts"))
    assert list(Contribution.objects.values_list("views", flat=True)) == ["Second thoughts"]
    held(review)
    with at(date(2027, 6, 22)):
        soup = login("parent").page(url)
    assert soup.select_one("#closed") and not soup.select("main textarea")
