"""Reminding action leads to update their actions before each scheduled board report
(`manage.py remind_action_leads`, run daily by cron).

A scheduled report is claimed by a conditional UPDATE of `reminders_sent_on` before any e-mail
goes, so two runs at once (or a rerun) never remind twice for the same report. Each lead gets one
e-mail listing their open actions (anything not blue) and when they were last updated.
"""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Max
from django.urls import reverse

from clock import dates
from improvement.models import Action, Rating, ScheduledReport

log = logging.getLogger(__name__)

REMIND_BEFORE_DAYS = 7


def due(today):
    return ScheduledReport.objects.filter(
        report__isnull=True,
        reminders_sent_on__isnull=True,
        due_on__range=dates.days_ahead(today, REMIND_BEFORE_DAYS),
    ).order_by("due_on", "kind")


def _claim(slot, today) -> bool:
    return (
        ScheduledReport.objects.filter(pk=slot.pk, reminders_sent_on__isnull=True).update(
            reminders_sent_on=today
        )
        == 1
    )


def open_actions_by_lead() -> dict:
    actions = (
        Action.objects.exclude(rating=Rating.BLUE)
        .filter(lead__isnull=False, lead__is_active=True)
        .exclude(lead__email="")
        .select_related("lead")
        .annotate(last_update=Max("updates__written_on"))
        .order_by("lead_id", "objective__area__number", "objective__position", "position")
    )
    by_lead: dict = {}
    for action in actions:
        by_lead.setdefault(action.lead, []).append(action)
    return by_lead


def _message(lead, actions, slot, base_url) -> tuple[str, str]:
    lines = [
        f"Hello {lead.first_name or lead},",
        "",
        f"The {slot.get_kind_display().lower()} goes to the board on {slot.due_on:%-d %B %Y}.",
        "Please update your actions before then: give each a rating and a short progress update.",
        "",
    ]
    for action in actions:
        last = f"last updated {action.last_update:%-d %B %Y}" if action.last_update else "not updated yet"
        lines.append(f"- Action {action.number}: {action.get_rating_display()} ({last})")
    lines += ["", f"{base_url.rstrip('/')}{reverse('improvement:plan')}?lead=me"]
    return f"Update your improvement plan actions by {slot.due_on:%-d %B %Y}", "\n".join(lines)


def send_reminders(today, base_url=None) -> int:
    """Remind every lead before each unreminded report due within a week. Returns e-mails sent."""
    if base_url is None:
        base_url = getattr(settings, "SITE_URL", "") or ""
    sent = 0
    for slot in due(today):
        # One transaction per report: if sending fails, the claim is undone and the next run retries.
        with transaction.atomic():
            if not _claim(slot, today):
                continue
            for lead, actions in open_actions_by_lead().items():
                subject, body = _message(lead, actions, slot, base_url)
                send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [lead.email])
                sent += 1
        log.info("Improvement plan reminders sent for scheduled report %s", slot.pk)
    return sent
