"""What the waiting app tells people: the key worker's care (education) and treatment review
reminder. Worded like reviews/notices.py (never naming the child) and sent through the same
channels and Notification log (notifications.delivery)."""

from dataclasses import dataclass

from django.conf import settings

from notifications import client, delivery
from notifications.messages import RenderedMessage
from notifications.models import Notification
from notifications.services import recipient_for


@dataclass(frozen=True)
class Notice:
    subject: str
    paragraphs: tuple[str, ...]
    link_text: str


NOTICES = {
    "dsr_review_due": Notice(
        "Reminder: care (education) and treatment review due by {due_on}",
        (
            "A care (education) and treatment review for someone on the dynamic support register you are "
            "key worker for is due by {due_on} (entry {reference}).",
            "Please arrange it, or record the review on the register if it has happened.",
        ),
        "See the register entry",
    ),
    "dsr_review_overdue": Notice(
        "Care (education) and treatment review overdue: it was due on {due_on}",
        (
            "A care (education) and treatment review for someone on the dynamic support register you are "
            "key worker for was due on {due_on} and has not been recorded (entry {reference}).",
        ),
        "See the register entry",
    ),
    "dsr_no_key_worker": Notice(
        "Support register entries without a key worker: {count} ({red} rated red)",
        (
            "These entries on the dynamic support register have no key worker, red-rated first: {entries}.",
            "Please name a key worker for each, so that their reviews are arranged and reminded.",
        ),
        "See the entries with no key worker",
    ),
}


def render(kind: str, context: dict) -> RenderedMessage:
    notice = NOTICES[kind]
    paragraphs = [p.format(**context) for p in notice.paragraphs]
    if context.get("recipient_name"):
        paragraphs.insert(0, f"Dear {context['recipient_name']},")
    paragraphs.append(
        f"If you have any questions, contact the {settings.AREA_NAME} dynamic support register team."
    )
    return RenderedMessage(notice.subject.format(**context), tuple(paragraphs), notice.link_text)


def tell(person, kind: str, context: dict, link: str) -> Notification:
    recipient = recipient_for(person, client.get_notifier().channels)
    message = render(kind, {"recipient_name": recipient.name, **context})
    status, error = delivery.deliver(recipient, kind, message, link)
    return delivery.log(person, recipient.channel, kind, message, link, status, error)
