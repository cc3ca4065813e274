"""What each message says: a declarative catalogue, checked when the module loads.

Messages never name a child, in the subject or the body: email and text messages are read on
shared screens and lock screens, so they say what happened, give the case reference and link to
the page (behind sign-in) where the details are.
"""

from dataclasses import dataclass
from string import Formatter

from notifications.models import MessageType

M = MessageType

# Everything a message may use; events.py and reminders.py fill these in.
CONTEXT_KEYS = frozenset(
    {
        "recipient_name",
        "reference",
        "area_name",
        "contact",
        "adviser",
        "due_on",
        "respond_by",
        "copy_of",
        "cancelled_reason",
    }
)
FAMILY_SUBJECT = "An update on your EHC needs assessment request"
APPEAL_NOTE = (
    "The decision letter explains why, and what you can do if you disagree: you can ask for "
    "mediation and appeal to the SEND Tribunal. There are time limits for appealing, so please "
    "read the letter soon."
)


@dataclass(frozen=True)
class MessageTemplate:
    subject: str
    paragraphs: tuple[str, ...]
    link_text: str


CATALOGUE = {
    M.REQUEST_RECEIVED: MessageTemplate(
        FAMILY_SUBJECT,
        (
            "We have received the request for an education, health and care (EHC) needs assessment. "
            "Its reference is {reference}.",
            "We will decide whether to carry out an assessment within 6 weeks of receiving the request, "
            "and we will tell you what we decide.",
        ),
        "See the request and what happens next",
    ),
    M.DECIDED_TO_ASSESS: MessageTemplate(
        FAMILY_SUBJECT,
        (
            "We have decided to carry out an education, health and care (EHC) needs assessment "
            "(reference {reference}).",
            "We will now ask education, health and social care professionals for their advice.",
        ),
        "Read the decision letter and what happens next",
    ),
    M.DECIDED_NOT_TO_ASSESS: MessageTemplate(
        FAMILY_SUBJECT,
        (
            "We have decided not to carry out an education, health and care (EHC) needs assessment "
            "at this time (reference {reference}).",
            APPEAL_NOTE,
        ),
        "Read the decision letter",
    ),
    M.ADVICE_REQUESTED: MessageTemplate(
        "Advice requested for an EHC needs assessment",
        (
            "You have been asked for {adviser} advice for an education, health and care (EHC) needs "
            "assessment (reference {reference}).",
            "Please send your advice by {due_on}. The law gives 6 weeks from the request "
            "(SEND Regulations 2014, regulation 8).",
        ),
        "See the advice request",
    ),
    M.ADVICE_CANCELLED: MessageTemplate(
        "Advice no longer needed for EHC needs assessment {reference}",
        (
            "The {adviser} advice you were asked for (EHC needs assessment {reference}) is no "
            "longer needed: {cancelled_reason}.",
            "Please do not send it. If you have already done work for it, tell the caseworker.",
        ),
        "See the advice request",
    ),
    M.ADVICE_DUE_SOON: MessageTemplate(
        "Reminder: advice due by {due_on}",
        (
            "The {adviser} advice for EHC needs assessment {reference} is due by {due_on}.",
            "If it cannot be sent in time, tell the caseworker as soon as possible.",
        ),
        "See the advice request",
    ),
    M.ADVICE_OVERDUE: MessageTemplate(
        "Advice overdue: it was due on {due_on}",
        (
            "The {adviser} advice for EHC needs assessment {reference} was due on {due_on} and we "
            "have not received it.",
            "Please send it as soon as you can: late advice delays the family's decision.",
        ),
        "See the advice request",
    ),
    M.DECIDED_TO_ISSUE: MessageTemplate(
        FAMILY_SUBJECT,
        (
            "We have decided to issue an education, health and care (EHC) plan (reference {reference}).",
            "We will write a draft plan and send it to you. You will have at least 15 days to comment "
            "on it and to tell us which school or setting you would like.",
        ),
        "Read the decision letter and what happens next",
    ),
    M.DECIDED_NOT_TO_ISSUE: MessageTemplate(
        FAMILY_SUBJECT,
        (
            "We have decided not to issue an education, health and care (EHC) plan (reference {reference}).",
            APPEAL_NOTE,
        ),
        "Read the decision letter",
    ),
    M.DRAFT_SERVED: MessageTemplate(
        "Your draft EHC plan is ready",
        (
            "We have sent you the draft education, health and care (EHC) plan (reference {reference}).",
            "You have 15 days to comment on it, ask for a meeting, or tell us which school or setting "
            "you would like named in the plan. The last day to do this is {respond_by}.",
        ),
        "Read the draft plan",
    ),
    M.FINAL_ISSUED: MessageTemplate(
        "Your final EHC plan has been issued",
        (
            "We have issued the final education, health and care (EHC) plan (reference {reference}).",
            "If you disagree with what the plan says, you can ask for mediation and appeal to the SEND "
            "Tribunal. The letter with the plan explains how, and the time limits.",
        ),
        "Read the final plan",
    ),
    M.MESSAGE_REPLY: MessageTemplate(
        "The {area_name} SEND team has replied to your message",
        (
            "We have replied to your message. You can read the reply when you sign in.",
            "If you cannot sign in, call the {area_name} SEND team and we will read it to you.",
        ),
        "Read the reply",
    ),
}


@dataclass(frozen=True)
class RenderedMessage:
    subject: str
    paragraphs: tuple[str, ...]
    link_text: str

    def text(self, url: str) -> str:
        return "\n\n".join([*self.paragraphs, f"{self.link_text}: {url}"])


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(text) if name}


def _validate():
    missing = set(MessageType) - set(CATALOGUE)
    if missing:
        raise RuntimeError(f"Message types without wording: {sorted(missing)}")
    for kind, template in CATALOGUE.items():
        unknown = set().union(*map(_placeholders, (template.subject, *template.paragraphs))) - CONTEXT_KEYS
        if unknown:
            raise RuntimeError(f"{kind} uses unknown placeholders {sorted(unknown)}")


_validate()


def render(message_type: MessageType, context: dict) -> RenderedMessage:
    """The message's subject and paragraphs, with a greeting, a copy note and who to contact."""
    template = CATALOGUE[MessageType(message_type)]
    values = {key: context.get(key, "") for key in CONTEXT_KEYS}
    subject = template.subject.format(**values)
    paragraphs = [p.format(**values) for p in template.paragraphs]
    if values["copy_of"]:
        subject = f"Copy: {subject}"
        paragraphs.insert(0, f"This is a copy of a message we sent to {values['copy_of']}.")
    if values["recipient_name"]:
        paragraphs.insert(0, f"Dear {values['recipient_name']},")
    if values["contact"]:
        paragraphs.append(f"If you have any questions, contact {values['contact']}.")
    return RenderedMessage(subject, tuple(paragraphs), template.link_text)
