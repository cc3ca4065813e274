"""The area's service level for replying to families: the only place the reply-by date is worked out.

The date comes from the clock engine (working days, England and Wales bank holidays excluded);
the number of days is the MESSAGE_REPLY_WORKING_DAYS setting (5 unless the area chooses otherwise).
"""

from datetime import date

from django.conf import settings

from clock.periods import add_working_days


def reply_working_days() -> int:
    return settings.MESSAGE_REPLY_WORKING_DAYS


def reply_by(sent_on: date) -> date:
    """The last day for the area's reply to a family message sent on `sent_on`."""
    return add_working_days(sent_on, reply_working_days())


def answered_in_time(reply_by_date: date, answered_on: date) -> bool:
    # A reply on the reply-by date itself is in time.
    return answered_on <= reply_by_date
