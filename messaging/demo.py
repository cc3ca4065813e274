"""Demo conversations: six months of families writing to the SEND team, most answered in time,
some late and a few still waiting (see core/demo.py for the context)."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings

from casework.models import OPEN_STAGES, AssessmentCase
from clock.periods import add_working_days, is_working_day
from core.demo import chance, make_uuid
from messaging import service_level
from messaging.models import Conversation, Message
from people.models import Child, ChildRelationship

MONTHS_BACK = 6
FAMILY_SHARE = 0.6  # of the families with a portal account, those who have written
WAITING_SHARE = 0.1  # of those, the ones with a question waiting for the area now
QUESTIONS = (
    "Could you tell us when the assessment will be finished?",
    "We have a new report from the speech and language therapist. Where should we send it?",
    "Can we meet to talk about which school might suit our child next year?",
    "The school says the extra support has stopped. Can you help?",
    "We got the draft plan. Who do we talk to about section F?",
    "Is the transport to school going to carry on after the summer?",
    "We would like to change the email address you use for us.",
)
REPLIES = (
    "Thank you for your message. I have checked and will update you by the end of the week.",
    "Thank you. Please upload the report here or email it to the SEND team, and I will add it to the file.",
    "Yes, of course. I will call you to find a time that suits you.",
    "Thank you for telling me. I have spoken to the school's SENCo and they will contact you.",
    "I have noted this on your child's record.",
)


def _families(context):
    """(child, the family's user) for each child a parent or the young person can message."""
    links = ChildRelationship.objects.filter(verified=True, parent_carer__user__is_active=True)
    pairs = {link.child_id: link.parent_carer.user for link in links.select_related("parent_carer__user")}
    for child in Child.objects.filter(own_account__is_active=True).select_related("own_account"):
        pairs.setdefault(child.pk, child.own_account)
    return sorted(pairs.items())


def _working_day_before(day, count):
    """The working day `count` working days before `day` (or `day` itself, if it is one and count is 0)."""
    while not is_working_day(day):
        day -= timedelta(days=1)
    for _ in range(count):
        day -= timedelta(days=1)
        while not is_working_day(day):
            day -= timedelta(days=1)
    return day


def _caseworkers(context):
    cases = AssessmentCase.objects.filter(stage__in=OPEN_STAGES, caseworker__isnull=False)
    return dict(cases.order_by("received_on").values_list("child_id", "caseworker_id"))


def build(context):
    rng = context.rng
    today = context.today
    london = ZoneInfo(settings.TIME_ZONE)
    fallback = context.data["users"]["caseworker"]
    workers = {w.pk: w for w in context.data["accounts"]["caseworker"]}
    caseworker_of = _caseworkers(context)
    demo_families = {context.data["users"].get(p) for p in ("parent", "young_person")} - {None}
    conversations, messages = [], []

    def at(day, hour):
        return datetime.combine(day, time(hour, rng.randrange(60)), tzinfo=london)

    for child_id, family_user in _families(context):
        if family_user not in demo_families and not chance(rng, FAMILY_SHARE):
            continue
        worker = workers.get(caseworker_of.get(child_id), fallback)
        conversation = Conversation(public_id=make_uuid(rng), child_id=child_id)
        day = today - timedelta(days=rng.randrange(20, 31 * MONTHS_BACK))
        thread = []
        while day < today:  # nothing today: every time made here is in the past
            if not is_working_day(day):
                day += timedelta(days=1)
                continue
            sent = at(day, rng.randrange(8, 21))
            due = service_level.reply_by(day)
            question = Message(
                public_id=make_uuid(rng), conversation=conversation, from_family=True, sender=family_user,
                sender_name=family_user.get_full_name(), body=rng.choice(QUESTIONS), sent_at=sent,
                reply_by=due, read_at=sent + timedelta(hours=rng.randrange(1, 30)),
            )  # fmt: skip
            thread.append(question)
            # Most replies come within the service level; about one in eight is late.
            answer_day = add_working_days(
                day, rng.randrange(6, 10) if chance(rng, 0.12) else rng.randrange(0, 5)
            )
            if answer_day >= today:
                question.read_at = None if chance(rng, 0.5) else question.read_at
                break  # still waiting for the area
            answered = max(at(answer_day, rng.randrange(9, 17)), sent + timedelta(minutes=30))
            question.answered_at = answered
            question.read_at = min(question.read_at, answered)  # answering means it was read
            question.answered_in_time = answer_day <= due
            thread.append(
                Message(
                    public_id=make_uuid(rng), conversation=conversation, from_family=False, sender=worker,
                    sender_name=worker.get_full_name(), body=rng.choice(REPLIES), sent_at=answered,
                    read_at=answered + timedelta(hours=rng.randrange(1, 48)) if chance(rng, 0.8) else None,
                )
            )  # fmt: skip
            day = answer_day + timedelta(days=rng.randrange(7, 60))
        if not thread:
            continue
        is_demo = family_user in demo_families
        if not thread[-1].from_family and (is_demo or chance(rng, WAITING_SHARE)):
            # A question from the last week or so, not answered yet (some already past their date).
            day = _working_day_before(today, rng.randrange(1, 9))
            sent = max(at(day, rng.randrange(8, 21)), thread[-1].sent_at + timedelta(hours=1))
            thread.append(
                Message(
                    public_id=make_uuid(rng), conversation=conversation, from_family=True, sender=family_user,
                    sender_name=family_user.get_full_name(), body=rng.choice(QUESTIONS), sent_at=sent,
                    reply_by=service_level.reply_by(sent.astimezone(london).date()),
                )
            )  # fmt: skip
        conversation.last_message_at = thread[-1].sent_at
        waiting = [m for m in thread if m.from_family and m.answered_at is None]
        conversation.reply_due_on = waiting[0].reply_by if waiting else None
        conversations.append(conversation)
        messages.extend(thread)
    now = datetime.now(tz=london)
    for message in messages:
        if message.read_at and message.read_at > now:
            message.read_at = None  # not opened yet
    Conversation.objects.bulk_create(conversations, batch_size=1000)
    for message in messages:
        message.conversation_id = message.conversation.pk
    Message.objects.bulk_create(messages, batch_size=2000)
    context.data["conversations"] = conversations
    return {"conversations with families": len(conversations), "messages": len(messages)}
