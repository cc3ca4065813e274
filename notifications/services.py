"""Telling a person something: choose the channel they asked for, send, and log it."""

import logging

from django.db import transaction
from django.utils import timezone

from audit.models import Action
from audit.services import record
from notifications import client, messages
from notifications.client import NotificationFailed, Recipient
from notifications.models import Channel, Notification, Status
from people.models import ParentCarer

logger = logging.getLogger(__name__)


def recipient_for(person, channels) -> Recipient:
    """How to reach `person`. Staff and young people with accounts get email. A family gets what
    they asked for where we can carry it: a text message if they chose one and Notify is set up,
    otherwise email; those who asked for letters, or have no email address, get a letter."""
    if not isinstance(person, ParentCarer):
        return Recipient(str(person), Channel.EMAIL, email=person.email)
    name = f"{person.first_name} {person.last_name}"
    preference = person.contact_preference
    if preference == "sms" and Channel.SMS in channels and person.phone:
        return Recipient(name, Channel.SMS, phone=person.phone)
    if preference != "letter" and person.email:
        return Recipient(name, Channel.EMAIL, email=person.email)
    return Recipient(name, Channel.LETTER)


def tell(person, message_type, context, link, *, case=None, case_event=None, document=None):
    """Send one message to `person` (a User or a ParentCarer) and log it. A failure is logged,
    not raised: the change that caused the message has already been saved."""
    notifier = client.get_notifier()
    recipient = recipient_for(person, notifier.channels)
    context = {"recipient_name": recipient.name, **context}
    message = messages.render(message_type, context)
    status, error = _deliver(notifier, recipient, message_type, context, link)
    return Notification.objects.create(
        user=None if isinstance(person, ParentCarer) else person,
        parent_carer=person if isinstance(person, ParentCarer) else None,
        case=case,
        case_event=case_event,
        document=document,
        channel=recipient.channel,
        message_type=message_type,
        subject=message.subject[:200],
        body=message.text(client.absolute_url(link)),
        link=link[:300],
        status=status,
        error=error,
    )


def _deliver(notifier, recipient, message_type, context, link):
    if recipient.channel == Channel.LETTER:
        return Status.QUEUED_FOR_PRINT, ""
    try:
        notifier.send(recipient, message_type, context, link)
    except NotificationFailed as failure:
        logger.warning("Message %s by %s not sent: %s", message_type, recipient.channel, failure)
        return Status.FAILED, str(failure)[:300]
    return Status.SENT, ""


def print_queue():
    return Notification.objects.filter(status=Status.QUEUED_FOR_PRINT).select_related(
        "parent_carer", "user", "case", "document"
    )


@transaction.atomic
def mark_posted(request, notification) -> bool:
    """Record that a queued letter was printed and posted (audited against the child); False if
    it was no longer in the queue (a second click)."""
    posted = Notification.objects.filter(pk=notification.pk, status=Status.QUEUED_FOR_PRINT).update(
        status=Status.POSTED, posted_at=timezone.now()
    )
    if posted:
        case = notification.case
        child = case.child if case else None
        summary = f"Posted a letter: {notification.subject}"
        record(request, Action.UPDATE, child=child, obj=case, summary=summary)
    return bool(posted)


@transaction.atomic
def save_letter_template(request, template, expected_version) -> None:
    """A manager's new wording for a letter (set on `template` by the checked form): refused
    (StaleEditError) if someone saved other wording since the page was opened; audited."""
    template.save_edit(expected_version, request.user)
    record(request, Action.UPDATE, obj=template, summary=f"Changed the letter wording: {template}")
