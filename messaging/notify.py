"""Telling the other side that a message has arrived.

The email never names the child (emails are read on shared screens and lock screens): it says a
message is waiting and links, by path, to the conversation behind sign-in. Families are told by
the channel they chose through notifications.services (email, text message, or a letter in the
print queue), and the Notification log keeps each one.
"""

from django.conf import settings
from django.urls import reverse

from casework.models import OPEN_STAGES, AssessmentCase
from notifications import delivery
from notifications.client import Recipient
from notifications.messages import RenderedMessage
from notifications.models import Channel, MessageType, Status
from notifications.services import tell
from people.models import ParentCarer

FROM_FAMILY = "message_from_family"


def area_contact(child):
    """Who answers for the area: the caseworker of the child's open case, or None (the SEND team)."""
    case = (
        AssessmentCase.objects.filter(child=child, stage__in=OPEN_STAGES, caseworker__isnull=False)
        .select_related("caseworker")
        .order_by("-received_on", "-pk")
        .first()
    )
    return case.caseworker if case else None


def thread_path(child) -> str:
    return reverse("messaging:child_thread", args=[child.public_id])


def tell_area(child, message) -> int:
    """Email the child's caseworker that a family has written; returns the number of emails sent."""
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
    recipient = Recipient(str(worker), Channel.EMAIL, email=worker.email)
    status, error = delivery.deliver(recipient, FROM_FAMILY, text, thread_path(child))
    delivery.log(worker, Channel.EMAIL, FROM_FAMILY, text, thread_path(child), status, error)
    return int(status == Status.SENT)


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
