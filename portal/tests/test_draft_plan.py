"""A family reads the draft plan they were sent and comments on it within their 15 days (reg 13(1)):
the day the draft is sent is day 1, so a draft sent on 6 July 2026 takes comments up to 20 July."""

from datetime import date

import pytest
from django.core import mail
from django.urls import reverse

from accounts.roles import Role
from clock.case_events import EventKind
from conftest import _signed_in_client
from core.idempotency import new_token
from people.models import ChildRelationship
from people.tests.factories import ParentCarerFactory, UserFactory
from plans import services
from plans.tests.factories import SERVED_ON, draft_plan, fill
from portal import contributions
from portal.models import DraftComment, DraftResponse
from reviews.tests.factories import at

pytestmark = pytest.mark.django_db
LAST_DAY = date(2026, 7, 20)


@pytest.fixture
def served(area):
    version = draft_plan(area.own_child, caseworker=area.users["caseworker"])
    # Section I stays empty: a first draft names no school (s.38(5)); the family names one in their 15 days.
    fill(version)
    services.serve_draft(None, version, SERVED_ON)
    version.refresh_from_db()
    return version


def _url(version):
    return reverse("portal:draft_plan", args=[version.plan.public_id])


def _answers(page, **values):
    token = page.find("input", attrs={"name": "form_token"})["value"]
    return {"form_token": token, "wants_meeting": "no", **values}


def test_it_shows_the_draft_section_by_section_with_the_countdown(area, login, served):
    with at(date(2026, 7, 10)):
        page = login("parent").page(_url(served))
    countdown = page.find(id="countdown").get_text(" ", strip=True)
    assert "You have 11 days left to comment: the last day is 20 July 2026." in countdown
    headings = [h.get_text(strip=True) for h in page.select("section h2")]
    assert headings[0] == "Section A: Views, interests and aspirations"
    assert len(headings) == 12
    assert "I like trains and drawing." in page.find(id="section-A").get_text()
    assert page.find("textarea", attrs={"name": "comment_B"})
    assert page.find("select", attrs={"name": "setting"})


def test_the_countdown_says_one_day_on_the_last_day(area, login, served):
    with at(LAST_DAY):
        page = login("parent").page(_url(served))
    assert (
        "You have 1 day left to comment: the last day is 20 July 2026."
        in page.find(id="countdown").get_text()
    )


def test_the_family_comments_names_a_setting_and_asks_for_a_meeting(
    area, login, served, django_capture_on_commit_callbacks
):
    client = login("parent")
    with at(date(2026, 7, 10)):
        page = client.page(_url(served))
        answers = _answers(
            page,
            comment_B="She also finds busy rooms hard.",
            comment_F="We would like the therapy twice a week.",
            setting=str(area.other_school.pk),
            wants_meeting="yes",
            meeting_note="The speech therapy",
        )
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(_url(served), answers)
    assert response.status_code == 302
    sent = DraftResponse.objects.get(version=served)
    assert (
        sent.setting == area.other_school and sent.wants_meeting and sent.meeting_note == "The speech therapy"
    )
    comments = dict(sent.comments.values_list("section", "text"))
    assert comments == {
        "B": "She also finds busy rooms hard.",
        "F": "We would like the therapy twice a week.",
    }
    # The clock's "family's comments" step is met on the case.
    assert served.case.events.filter(kind=EventKind.FAMILY_RESPONDED, on=date(2026, 7, 10)).exists()
    # The caseworker is told, without the child's name in the subject.
    (email,) = [m for m in mail.outbox if m.to == [area.users["caseworker"].email]]
    assert "Amira" not in email.subject and "Hussain" not in email.subject
    # The caseworker sees it all on the plan's page.
    staff_page = login("caseworker").page(reverse("plans:plan_detail", args=[served.plan.public_id]))
    shown = staff_page.find(id="family-comments").find_next("div").get_text(" ", strip=True)
    assert "She also finds busy rooms hard." in shown and "twice a week" in shown
    assert area.other_school.name in shown and "The speech therapy" in shown
    # And the family sees what they sent.
    with at(date(2026, 7, 10)):
        again = client.page(_url(served))
    assert "She also finds busy rooms hard." in again.find(id="sent-heading").find_next("div").get_text()


def test_a_double_submit_stores_one_set(area, login, served):
    client = login("parent")
    with at(date(2026, 7, 10)):
        answers = _answers(client.page(_url(served)), comment_A="More about her drawing")
        first = client.post(_url(served), answers)
        second = client.post(_url(served), answers)
    assert first.status_code == second.status_code == 302
    assert DraftResponse.objects.filter(version=served).count() == 1
    assert DraftComment.objects.filter(response__version=served).count() == 1


def test_after_the_window_closes_the_page_says_so_and_refuses_comments(area, login, served):
    with at(date(2026, 7, 10)):
        answers = _answers(login("parent").page(_url(served)), comment_A="Too late?")
    with at(date(2026, 7, 21)):
        client = login("parent")  # a new sign-in: an idle session ends on its own
        page = client.page(_url(served))
        response = client.post(_url(served), {**answers, "form_token": new_token()})
    closed = page.find(id="closed").get_text()
    assert "The time to comment ended on 20 July 2026" in closed
    assert page.find("textarea") is None and page.find(id="countdown") is None
    assert response.status_code == 200
    assert not DraftResponse.objects.exists()


def test_the_service_refuses_a_response_after_the_last_day(area, served, rf):
    request = rf.post("/")
    request.user = area.users["parent"]
    with at(date(2026, 7, 21)), pytest.raises(contributions.WindowClosed):
        contributions.respond_to_draft(request, served, comments={"A": "Late"})
    assert not DraftResponse.objects.exists()


def test_it_asks_for_something_to_send_and_not_two_settings(area, login, served):
    client = login("parent")
    with at(date(2026, 7, 10)):
        page = client.page(_url(served))
        empty = client.post(_url(served), _answers(page))
        both = client.post(
            _url(served), _answers(page, setting=str(area.school.pk), setting_name="Another School")
        )
    assert "Write a comment on at least one section, name a school or setting, or ask for a meeting" in (
        empty.content.decode()
    )
    assert "Choose a school from the list or type its name, not both" in both.content.decode()
    assert not DraftResponse.objects.exists()


def test_a_second_family_cannot_open_it(area, served):
    stranger = UserFactory(username="other_parent", role=Role.PARENT)
    carer = ParentCarerFactory(user=stranger)
    ChildRelationship.objects.create(child=area.other_child, parent_carer=carer, relationship="father")
    client = _signed_in_client(stranger)
    with at(date(2026, 7, 10)):
        assert client.get(_url(served)).status_code == 404
        assert client.post(_url(served), {"comment_A": "Hello", "wants_meeting": "no"}).status_code == 404
    assert not DraftResponse.objects.exists()


def test_a_draft_not_yet_sent_is_not_shown(area, login):
    version = draft_plan(area.own_child)
    fill(version)
    page = login("parent").page(_url(version))
    assert "There is no draft plan for you to read" in page.find(id="no-draft").get_text()
    assert "I like trains" not in page.get_text()


def test_a_response_sent_through_the_portal_lets_amendments_be_issued_inside_the_15_days(area, rf):
    """Proposed amendments with no review have no clock step for the portal to write to: the
    family's comments sent here are still their recorded response (reg 22(2))."""
    from plans.errors import PlanError
    from plans.tests.factories import add_provision, issued_plan

    plan, _ = issued_plan(area.own_child)
    draft = services.start_amendment(None, plan)
    add_provision(draft, [draft.needs.get()], what="Access to a laptop")
    services.serve_draft(None, draft, date(2026, 10, 1))
    request = rf.post("/")
    request.user = area.users["parent"]
    with at(date(2026, 10, 3)):
        contributions.respond_to_draft(request, draft, comments={"F": "Yes to the laptop"})
    with at(date(2026, 10, 5)):
        with pytest.raises(PlanError, match="before the family's response of 3 October 2026"):
            services.issue(None, draft, date(2026, 10, 2))
        assert services.issue(None, draft, date(2026, 10, 3)).is_issued  # not waiting for 16 October
