"""What reviews tell people, and sending it the way each person asked (notifications.services).

The notifications catalogue covers assessment messages; the review messages are kept here, in the
same shape (subject, paragraphs, link text), never naming the child: they give the review reference
and link to the page behind sign-in. They go through the same channels (email, GOV.UK Notify text
or email, or the print queue for letters) and the same Notification log.
"""

from dataclasses import dataclass
from string import Formatter

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


APPEAL = (
    "The decision letter explains why, and what you can do if you disagree: you can ask for "
    "mediation and appeal to the SEND Tribunal. The last day to appeal is {appeal_deadline}, or 1 "
    "month from the date on a mediation certificate if that is later."
)
VIEWS_BY = (
    "Please send any views or advice for the meeting by {paperwork_due}, so that everyone can read "
    "them before the meeting."
)
PAPERWORK_BY = "Please send the paperwork by {paperwork_due}."
# Said when the meeting is too soon for the area's usual notice (clock.reviews).
SHORT_NOTICE = (
    "The meeting is less than {notice_days} days away, so there is less time than usual: we would "
    "normally ask for this {notice_days} days before the meeting. {paperwork_due} is the latest date "
    "that still leaves everyone time to read it before the meeting."
)
NOTICES = {
    "review_invitation": Notice(
        "Invitation to an annual review meeting",
        (
            "You are invited to the annual review meeting of an education, health and care (EHC) plan "
            "(review reference {reference}).",
            "The meeting is on {meeting} at {place}.",
            VIEWS_BY,
            "{short_notice}",
        ),
        "See the review and add your views",
    ),
    "review_paperwork": Notice(
        "Annual review paperwork requested",
        (
            "Please send the school's paperwork for annual review {reference}: the pupil's views, their "
            "progress against each outcome in the plan, and any changes you propose.",
            "The meeting is on {meeting} at {place}. " + PAPERWORK_BY,
            "{short_notice}",
        ),
        "Send the review paperwork",
    ),
    # A re-arranged meeting: one message naming both dates, so nobody goes to the cancelled one.
    "review_meeting_moved": Notice(
        "Annual review meeting moved to {meeting}",
        (
            "The annual review meeting on {earlier_meeting} (review reference {reference}) is cancelled.",
            "It has been moved to {meeting} at {place}. You are invited to the new meeting.",
            VIEWS_BY,
            "{short_notice}",
        ),
        "See the review and add your views",
    ),
    "review_paperwork_moved": Notice(
        "Annual review meeting moved to {meeting}",
        (
            "The annual review meeting on {earlier_meeting} (review reference {reference}) is cancelled.",
            "It has been moved to {meeting} at {place}. " + PAPERWORK_BY,
            "{short_notice}",
        ),
        "Send the review paperwork",
    ),
    "review_meeting_cancelled": Notice(
        "Annual review meeting cancelled",
        (
            "The annual review meeting on {earlier_meeting} (review reference {reference}) is cancelled.",
            "The meeting has been moved to {meeting}, and you are not on the list of people invited to it.",
        ),
        "See the review",
    ),
    "review_paperwork_due": Notice(
        "Reminder: annual review paperwork due by {paperwork_due}",
        ("The school's paperwork for annual review {reference} is due by {paperwork_due}.",),
        "Send the review paperwork",
    ),
    "review_step_due_soon": Notice(
        "Reminder: annual review step due by {due_on}",
        ("Annual review {reference}: \u201c{step}\u201d is due by {due_on}.",),
        "See the review",
    ),
    "review_step_overdue": Notice(
        "Annual review step overdue: it was due on {due_on}",
        ("Annual review {reference}: \u201c{step}\u201d was due on {due_on} and has not been recorded.",),
        "See the review",
    ),
    "review_decided_maintain": Notice(
        "The outcome of your annual review",
        (
            "After the annual review meeting (reference {reference}) we have decided to keep the EHC plan "
            "as it is.",
            "If you disagree, you can ask for mediation and appeal to the SEND Tribunal.",
        ),
        "See the review",
    ),
    "review_decided_amend": Notice(
        "The outcome of your annual review",
        (
            "After the annual review meeting (reference {reference}) we have decided to amend the EHC plan.",
            "We will send you the proposed changes. You will have at least 15 days to comment on them and "
            "to tell us which school or setting you would like named in the plan.",
        ),
        "See the review",
    ),
    "review_decided_cease": Notice(
        "The outcome of your annual review",
        (
            "After the annual review meeting (reference {reference}) we have decided to stop maintaining "
            "the EHC plan. The plan stays in place until the time to appeal has passed, or an appeal is "
            "decided.",
            APPEAL,
        ),
        "Read the decision letter",
    ),
}


# Everything a notice may use; meetings, decisions and reminders fill these in.
CONTEXT_KEYS = frozenset(
    [
        "recipient_name",
        "reference",
        "area_name",
        "contact",
        "meeting",
        "place",
        "paperwork_due",
        "short_notice",
        "earlier_meeting",
        "step",
        "due_on",
        "appeal_deadline",
    ]
)


def _validate():
    for kind, notice in NOTICES.items():
        names = {
            name
            for text in (notice.subject, *notice.paragraphs)
            for _, name, _, _ in Formatter().parse(text)
            if name
        }
        if names - CONTEXT_KEYS:
            raise RuntimeError(
                f"Review notice {kind} uses unknown placeholders {sorted(names - CONTEXT_KEYS)}"
            )


_validate()


def render(kind: str, context: dict) -> RenderedMessage:
    notice = NOTICES[kind]
    values = {"recipient_name": "", "contact": "", **context}
    # A paragraph that is only an optional placeholder left empty is dropped.
    paragraphs = [text for text in (p.format(**values) for p in notice.paragraphs) if text]
    if values["recipient_name"]:
        paragraphs.insert(0, f"Dear {values['recipient_name']},")
    if values["contact"]:
        paragraphs.append(f"If you have any questions, contact {values['contact']}.")
    return RenderedMessage(notice.subject.format(**values), tuple(paragraphs), notice.link_text)


def paperwork_context(deadline) -> dict:
    """The paperwork date for a notice, and the plain words when it is shorter than usual."""
    due = f"{deadline.due_on:%-d %B %Y}"
    short = ""
    if deadline.short_notice:
        short = SHORT_NOTICE.format(notice_days=deadline.notice_days, paperwork_due=due)
    return {"paperwork_due": due, "short_notice": short}


def review_context(review) -> dict:
    area = settings.AREA_NAME
    worker = review.caseworker
    contact = f"{worker}, the caseworker, in the {area} SEND team" if worker else f"the {area} SEND team"
    return {"reference": review.reference, "area_name": area, "contact": contact}


def tell(person, kind: str, context: dict, link: str) -> Notification:
    """Send one notice to `person` (a User or a ParentCarer) and log it; a failure is logged, not
    raised, because the change that caused it has already been saved."""
    recipient = recipient_for(person, client.get_notifier().channels)
    message = render(kind, {"recipient_name": recipient.name, **context})
    status, error = delivery.deliver(recipient, kind, message, link)
    return delivery.log(person, recipient.channel, kind, message, link, status, error)

