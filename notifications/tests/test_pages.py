import pytest
from django.urls import reverse

from audit.models import AuditEvent
from notifications.models import Channel, LetterTemplate, MessageType, Notification, Status
from people.tests.factories import ParentCarerFactory

pytestmark = pytest.mark.django_db

KIND = "decided_not_to_assess"


def edit(client, template, **changes):
    form = {"title": template.title, "body": template.body, "version": template.version} | changes
    return client.post(reverse("casework:letter_template_edit", args=[KIND]), form)


def test_a_manager_changes_a_letters_wording(area, login):
    manager = login("manager")
    soup = manager.page(reverse("casework:letter_template_list"))
    soup.find("a", string="Decided not to assess")
    template = LetterTemplate.objects.get(kind=KIND)
    soup = manager.page(reverse("casework:letter_template_edit", args=[KIND]))
    assert "{child_first_name}" in soup.get_text()
    response = edit(manager, template, body=template.body + "\n\nCall us on 01234 567890.")
    assert response.status_code == 302
    template.refresh_from_db()
    assert template.body.endswith("Call us on 01234 567890.") and template.version == 2
    assert template.history.first().body == template.body  # each version of the wording is kept
    assert AuditEvent.objects.filter(summary=f"Changed the letter wording: {template}").count() == 1


def test_wording_with_a_placeholder_the_letter_cannot_fill_is_refused(area, login):
    template = LetterTemplate.objects.get(kind=KIND)
    response = edit(login("manager"), template, body="Dear {parent}, about {child_first_name}.")
    assert "The wording uses {parent}, which the letter cannot fill in" in response.content.decode()
    broken = edit(login("manager"), template, title="Decision about {child_first_name")
    assert "Check the curly brackets in the heading" in broken.content.decode()
    template.refresh_from_db()
    assert template.version == 1


def test_a_stale_edit_is_refused(area, login):
    template = LetterTemplate.objects.get(kind=KIND)
    manager = login("manager")
    assert edit(manager, template, title="First change").status_code == 302
    response = edit(manager, template, title="Second change")
    assert "Someone else saved a change" in response.content.decode()
    template.refresh_from_db()
    assert template.title == "First change"


def test_only_managers_change_letters(area, login):
    template = LetterTemplate.objects.get(kind=KIND)
    for persona in ("caseworker", "panel", "parent", "administrator"):
        assert edit(login(persona), template, title="Changed").status_code == 403
    template.refresh_from_db()
    assert template.title != "Changed"


def queued(parent, subject="An update on your EHC needs assessment request"):
    return Notification.objects.create(
        parent_carer=parent,
        channel=Channel.LETTER,
        message_type=MessageType.REQUEST_RECEIVED,
        subject=subject,
        body="We have received the request.",
        link="/cases/",
        status=Status.QUEUED_FOR_PRINT,
    )


def test_the_print_queue_lists_letters_to_post_until_they_are_posted(area, login):
    parent = ParentCarerFactory(first_name="Ann", last_name="Lee", address="1 Mill Lane", postcode="BF1 1AA")
    letter = queued(parent)
    queued(ParentCarerFactory(first_name="Bob", last_name="Marsh", address=""))
    manager = login("manager")
    soup = manager.page(reverse("casework:print_queue"))
    text = soup.select_one("table").get_text(" ", strip=True)
    assert "Ann Lee" in text and "1 Mill Lane" in text and "No address" in text
    response = manager.post(reverse("casework:print_queue_posted", args=[letter.pk]))
    assert response.status_code == 302
    letter.refresh_from_db()
    assert letter.status == Status.POSTED and letter.posted_at is not None
    manager.post(reverse("casework:print_queue_posted", args=[letter.pk]))  # a second click: not queued now
    assert AuditEvent.objects.filter(summary=f"Posted a letter: {letter.subject}").count() == 1
    assert "Ann Lee" not in manager.page(reverse("casework:print_queue")).get_text()


def test_only_managers_mark_letters_posted(area, login):
    letter = queued(ParentCarerFactory())
    assert (
        login("caseworker").post(reverse("casework:print_queue_posted", args=[letter.pk])).status_code == 403
    )
    letter.refresh_from_db()
    assert letter.status == Status.QUEUED_FOR_PRINT
