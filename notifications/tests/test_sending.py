from unittest import mock

import pytest
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

from notifications import client, messages
from notifications.client import EmailNotifier, NotifyNotifier, Recipient
from notifications.models import Channel, MessageType, Notification, Status
from notifications.services import tell
from people.tests.factories import ParentCarerFactory

pytestmark = pytest.mark.django_db

CONTEXT = {"reference": "EHC-000042", "area_name": "Brookfield", "contact": "the Brookfield SEND team"}
LINK = "/cases/0b9f2c1e-8d6a-4b61-9b4b-4a0f0c1d2e3f/"


def test_it_emails_a_family_in_plain_text_and_html_with_a_link_back(settings):
    settings.SITE_URL = "https://send.brookfield.example"
    parent = ParentCarerFactory(first_name="Sara", last_name="Hussain", email="sara@example.org")
    note = tell(parent, MessageType.DECIDED_NOT_TO_ASSESS, CONTEXT, LINK)
    (email,) = mail.outbox
    assert email.to == ["sara@example.org"]
    assert email.subject == "An update on your EHC needs assessment request"
    assert "https://send.brookfield.example" + LINK in email.body
    html = email.alternatives[0][0]
    assert f'href="https://send.brookfield.example{LINK}"' in html
    assert "SEND Tribunal" in email.body and "EHC-000042" in html
    assert (note.status, note.channel, note.link, note.parent_carer) == (
        Status.SENT,
        Channel.EMAIL,
        LINK,
        parent,
    )


@pytest.mark.parametrize(
    "preference,email", [("letter", "someone@example.org"), ("email", ""), ("phone", ""), ("sms", "")]
)
def test_families_who_want_letters_or_have_no_email_go_to_the_print_queue(preference, email):
    parent = ParentCarerFactory(contact_preference=preference, email=email, phone="07700 900123")
    note = tell(parent, MessageType.REQUEST_RECEIVED, CONTEXT, LINK)
    assert mail.outbox == []
    assert (note.status, note.channel) == (Status.QUEUED_FOR_PRINT, Channel.LETTER)
    assert "EHC-000042" in note.body


def test_a_family_that_asked_for_text_messages_gets_one_through_notify(fake_notify):
    parent = ParentCarerFactory(contact_preference="sms", phone="07700 900123")
    note = tell(parent, MessageType.DRAFT_SERVED, CONTEXT | {"respond_by": "1 June 2026"}, LINK)
    ((recipient, template, context, link),) = fake_notify.sent
    assert (recipient.channel, recipient.phone, template, link) == (
        Channel.SMS,
        "07700 900123",
        "draft_served",
        LINK,
    )
    assert (note.channel, note.status) == (Channel.SMS, Status.SENT)


def test_without_notify_a_text_message_preference_falls_back_to_email():
    parent = ParentCarerFactory(contact_preference="sms", phone="07700 900123", email="p@example.org")
    assert tell(parent, MessageType.REQUEST_RECEIVED, CONTEXT, LINK).channel == Channel.EMAIL
    assert len(mail.outbox) == 1


def test_staff_get_email(area):
    note = tell(
        area.users["ep"], MessageType.ADVICE_REQUESTED, CONTEXT | {"adviser": "x", "due_on": "y"}, LINK
    )
    assert (note.user, note.channel, note.status) == (area.users["ep"], Channel.EMAIL, Status.SENT)
    assert mail.outbox[0].to == [area.users["ep"].email]


def test_a_message_that_cannot_be_sent_is_logged_as_failed_not_raised(area, fake_notify):
    fake_notify.fail = True
    note = tell(area.users["caseworker"], MessageType.ADVICE_OVERDUE, CONTEXT, LINK)
    assert note.status == Status.FAILED
    assert "Notify refused" in note.error


def test_staff_without_an_email_address_are_logged_as_failed(area):
    worker = area.users["caseworker"]
    worker.email = ""
    assert tell(worker, MessageType.ADVICE_DUE_SOON, CONTEXT, LINK).status == Status.FAILED


def test_notify_gets_the_template_for_the_message_type_and_channel(settings):
    settings.NOTIFY_TEMPLATE_IDS = {"final_issued": {"email": "tmpl-email", "sms": "tmpl-sms"}}
    api = mock.Mock()
    api.send_email_notification.return_value = {"id": "notify-1"}
    api.send_sms_notification.return_value = {"id": "notify-2"}
    notifier = NotifyNotifier(api_key="unused", client=api)
    assert notifier.send(
        Recipient("Sara", Channel.EMAIL, email="s@example.org"), "final_issued", CONTEXT, LINK
    )
    address, template_id, personalisation = api.send_email_notification.call_args.args
    assert (address, template_id) == ("s@example.org", "tmpl-email")
    assert personalisation["link"].endswith(LINK) and personalisation["reference"] == "EHC-000042"
    assert personalisation["subject"] == "Your final EHC plan has been issued"
    notifier.send(Recipient("Sara", Channel.SMS, phone="07700 900123"), "final_issued", CONTEXT, LINK)
    assert api.send_sms_notification.call_args.args[:2] == ("07700 900123", "tmpl-sms")


def test_notify_without_a_template_or_a_key_fails_with_a_reason(settings):
    settings.NOTIFY_TEMPLATE_IDS = {}
    recipient = Recipient("Sara", Channel.EMAIL, email="s@example.org")
    with pytest.raises(client.NotificationFailed, match="No GOV.UK Notify template"):
        NotifyNotifier(api_key="unused", client=mock.Mock()).send(recipient, "final_issued", CONTEXT, LINK)
    settings.NOTIFY_TEMPLATE_IDS = {"final_issued": {"email": "tmpl"}}
    with pytest.raises(client.NotificationFailed, match="NOTIFY_API_KEY"):
        NotifyNotifier(api_key="").send(recipient, "final_issued", CONTEXT, LINK)


def test_the_backend_setting_chooses_the_notifier(settings):
    settings.NOTIFICATIONS_BACKEND = "email"
    assert isinstance(client.get_notifier(), EmailNotifier)
    settings.NOTIFICATIONS_BACKEND = "notify"
    assert isinstance(client.get_notifier(), NotifyNotifier)
    settings.NOTIFICATIONS_BACKEND = "pigeon"
    with pytest.raises(ImproperlyConfigured):
        client.get_notifier()


@pytest.mark.parametrize("message_type", list(MessageType))
def test_every_message_has_a_subject_a_link_and_no_unfilled_placeholders(message_type):
    context = CONTEXT | {"recipient_name": "Sara Hussain", "adviser": "health", "due_on": "1 May 2026"}
    message = messages.render(message_type, context | {"respond_by": "1 May 2026"})
    text = message.text("https://example.org/x/")
    assert message.subject and message.link_text and "https://example.org/x/" in text
    assert "{" not in text and "{" not in message.subject


def test_the_deploy_check_warns_when_links_would_point_at_localhost(settings):
    from notifications.checks import site_url_is_set

    settings.SITE_URL = ""
    assert [w.id for w in site_url_is_set(None)] == ["notifications.W001"]
    settings.SITE_URL = "https://send.example.gov.uk"
    assert site_url_is_set(None) == []
    call_command("check")  # registered without breaking the ordinary checks
    assert Notification.objects.count() == 0
