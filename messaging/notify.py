"""Telling the other side that a message has arrived.

The email never names the child (emails are read on shared screens and lock screens): it says a
message is waiting and links, by path, to the conversation behind sign-in. Families are told by
the channel they chose through notifications.services (email, text message, or a letter in the
print queue), and the Notification log keeps each one.
"""

import logging
import smtplib

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from notifications.client import absolute_url
from notifications.messages import RenderedMessage
from notifications.models import MessageType, Status
from notifications.services import tell
from people.models import ParentCarer

logger = logging.getLogger(__name__)


def thread_path(child) -> str:
    return reverse("messaging:child_thread", args=[child.public_id])


def tell_area(child, message) -> int:
    """Email the child's caseworker that a family has written; returns the number of emails sent."""
    from messaging.services import area_contact

    worker = area_contact(child)
    if worker is None or not worker.email:
        return 0  # no caseworker: the message waits in the SEND team's inbox
    text = RenderedMessage(
        "A family has sent a message",
        (
            f"Dear {worker},",
            "A family has sent a message about a child you work with.",
            f"Our service level is to reply by {message.reply_by:%-d %B %Y}.",
        ),
        "Read and reply to the message",
    )
    return _email(worker.email, text, thread_path(child))


def family_recipients(child) -> list:
    """Who reads the conversation: the young person with their own account, and each parent or
    carer with a verified link and a portal account."""
    people = []
    if child.own_account_id and child.own_account.is_active:
        people.append(child.own_account)
    people += list(
        ParentCarer.objects.filter(
            relationships__child=child, relationships__verified=True, user__is_active=True
        ).distinct()
    )
    return people


def tell_family(child, message) -> int:
    """Tell each family member a reply is waiting, by the channel they chose (email, text message,
    or a letter in the print queue); returns how many were sent or queued."""
    told = 0
    for person in family_recipients(child):
        context = {"area_name": settings.AREA_NAME}
        notice = tell(person, MessageType.MESSAGE_REPLY, context, thread_path(child))
        told += notice.status in (Status.SENT, Status.QUEUED_FOR_PRINT)
    return told


def _email(address, text: RenderedMessage, path: str) -> int:
    page = {"message": text, "url": absolute_url(path), "area_name": settings.AREA_NAME}
    email = EmailMultiAlternatives(
        subject=text.subject,
        body=render_to_string("notifications/email.txt", page),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[address],
    )
    email.attach_alternative(render_to_string("notifications/email.html", page), "text/html")
    try:
        email.send()
    except (smtplib.SMTPException, OSError) as error:
        # The message is saved; a failed email must not undo it. No address or name in the log.
        logger.warning("Message notification not sent: %s", type(error).__name__)
        return 0
    return 1
