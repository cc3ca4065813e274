"""Sending a message: one interface, `send(recipient, template, context, link)`, two ways to send.

`EmailNotifier` uses Django's email backend (development, and areas without GOV.UK Notify);
`NotifyNotifier` uses GOV.UK Notify for email and text messages. NOTIFICATIONS_BACKEND chooses.
Which channel a person gets is decided before this (services.recipient_for); a notifier only
says which channels it can carry.
"""

import smtplib
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from notifications_python_client.notifications import NotificationsAPIClient

from notifications import messages
from notifications.models import Channel, MessageType


class NotificationFailed(Exception):
    """The message could not be sent; the message says why, for the notification log."""


@dataclass(frozen=True)
class Recipient:
    name: str
    channel: Channel
    email: str = ""
    phone: str = ""


def absolute_url(path: str) -> str:
    """Links in messages must work outside the service, so they carry the site's address
    (SITE_URL; see checks.py, which warns when a live server has none)."""
    base = settings.SITE_URL or "http://localhost:8000"
    return base.rstrip("/") + path


class Notifier:
    channels: frozenset = frozenset()

    def send(self, recipient: Recipient, template: MessageType, context: dict, link: str) -> str:
        """Send the message; return the provider's reference ("" if none). Raise NotificationFailed."""
        raise NotImplementedError


class EmailNotifier(Notifier):
    """Plain text and HTML email through Django's email backend; the subject comes from the
    message catalogue."""

    channels = frozenset({Channel.EMAIL})

    def send(self, recipient, template, context, link):
        if recipient.channel != Channel.EMAIL or not recipient.email:
            raise NotificationFailed("No email address to send to")
        message = messages.render(template, context)
        url = absolute_url(link)
        page = {"message": message, "url": url, "area_name": context.get("area_name", "")}
        email = EmailMultiAlternatives(
            subject=message.subject,
            body=render_to_string("notifications/email.txt", page),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[recipient.email],
        )
        email.attach_alternative(render_to_string("notifications/email.html", page), "text/html")
        try:
            email.send()
        except (smtplib.SMTPException, OSError) as error:
            raise NotificationFailed(f"The email server refused the message: {error}"[:300]) from error
        return ""


class NotifyNotifier(Notifier):
    """GOV.UK Notify: each message type has a Notify template per channel, set in
    NOTIFY_TEMPLATE_IDS = {"request_received": {"email": "<template id>", "sms": "<id>"}, ...}.
    The templates receive the same personalisation: subject, body, link and the context keys."""

    channels = frozenset({Channel.EMAIL, Channel.SMS})

    def __init__(self, api_key=None, client=None):
        self.api_key = api_key if api_key is not None else settings.NOTIFY_API_KEY
        self._client = client

    @property
    def client(self):
        if self._client is None:
            if not self.api_key:
                raise NotificationFailed("NOTIFY_API_KEY is not set")
            self._client = NotificationsAPIClient(self.api_key)
        return self._client

    def template_id(self, template, channel) -> str:
        ids = getattr(settings, "NOTIFY_TEMPLATE_IDS", {}).get(str(template), {})
        if not ids.get(channel):
            raise NotificationFailed(f"No GOV.UK Notify template for {template} by {channel}")
        return ids[channel]

    def send(self, recipient, template, context, link):
        message = messages.render(template, context)
        url = absolute_url(link)
        personalisation = {key: str(value) for key, value in context.items()}
        personalisation |= {"subject": message.subject, "body": message.text(url), "link": url}
        template_id = self.template_id(template, recipient.channel)
        try:
            if recipient.channel == Channel.SMS:
                response = self.client.send_sms_notification(recipient.phone, template_id, personalisation)
            else:
                response = self.client.send_email_notification(recipient.email, template_id, personalisation)
        except Exception as error:  # the client raises HTTPError and friends: log, don't crash
            raise NotificationFailed(f"GOV.UK Notify refused the message: {error}"[:300]) from error
        return str(response.get("id", ""))


def get_notifier() -> Notifier:
    backend = settings.NOTIFICATIONS_BACKEND
    if backend == "email":
        return EmailNotifier()
    if backend == "notify":
        return NotifyNotifier()
    raise ImproperlyConfigured(f'NOTIFICATIONS_BACKEND must be "email" or "notify", not "{backend}"')
