"""The paperwork deadline for an annual review meeting: one rule (clock.reviews).

SEND Code of Practice 9.176 (and SEND Regulations 2014 reg 20(4)): advice and information for the
meeting is circulated to everyone invited at least two weeks before it. The area may ask for it
earlier (its notice period), never later; and the date asked for is never already past when the
invitations go out.
"""

from datetime import date, timedelta

import pytest

from clock.reviews import paperwork_deadline

MEETING = date(2027, 6, 21)


def test_cop_9_176_paperwork_is_due_2_weeks_before_the_meeting():
    deadline = paperwork_deadline(MEETING, sent_on=date(2027, 5, 3))
    assert (deadline.due_on, deadline.short_notice) == (date(2027, 6, 7), False)


def test_cop_9_176_the_area_may_ask_for_it_earlier():
    deadline = paperwork_deadline(MEETING, sent_on=date(2027, 5, 3), notice_days=21)
    assert (deadline.due_on, deadline.short_notice) == (date(2027, 5, 31), False)


def test_cop_9_176_a_notice_period_shorter_than_2_weeks_is_not_allowed():
    deadline = paperwork_deadline(MEETING, sent_on=date(2027, 5, 3), notice_days=7)
    assert deadline.due_on == date(2027, 6, 7)


def test_cop_9_176_invitations_sent_exactly_2_weeks_ahead_do_not_ask_for_paperwork_the_same_day():
    # The usual date is the day the invitations go out: nobody could meet it, so it is short notice.
    sent = date(2027, 6, 7)
    deadline = paperwork_deadline(MEETING, sent_on=sent)
    assert deadline.short_notice
    assert deadline.usual_due_on == sent
    assert deadline.due_on == date(2027, 6, 14)  # half the 14 days to write, half to read


def test_cop_9_176_a_meeting_too_soon_for_the_usual_notice_never_asks_for_a_past_date():
    # Re-arranged at the family's request to a nearer date: the usual date is already past.
    sent = date(2026, 11, 30)
    deadline = paperwork_deadline(date(2026, 12, 6), sent_on=sent)
    assert deadline.usual_due_on == date(2026, 11, 22)
    assert deadline.short_notice
    assert deadline.due_on == date(2026, 12, 3)


@pytest.mark.parametrize("days_ahead", range(0, 30))
@pytest.mark.parametrize("notice_days", [14, 21, 28])
def test_cop_9_176_the_date_is_on_or_after_the_day_sent_and_before_the_meeting(days_ahead, notice_days):
    sent = date(2027, 3, 1)
    meeting = sent + timedelta(days=days_ahead)
    deadline = paperwork_deadline(meeting, sent_on=sent, notice_days=notice_days)
    assert deadline.due_on >= sent
    if days_ahead:
        assert deadline.due_on < meeting
    else:
        assert deadline.due_on == meeting  # a meeting the same day: by the start of it
    assert deadline.short_notice == (days_ahead <= notice_days)
    if not deadline.short_notice:
        assert deadline.due_on == meeting - timedelta(days=notice_days)
