"""When a Local Offer service entry must next be checked (SEND Regulations 2014 reg 53 and
CoP 4.59-4.61: the Local Offer is kept under review and up to date).

The area's Local Offer service level: providers confirm their entry at least every six months,
and reminders start four weeks before the review is due.
"""

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

REVIEW_MONTHS = 6
DUE_SOON_DAYS = 28


def next_review_due(checked_on: date) -> date:
    return checked_on + relativedelta(months=REVIEW_MONTHS)


def checked_on_for(review_due: date) -> date:
    """The check that set `review_due` (for building history, such as the demo's)."""
    return review_due - relativedelta(months=REVIEW_MONTHS)


def remind_until(today: date) -> date:
    """Entries due for review on or before this day are due soon (or overdue) on `today`."""
    return today + timedelta(days=DUE_SOON_DAYS)


def review_state(review_due: date, today: date) -> str:
    """ "overdue", "due_soon" or "on_track" (the tag colours in core.templatetags.govuk)."""
    if review_due < today:
        return "overdue"
    if review_due <= remind_until(today):
        return "due_soon"
    return "on_track"
