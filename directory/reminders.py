"""E-mails to service owners whose entries are due for review (`manage.py directory_reminders`,
run daily by cron). Each owner gets one e-mail listing their services due within DUE_SOON_DAYS.

A service is claimed by a conditional UPDATE of `reminder_sent_for` to its review date before
the e-mail goes, so two runs at once (or a rerun) never remind twice for the same review date.
Confirming the entry moves its review date, which makes it due a reminder again next time.
"""

import logging
from itertools import groupby

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F, Q
from django.urls import reverse

from clock.local_offer import remind_until
from directory.choices import ServiceStatus
from directory.models import Service

log = logging.getLogger(__name__)


def due(today):
    return (
        Service.objects.filter(
            status=ServiceStatus.ACTIVE,
            owner__isnull=False,
            owner__is_active=True,
            review_due__lte=remind_until(today),
        )
        .filter(Q(reminder_sent_for__isnull=True) | ~Q(reminder_sent_for=F("review_due")))
        .exclude(owner__email="")
        .select_related("owner")
        .order_by("owner_id", "review_due", "name")
    )


def _claim(service) -> bool:
    claimed = (
        Service.objects.filter(pk=service.pk, review_due=service.review_due)
        .filter(Q(reminder_sent_for__isnull=True) | ~Q(reminder_sent_for=service.review_due))
        .update(reminder_sent_for=service.review_due)
    )
    return claimed == 1


def _message(owner, services, today, base_url) -> tuple[str, str]:
    soonest = services[0].review_due
    lines = [
        f"Hello {owner.first_name or owner},",
        "",
        "These Local Offer entries need checking:"
        if len(services) > 1
        else "This Local Offer entry needs checking:",
        "",
    ]
    for service in services:
        when = "was due" if service.review_due < today else "is due"
        lines.append(f"- {service.name}: review {when} on {service.review_due:%-d %B %Y}")
    lines += [
        "",
        "If nothing has changed, sign in and choose 'Confirm still correct'.",
        "If something has changed, choose 'Propose a change'. The Local Offer team will check it.",
        "",
        f"{base_url.rstrip('/')}{reverse('directory:dashboard')}",
        "",
        "Families rely on the Local Offer being right. Thank you for keeping it up to date.",
    ]
    return f"Check your Local Offer entries by {soonest:%-d %B %Y}", "\n".join(lines)


def send_reminders(today, base_url=None) -> int:
    """E-mail every owner with unreminded services due soon. Returns how many e-mails went."""
    if base_url is None:
        base_url = getattr(settings, "SITE_URL", "") or ""
    sent = 0
    for owner_id, group in groupby(due(today), key=lambda s: s.owner_id):
        group = list(group)
        owner = group[0].owner
        # One transaction per owner: if the e-mail cannot be sent, the claims are undone and the
        # next run tries again.
        with transaction.atomic():
            claimed = [service for service in group if _claim(service)]
            if not claimed:
                continue
            subject, body = _message(owner, claimed, today, base_url)
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [owner.email])
        log.info("Local Offer reminder sent to user %s for %d services", owner_id, len(claimed))
        sent += 1
    return sent
