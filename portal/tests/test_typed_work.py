"""Nothing typed is lost when the session ends: comments on the draft sent after the 30 idle minutes
are kept, the parent signs in again, and the same page opens with what they typed, unsent."""

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from conftest import _signed_in_client
from plans import services
from plans.tests.factories import SERVED_ON, draft_plan, fill
from portal.models import DraftResponse
from reviews.tests.factories import at

pytestmark = pytest.mark.django_db
COMMENT = "Amira also finds busy, noisy rooms hard. Please add this to section B."


def test_comments_sent_after_the_session_ended_come_back_after_sign_in(area):
    version = draft_plan(area.own_child)
    fill(version)  # a first draft names no school (s.38(5))
    services.serve_draft(None, version, SERVED_ON)
    url = reverse("portal:draft_plan", args=[version.plan.public_id])
    browser = Client()  # the session has ended: nobody is signed in any more
    with at(date(2026, 7, 8)):
        sent = browser.post(url, {"comment_B": COMMENT, "wants_meeting": "no", "form_token": "old"})
        assert sent.status_code == 302 and sent["Location"].startswith(reverse("accounts:login"))
        assert not DraftResponse.objects.exists()
        # Signing in keeps the session's data (Django cycles the key, not the contents).
        browser.force_login(area.users["parent"])
        page = browser.get(url)
        again = browser.get(url)
    assert COMMENT in page.content.decode()
    assert "we kept what you typed" in page.content.decode()
    assert COMMENT not in again.content.decode()  # given back once, not kept for ever
    assert not DraftResponse.objects.exists()  # nothing sent until the parent sends it


def test_a_family_page_says_how_long_a_session_lasts_and_offers_to_stay(area):
    parent = _signed_in_client(area.users["parent"])
    page = parent.page(reverse("portal:home"))
    assert "after 30 minutes" in page.find(id="session-note").get_text()
    dialog = page.find(id="timeout-warning")
    assert dialog["data-session-seconds"] == "1800"
    assert parent.post(reverse("portal:keep_alive")).status_code == 204
    assert Client().post(reverse("portal:keep_alive")).status_code == 302


def test_advice_typed_when_the_session_ended_comes_back_after_sign_in(area):
    """The professionals' advice form keeps what was typed the same way (a professional signs in
    with a second factor, so the session carries the device once they are back)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from casework.models import AdviceRequest
    from casework.tests.factories import case_at

    case = case_at(area.own_child, "assessing", received_on=date(2026, 10, 1), ep=area.users["ep"])
    advice = case.advice_requests.get()
    url = reverse("casework:advice_detail", args=[advice.public_id])
    typed = "Amira understands more when instructions come one step at a time."
    browser = Client()
    with at(date(2026, 10, 20)):
        sent = browser.post(url, {"needs": typed, "provision": "A visual timetable", "form_token": "old"})
        assert sent.status_code == 302 and sent["Location"].startswith(reverse("accounts:login"))
        browser.force_login(area.users["ep"])
        session = browser.session
        device = TOTPDevice.objects.create(user=area.users["ep"], name="t", confirmed=True)
        session["otp_device_id"] = device.persistent_id
        session.save()
        page = browser.get(url)
    assert typed in page.content.decode() and "A visual timetable" in page.content.decode()
    assert "we kept what you typed" in page.content.decode()
    assert AdviceRequest.objects.get(pk=advice.pk).received_on is None  # nothing sent until they send it
