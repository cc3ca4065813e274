"""The only code that changes conversations: sending, answering and reading messages.

Each change is audited against the child, and the people on the other side are told after the
change commits (messaging.notify).
"""

from django.db import transaction
from django.db.models import Case, Value, When
from django.utils import timezone

from audit.models import Action
from audit.services import record
from messaging import notify, service_level
from messaging.models import Conversation, Message, MessageAttachment


def _locked_conversation(child) -> Conversation:
    Conversation.objects.get_or_create(child=child)
    # Lock the row so two replies at once answer each waiting message once, in order.
    return Conversation.objects.select_for_update().get(child=child)


@transaction.atomic
def send_from_family(request, child, body: str, attachment=None) -> Message:
    conversation = _locked_conversation(child)
    now = timezone.now()
    due = service_level.reply_by(timezone.localdate(now))
    message = Message.objects.create(
        conversation=conversation,
        from_family=True,
        sender=request.user,
        sender_name=_name_of(request.user),
        body=body,
        sent_at=now,
        reply_by=due,
    )
    _attach(message, attachment)
    conversation.last_message_at = now
    conversation.reply_due_on = min(filter(None, [conversation.reply_due_on, due]))
    conversation.save(update_fields=["last_message_at", "reply_due_on"])
    record(request, Action.CREATE, child=child, obj=message, summary="Sent a message to the SEND team")
    transaction.on_commit(lambda: notify.tell_area(child, message), robust=True)
    return message


@transaction.atomic
def send_from_area(request, child, body: str, attachment=None) -> Message:
    """Send the area's message; it answers every family message still waiting."""
    conversation = _locked_conversation(child)
    now = timezone.now()
    today = timezone.localdate(now)
    message = Message.objects.create(
        conversation=conversation,
        from_family=False,
        sender=request.user,
        sender_name=_name_of(request.user),
        body=body,
        sent_at=now,
    )
    _attach(message, attachment)
    answered = conversation.messages.filter(from_family=True, answered_at__isnull=True).update(
        answered_at=now,
        answered_in_time=Case(When(reply_by__gte=today, then=Value(True)), default=Value(False)),
    )
    conversation.last_message_at = now
    conversation.reply_due_on = None
    conversation.save(update_fields=["last_message_at", "reply_due_on"])
    record(
        request, Action.CREATE, child=child, obj=message, summary="Replied to the family", answered=answered
    )
    transaction.on_commit(lambda: notify.tell_family(child, message), robust=True)
    return message


def mark_read(conversation, *, by_family: bool) -> int:
    """Mark the other side's unread messages read now that this side has opened the conversation."""
    return conversation.messages.filter(from_family=not by_family, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def _name_of(user) -> str:
    return (user.get_full_name() or str(user))[:200]


def _attach(message, checked) -> None:
    """Keep a file already checked by core.uploads.check_upload (a CheckedUpload) with the message."""
    if checked is not None:
        MessageAttachment.objects.create(
            message=message, title=checked.title, file=checked.upload, content_type=checked.content_type
        )
