"""The reply-by date and the monthly measure, with time frozen."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from clock import dates
from messaging import measures, service_level
from messaging.models import Conversation, Message
from people.tests.factories import ChildFactory

LONDON = ZoneInfo("Europe/London")


def test_reply_by_skips_weekends_and_christmas_bank_holidays():
    # Christmas Day 2026 is a Friday; Boxing Day falls on Saturday, so Monday 28th is the holiday.
    assert service_level.reply_by(date(2026, 12, 21)) == date(2026, 12, 30)


def test_reply_by_from_a_friday_counts_the_next_week():
    assert service_level.reply_by(date(2026, 11, 20)) == date(2026, 11, 27)


def test_a_message_sent_at_the_weekend_is_due_five_working_days_from_the_monday():
    assert service_level.reply_by(date(2026, 11, 21)) == date(2026, 11, 27)


def test_the_number_of_days_is_a_setting(settings):
    settings.MESSAGE_REPLY_WORKING_DAYS = 2
    assert service_level.reply_by(date(2026, 12, 23)) == date(2026, 12, 29)


def test_a_reply_on_the_reply_by_date_is_in_time():
    assert service_level.answered_in_time(date(2026, 12, 30), date(2026, 12, 30))
    assert not service_level.answered_in_time(date(2026, 12, 30), date(2026, 12, 31))


def _family_message(conversation, sent, *, answered=None):
    sent_at = datetime(*sent, 10, tzinfo=LONDON)
    due = service_level.reply_by(sent_at.date())
    answered_at = datetime(*answered, 15, tzinfo=LONDON) if answered else None
    return Message.objects.create(
        conversation=conversation,
        from_family=True,
        sender_name="A parent",
        body="Hello",
        sent_at=sent_at,
        reply_by=due,
        answered_at=answered_at,
        answered_in_time=service_level.answered_in_time(due, answered_at.date()) if answered else None,
    )


@pytest.mark.django_db
def test_replies_in_time_by_month_counts_each_outcome_in_the_month_sent():
    conversation = Conversation.objects.create(child=ChildFactory())
    _family_message(conversation, (2026, 9, 1), answered=(2026, 9, 8))  # due 8 Sept: in time
    _family_message(conversation, (2026, 9, 30), answered=(2026, 10, 9))  # due 7 Oct: late, counts in Sept
    _family_message(conversation, (2026, 11, 2), answered=(2026, 11, 3))  # in time
    _family_message(conversation, (2026, 11, 9))  # due 16 Nov: overdue on the 20th
    _family_message(conversation, (2026, 11, 19))  # due 26 Nov: waiting, not yet measured
    Message.objects.create(  # the area's own messages are not measured
        conversation=conversation, from_family=False, sender_name="Caseworker", body="Hi",
        sent_at=datetime(2026, 11, 3, 15, tzinfo=LONDON),
    )  # fmt: skip

    months = measures.replies_in_time_by_month(
        date(2026, 8, 15), date(2026, 11, 30), today=date(2026, 11, 20)
    )

    assert [m.month for m in months] == [
        date(2026, 8, 1),
        date(2026, 9, 1),
        date(2026, 10, 1),
        date(2026, 11, 1),
    ]
    august, september, october, november = months
    assert (august.in_time, august.late, august.waiting, august.share) == (0, 0, 0, None)
    assert (september.in_time, september.late, september.share) == (1, 1, 0.5)
    assert october.measured == 0
    assert (november.in_time, november.late, november.waiting, november.overdue) == (1, 0, 2, 1)
    assert november.share == 0.5


@pytest.mark.django_db
def test_a_message_late_on_the_last_evening_of_the_month_counts_in_that_uk_month():
    conversation = Conversation.objects.create(child=ChildFactory())
    # 00:30 on 1 September in London (BST) is 23:30 on 31 August in UTC: it counts in September.
    for hour, day, month in ((23, 31, 8), (0, 1, 9)):
        Message.objects.create(
            conversation=conversation, from_family=True, sender_name="A parent", body="Hello",
            sent_at=datetime(2026, month, day, hour, 30, tzinfo=LONDON), reply_by=date(2026, 9, 8),
        )  # fmt: skip

    months = measures.replies_in_time_by_month(date(2026, 8, 1), date(2026, 9, 1), today=date(2026, 9, 2))

    assert [m.waiting for m in months] == [1, 1]


def test_the_twelve_months_shown_end_with_this_month():
    # The page asks the clock for a year of months including this one.
    assert dates.months_to(date(2026, 11, 20), 12) == date(2025, 12, 1)
    assert dates.months_to(date(2026, 12, 3), 12) == date(2026, 1, 1)
