"""'You said, we did' and the youth forum: themes and their responses, the public page without
sign-in (with small attendance counts suppressed), and proposals with their outcomes."""

from datetime import date

import pytest
from django.urls import reverse

from core.concurrency import StaleEditError
from engagement import voice_services
from engagement.models import ForumProposal, ForumSession, YouSaid
from engagement.services import Refused

pytestmark = pytest.mark.django_db


def _date(prefix, day):
    return {f"{prefix}_day": day.day, f"{prefix}_month": day.month, f"{prefix}_year": day.year}


def _theme(**fields):
    values = {"source": "survey", "you_said": "Replies are slow", "we_did": "", "heard_on": date(2026, 5, 1)}
    return voice_services.add_theme(None, None, **(values | fields))


def test_a_theme_cannot_be_published_without_what_we_did(area, login):
    client = login("manager")
    data = {
        "source": "complaints",
        "you_said": "Nobody answers the phone",
        **_date("heard_on", date(2026, 6, 1)),
        "published": "on",
        "form_token": "1b0f7c3e-4a0e-4c1e-9d3e-1f2a3b4c5d6e",
    }
    response = client.post(reverse("voice:theme_new"), data)
    assert "Say what we did before publishing the theme" in response.content.decode()
    assert not YouSaid.objects.exists()
    data["we_did"] = "A named duty officer answers calls every weekday"
    assert client.post(reverse("voice:theme_new"), data).status_code == 302
    assert YouSaid.objects.get().published


def test_a_theme_edit_is_refused_when_someone_else_saved_first(area):
    theme = _theme()
    voice_services.update_theme(None, None, theme, 1, we_did="Weekly reply targets")
    with pytest.raises(StaleEditError):
        voice_services.update_theme(None, None, YouSaid.objects.get(), 1, we_did="Something else")
    assert YouSaid.objects.get().we_did == "Weekly reply targets"


def test_the_public_page_shows_only_published_themes_and_decided_proposals(area, client):
    _theme(we_did="Replies within 5 working days", published=True, you_said="<i>Slow</i> replies")
    _theme(you_said="A draft theme not yet answered")
    small = voice_services.record_session(
        None, None, held_on=date(2026, 5, 1), topic="Transport", attendance=3
    )
    big = voice_services.record_session(None, None, held_on=date(2026, 6, 1), topic="Clubs", attendance=14)
    decided = voice_services.add_proposal(None, None, small, "Free bus passes for college")
    voice_services.decide_proposal(None, None, decided, 1, outcome="agreed", decided_on=date(2026, 6, 1))
    voice_services.add_proposal(None, None, big, "Longer holiday clubs")  # still waiting
    response = client.get(reverse("voice:public"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "&lt;i&gt;Slow&lt;/i&gt; replies" in html and "Replies within 5 working days" in html
    assert "A draft theme" not in html
    assert "Free bus passes for college" in html and "Longer holiday clubs" not in html
    assert "Young people who came: fewer than 5" in html


def test_a_proposals_outcome_needs_a_date_on_or_after_the_session(area, login):
    session = voice_services.record_session(
        None, None, held_on=date(2026, 5, 1), topic="Transport", attendance=9
    )
    proposal = voice_services.add_proposal(None, None, session, "Bus passes")
    with pytest.raises(Refused) as refused:
        voice_services.decide_proposal(None, None, proposal, 1, outcome="agreed", decided_on=None)
    assert refused.value.field == "decided_on"
    client = login("manager")
    url = reverse("voice:proposal_outcome", args=[proposal.public_id])
    response = client.post(url, {"outcome": "agreed", **_date("decided_on", date(2026, 4, 1)), "version": 1})
    assert "on or after the session" in response.content.decode()
    assert ForumProposal.objects.get().outcome == "waiting"
    client.post(
        url,
        {
            "outcome": "partly",
            "response": "Passes for term time",
            **_date("decided_on", date(2026, 5, 20)),
            "version": 1,
        },
    )
    assert ForumProposal.objects.get().outcome == "partly"


def test_recording_a_session_with_its_attendance(area, login):
    client = login("manager")
    url = reverse("voice:session_new")
    bad = client.post(url, {"topic": "Clubs", **_date("held_on", date(2026, 5, 1)), "attendance": "lots"})
    assert "Enter how many young people came as a number" in bad.content.decode()
    data = {
        "topic": "Clubs",
        **_date("held_on", date(2026, 5, 1)),
        "attendance": "12",
        "form_token": "2b0f7c3e-4a0e-4c1e-9d3e-1f2a3b4c5d6e",
    }
    client.post(url, data)
    client.post(url, data)  # a double submit records one session
    assert ForumSession.objects.get().attendance == 12
    page = client.page(reverse("voice:forum"))
    assert "12 young people came" in page.get_text(" ", strip=True)
