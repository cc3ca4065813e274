"""Keeping the Local Offer true: providers see only their own services, their edits wait for an
editor's approval, confirmations move the review date, reminders go once, and the freshness
figure counts what is overdue."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from clock import dates
from clock.local_offer import next_review_due, review_state
from core.idempotency import TOKEN_FIELD, new_token
from directory import proposals, queries, reminders
from directory.models import ProposedChange, Service
from directory.tests.factories import make_service, owner

pytestmark = pytest.mark.django_db


@pytest.fixture
def mine(area):
    return make_service(
        name="Saturday Club",
        owner=area.users["service_owner"],
        tags=["short-breaks", "autism"],
        when_available="Saturdays",
        phone="01632 960001",
    )


@pytest.fixture
def theirs():
    return make_service(name="Their Club", owner=owner("other.provider"))


def edit(service, **changes):
    """The propose-change form as submitted, starting from the service's current answers."""
    values = proposals.current_values(service)
    values.update(changes)
    data = {TOKEN_FIELD: new_token()}
    for name, value in values.items():
        if isinstance(value, list):
            data[name] = value
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        elif value is not None:
            data[name] = str(value)
    return data


def test_a_provider_cannot_see_or_change_another_providers_service(login, mine, theirs):
    provider = login("service_owner")
    dashboard = provider.page(reverse("directory:dashboard"))
    assert "Saturday Club" in dashboard.select_one("#owned-services").get_text()
    assert "Their Club" not in dashboard.get_text()
    for name in ("directory:propose_change",):
        assert provider.get(reverse(name, args=[theirs.pk])).status_code == 404
    assert provider.post(reverse("directory:confirm_service", args=[theirs.pk])).status_code == 404
    response = provider.post(
        reverse("directory:propose_change", args=[theirs.pk]), edit(theirs, name="Hijacked")
    )
    assert response.status_code == 404
    assert not ProposedChange.objects.exists()
    assert Service.objects.get(pk=theirs.pk).name == "Their Club"


def test_a_proposed_change_is_not_live_until_an_editor_approves_it(login, mine, client):
    provider = login("service_owner")
    data = edit(
        mine,
        name="Saturday Sensory Club",
        when_available="Sundays",
        needs=["autism", "sensory"],
        phone="01632 960999",
    )
    response = provider.post(reverse("directory:propose_change", args=[mine.pk]), data)
    assert response.status_code == 302
    change = ProposedChange.objects.get()
    assert set(change.changes) == {"name", "when_available", "needs", "phone"}
    assert change.changes["name"] == {"old": "Saturday Club", "new": "Saturday Sensory Club"}
    # Nothing has reached the public page or the search.
    public = client.get(reverse("directory:service_detail", args=[mine.pk])).content.decode()
    assert "Saturday Sensory Club" not in public and "Sundays" not in public
    assert [s.name for s in queries.listed_services()] == ["Saturday Club"]

    editor = login("manager")
    detail = editor.page(reverse("directory:change_detail", args=[change.pk]))
    table = detail.select_one("#difference").get_text(" ", strip=True)
    assert "Saturday Club" in table and "Saturday Sensory Club" in table and "Sensory differences" in table
    response = editor.post(reverse("directory:change_detail", args=[change.pk]), {"decision": "approve"})
    assert response.status_code == 302

    mine.refresh_from_db()
    assert (mine.name, mine.when_available, mine.version) == ("Saturday Sensory Club", "Sundays", 2)
    assert mine.last_checked == dates.today()
    assert proposals.current_values(mine)["needs"] == ["autism", "sensory"]
    assert proposals.current_values(mine)["phone"] == "01632 960999"
    assert (
        "Saturday Sensory Club"
        in client.get(reverse("directory:service_detail", args=[mine.pk])).content.decode()
    )
    change.refresh_from_db()
    assert (change.status, change.decided_by.username) == ("approved", "manager")
    assert mine.history.first().history_change_reason.startswith("Approved change proposed by")
    assert change.history.count() == 2  # proposed, then decided


def test_a_rejected_change_never_goes_live_and_needs_a_reason(login, mine):
    login("service_owner").post(
        reverse("directory:propose_change", args=[mine.pk]), edit(mine, name="Wrong name")
    )
    change = ProposedChange.objects.get()
    editor = login("manager")
    url = reverse("directory:change_detail", args=[change.pk])
    editor.page(url)
    response = editor.post(url, {"decision": "reject"})
    assert response.status_code == 200
    assert "Say why you are rejecting" in response.content.decode()
    assert editor.post(url, {"decision": "reject", "note": "Not the service's name"}).status_code == 302
    change.refresh_from_db()
    mine.refresh_from_db()
    assert change.status == "rejected" and mine.name == "Saturday Club" and mine.version == 1
    seen = login("service_owner").page(reverse("directory:dashboard")).select_one("#my-changes").get_text()
    assert "Rejected: Not the service's name" in seen
    # Deciding twice does nothing more.
    with pytest.raises(proposals.ChangeAlreadyDecided):
        proposals.approve(change, change.decided_by)
    mine.refresh_from_db()
    assert mine.name == "Saturday Club"


def test_a_change_to_a_service_that_has_moved_on_cannot_be_approved(area, mine):
    first = proposals.propose(mine, area.users["service_owner"], {"name": "First"})
    second = proposals.propose(mine, area.users["service_owner"], {"name": "Second"})
    proposals.approve(first, area.users["manager"])
    with pytest.raises(Exception, match="changed since this was proposed"):
        proposals.approve(
            Service.objects.get(pk=mine.pk).proposed_changes.get(pk=second.pk), area.users["manager"]
        )
    assert Service.objects.get(pk=mine.pk).name == "First"
    assert ProposedChange.objects.get(pk=second.pk).status == "pending"


def test_proposing_nothing_new_is_refused(login, mine):
    response = login("service_owner").post(reverse("directory:propose_change", args=[mine.pk]), edit(mine))
    assert response.status_code == 200
    assert "You have not changed anything" in response.content.decode()
    assert not ProposedChange.objects.exists()


def test_submitting_the_same_proposal_twice_records_it_once(login, mine):
    provider = login("service_owner")
    data = edit(mine, name="Saturday Sensory Club")
    provider.post(reverse("directory:propose_change", args=[mine.pk]), data)
    provider.post(reverse("directory:propose_change", args=[mine.pk]), data)
    assert ProposedChange.objects.count() == 1


def test_confirm_still_correct_sets_the_checked_and_next_review_dates(login, mine):
    mine.review_due = dates.today() - timedelta(days=3)
    mine.save()
    response = login("service_owner").post(reverse("directory:confirm_service", args=[mine.pk]))
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.last_checked == dates.today()
    assert mine.review_due == next_review_due(dates.today())
    assert mine.version == 1  # not an edit: a pending proposal stays valid


def test_the_public_page_warns_when_the_review_is_overdue(client, mine):
    url = reverse("directory:service_detail", args=[mine.pk])
    assert b"may be out of date" not in client.get(url).content
    mine.review_due = dates.today() - timedelta(days=1)
    mine.save()
    page = client.get(url).content.decode()
    assert "This information may be out of date" in page
    assert f"Last checked on {mine.last_checked:%-d %B %Y}" in page


def test_freshness_is_the_share_of_open_services_not_overdue(login):
    today = dates.today()
    for n in range(19):
        make_service(name=f"Fresh {n}", review_due=today + timedelta(days=10))
    make_service(name="Stale", review_due=today - timedelta(days=1))
    make_service(name="Closed and stale", review_due=today - timedelta(days=1), status="defunct")
    figure = queries.freshness(today)
    assert (figure.services, figure.in_time, figure.percent, figure.meets_target) == (20, 19, 95, True)
    make_service(name="Also stale", review_due=today - timedelta(days=1))
    figure = queries.freshness(today)
    assert (figure.percent, figure.meets_target) == (90, False)
    page = login("manager").page(reverse("directory:freshness"))
    assert "90%" in page.select_one("#freshness").get_text()
    assert [a.get_text() for a in page.select("#overdue a")] == ["Also stale", "Stale"]


def test_review_states():
    today = dates.today()
    assert review_state(today - timedelta(days=1), today) == "overdue"
    assert review_state(today + timedelta(days=28), today) == "due_soon"
    assert review_state(today + timedelta(days=29), today) == "on_track"


def test_reminders_go_once_per_review_date_and_again_after_the_next_one(mine, theirs, settings):
    settings.SITE_URL = "https://send.example.gov.uk"
    today = dates.today()
    Service.objects.filter(pk=mine.pk).update(review_due=today + timedelta(days=10))
    Service.objects.filter(pk=theirs.pk).update(review_due=today + timedelta(days=100))
    call_command("directory_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [mine.owner.email]
    assert "Saturday Club" in mail.outbox[0].body
    assert "https://send.example.gov.uk/local-offer/manage/" in mail.outbox[0].body
    assert reminders.send_reminders(today) == 0  # a second run sends nothing
    assert len(mail.outbox) == 1
    proposals.confirm_still_correct(Service.objects.get(pk=mine.pk), mine.owner)
    Service.objects.filter(pk=mine.pk).update(review_due=today + timedelta(days=5))
    assert reminders.send_reminders(today) == 1


def test_a_reminder_that_cannot_be_sent_is_tried_again(mine, monkeypatch):
    Service.objects.filter(pk=mine.pk).update(review_due=dates.today())

    def broken(*args, **kwargs):
        raise OSError("mail server down")

    monkeypatch.setattr(reminders, "send_mail", broken)
    with pytest.raises(OSError):
        reminders.send_reminders(dates.today())
    assert Service.objects.get(pk=mine.pk).reminder_sent_for is None
    monkeypatch.undo()
    assert reminders.send_reminders(dates.today()) == 1


def test_editors_manage_you_said_we_did(login, client):
    editor = login("manager")
    editor.post(
        reverse("directory:you_said_we_did_manage"),
        {
            TOKEN_FIELD: new_token(),
            "you_said": "Too many long words",
            "we_did": "We used plain English",
            "published": "on",
        },
    )
    public = client.get(reverse("directory:you_said_we_did")).content.decode()
    assert "Too many long words" in public and "We used plain English" in public
