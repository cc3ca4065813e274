"""Advice reminders: due soon and overdue, each sent once, however many copies of the job run.

Due dates are the clock engine's, stored on AdviceRequest.due_on (services.refresh_clock); this
module only compares them with today. Each reminder is claimed with a conditional UPDATE before
it is sent: of two workers racing for the same advice request exactly one updates the row, and
only that one sends (STYLE.md #5; healthchecks' sendalerts works the same way).
"""

from dataclasses import dataclass

from django.utils import timezone

from casework.models import OPEN_STAGES, AdviceRequest
from clock import due_soon_range
from notifications.events import advice_context, case_context
from notifications.links import advice_path
from notifications.models import MessageType
from notifications.services import tell

DUE_SOON = "reminded_due_soon_at"
OVERDUE = "reminded_overdue_at"


@dataclass
class Summary:
    due_soon: int = 0
    overdue: int = 0

    def __str__(self):
        return f"sent {self.due_soon} due-soon and {self.overdue} overdue advice reminders"


def outstanding():
    return AdviceRequest.objects.filter(
        received_on__isnull=True, cancelled_on__isnull=True, case__stage__in=OPEN_STAGES
    )


def due_soon(today):
    """Not yet reminded, due today or within the clock's "due soon" week."""
    return outstanding().filter(
        reminded_due_soon_at__isnull=True,
        due_on__range=due_soon_range(today),
    )


def overdue(today):
    return outstanding().filter(reminded_overdue_at__isnull=True, due_on__lt=today)


def claim(advice_id, field, now=None) -> bool:
    """Mark the reminder as sent; True only for the one caller whose UPDATE changed the row."""
    now = now or timezone.now()
    return (
        AdviceRequest.objects.filter(pk=advice_id, **{f"{field}__isnull": True}).update(**{field: now}) == 1
    )


def send_reminder(advice, message_type) -> list:
    """To the adviser, with a copy to the case's caseworker."""
    case = advice.case
    context = case_context(case) | advice_context(advice)
    link = advice_path(advice)
    sent = []
    if advice.professional is not None:
        sent.append(tell(advice.professional, message_type, context, link, case=case))
    if case.caseworker is not None:
        adviser = str(advice.professional) if advice.professional else f"the {context['adviser']} adviser"
        sent.append(tell(case.caseworker, message_type, context | {"copy_of": adviser}, link, case=case))
    return sent


def send_reminders(today) -> Summary:
    return Summary(
        due_soon=_remind(due_soon(today), DUE_SOON, MessageType.ADVICE_DUE_SOON),
        overdue=_remind(overdue(today), OVERDUE, MessageType.ADVICE_OVERDUE),
    )


def _remind(query, field, message_type) -> int:
    # Read the day's list first (it is small), then claim and send one by one.
    sent = 0
    for advice in list(query.select_related("case__caseworker", "professional")):
        if claim(advice.pk, field):
            send_reminder(advice, message_type)
            sent += 1
    return sent
