"""Read-only queries for the message pages: the inbox and one child's conversation."""

from django.db.models import Count, Exists, OuterRef, Q

from casework.models import OPEN_STAGES, AssessmentCase
from messaging.models import Conversation
from people.search import fold

# Filter value -> label, for the inbox's "Reply" filter.
STATUSES = {
    "late": "Reply late",
    "due": "Reply due",
    "waiting": "Waiting for a reply",
    "answered": "Answered",
}


def status_of(reply_due_on, today) -> str:
    if reply_due_on is None:
        return "answered"
    return "late" if reply_due_on < today else "due"


def inbox(user, today):
    """Every conversation with at least one message, the user's own children's first, then by the
    reply due soonest (late ones at the top), then the newest."""
    mine = AssessmentCase.objects.filter(child=OuterRef("child"), stage__in=OPEN_STAGES, caseworker=user)
    return (
        Conversation.objects.filter(last_message_at__isnull=False)
        .select_related("child__setting")
        .annotate(
            is_mine=Exists(mine),
            unread=Count("messages", filter=Q(messages__from_family=True, messages__read_at__isnull=True)),
        )
        .order_by("-is_mine", "reply_due_on", "-last_message_at")
    )


def with_status(conversations, status: str, today):
    """The conversations whose reply is in one of STATUSES."""
    if status == "late":
        return conversations.filter(reply_due_on__lt=today)
    if status == "due":
        return conversations.filter(reply_due_on__gte=today)
    if status == "waiting":
        return conversations.filter(reply_due_on__isnull=False)
    return conversations.filter(reply_due_on__isnull=True)


def search(conversations, terms: str):
    for word in fold(terms).split():
        conversations = conversations.filter(child__search_name__contains=word)
    return conversations


def counts(today) -> dict:
    waiting = Conversation.objects.filter(reply_due_on__isnull=False)
    return {
        "late": waiting.filter(reply_due_on__lt=today).count(),
        "due": waiting.filter(reply_due_on__gte=today).count(),
    }
