"""Sending one message that is already worded (a RenderedMessage) to one recipient, and logging it.

The catalogues that word messages (reviews/notices.py, portal/linking_messages.py) share this one
way of sending: a letter goes to the print queue; otherwise GOV.UK Notify when it is configured, or
Django's email backend. A failure is logged and recorded, never raised: the change the message is
about has already been saved.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

from notifications import client
from notifications.client import NotificationFailed, NotifyNotifier
from notifications.messages import RenderedMessage
from notifications.models import Channel, Notification, Status
from people.models import ParentCarer

logger = logging.getLogger(__name__)


def deliver(recipient, kind: str, message: RenderedMessage, link: str) -> tuple[str, str]:
    """Send `message` to `recipient` by their channel: (status, error) for the log."""
    if recipient.channel == Channel.LETTER:
        return Status.QUEUED_FOR_PRINT, ""
    url = client.absolute_url(link)
    notifier = client.get_notifier()
    try:
        if isinstance(notifier, NotifyNotifier):
            _send_by_notify(notifier, recipient, kind, message, url)
        else:
            _send_email(recipient, message, url)
    except NotificationFailed as failure:
        # The kind and channel only: no address or name in the log.
        logger.warning("Message %s by %s not sent: %s", kind, recipient.channel, failure)
        return Status.FAILED, str(failure)[:300]
    return Status.SENT, ""


def log(person, channel, kind: str, message: RenderedMessage, link: str, status, error) -> Notification:
    """The Notification record of what we told whom (`person` a User, a ParentCarer or None)."""
    family = isinstance(person, ParentCarer)
    return Notification.objects.create(
        user=None if family else person,
        parent_carer=person if family else None,
        channel=channel,
        message_type=kind,
        subject=message.subject[:200],
        body=message.text(client.absolute_url(link)),
        link=link[:300],
        status=status,
        error=error,
    )


def _send_email(recipient, message, url):
    if recipient.channel != Channel.EMAIL or not recipient.email:
        raise NotificationFailed("No email address to send to")
    page = {"message": message, "url": url, "area_name": settings.AREA_NAME}
    email = EmailMultiAlternatives(
        subject=message.subject,
        body=render_to_string("notifications/email.txt", page),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[recipient.email],
    )
    email.attach_alternative(render_to_string("notifications/email.html", page), "text/html")
    try:
        email.send()
    except OSError as error:  # smtplib's errors are OSErrors
        raise NotificationFailed(f"The email server refused the message: {error}"[:300]) from error


def _send_by_notify(notifier, recipient, kind, message, url):
    # The same Notify personalisation as every other message: subject, body, link.
    template_id = notifier.template_id(kind, recipient.channel)
    personalisation = {"subject": message.subject, "body": message.text(url), "link": url}
    try:
        if recipient.channel == Channel.SMS:
            notifier.client.send_sms_notification(recipient.phone, template_id, personalisation)
        else:
            notifier.client.send_email_notification(recipient.email, template_id, personalisation)
    except Exception as error:  # the client raises HTTPError and friends: log, don't crash
        raise NotificationFailed(f"GOV.UK Notify refused the message: {error}"[:300]) from error
