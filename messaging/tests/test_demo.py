"""messaging.demo on the test area: conversations whose dates follow the service level, most
answered in time, some late, a few waiting; the same seed gives the same conversations."""

import random
from datetime import date
from zoneinfo import ZoneInfo

import pytest

from casework.tests.factories import case_at
from core.demo import DemoContext
from messaging import demo, service_level
from messaging.models import Conversation, Message
from people.models import ChildRelationship
from people.tests.factories import ChildFactory, ParentCarerFactory, UserFactory

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")
TODAY = date(2026, 11, 20)


@pytest.fixture
def families(area):
    """The test area's families and forty more, each parent with a portal account."""
    for n in range(40):
        child = ChildFactory()
        parent = ParentCarerFactory(user=UserFactory(username=f"family{n}", role="parent"))
        ChildRelationship.objects.create(child=child, parent_carer=parent, relationship="mother")
    case_at(area.own_child, "received", caseworker=area.users["caseworker"])
    return area


def _build(area, seed):
    context = DemoContext(
        rng=random.Random(seed), scale=1, today=TODAY, progress=lambda items, *a, **k: items
    )
    context.data = {"users": area.users, "accounts": {"caseworker": [area.users["caseworker"]]}}
    return demo.build(context)


def test_the_demo_conversations_follow_the_service_level(families):
    counts = _build(families, 7)

    questions = Message.objects.filter(from_family=True)
    assert counts["messages"] == Message.objects.count() > counts["conversations with families"] > 20
    in_time = questions.filter(answered_in_time=True).count()
    late = questions.filter(answered_in_time=False).count()
    assert in_time > 3 * late > 0
    waiting = Conversation.objects.filter(reply_due_on__isnull=False).count()
    assert 0 < waiting < counts["conversations with families"] / 2
    for question in questions:
        assert question.reply_by == service_level.reply_by(question.sent_at.astimezone(LONDON).date())
        if question.answered_at:
            assert question.answered_in_time == (
                question.answered_at.astimezone(LONDON).date() <= question.reply_by
            )
    for conversation in Conversation.objects.prefetch_related("messages"):
        messages = list(conversation.messages.all())
        waiting = [m.reply_by for m in messages if m.waiting]
        assert conversation.reply_due_on == (min(waiting) if waiting else None)
        assert conversation.last_message_at == max(m.sent_at for m in messages)
        assert max(m.sent_at for m in messages).date() <= TODAY
    # The demo parent always has a conversation to show, answered by the child's caseworker.
    theirs = Message.objects.filter(conversation__child=families.own_child, from_family=False)
    assert theirs.exists() and {m.sender for m in theirs} == {families.users["caseworker"]}


def test_the_same_seed_gives_the_same_conversations(families):
    def snapshot():
        return list(Message.objects.order_by("sent_at", "body").values_list("sent_at", "body", "from_family"))

    _build(families, 11)
    first = snapshot()
    Conversation.objects.all().delete()
    _build(families, 11)
    assert snapshot() == first
