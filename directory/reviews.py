"""When a service entry must next be checked, and how fresh the Local Offer is as a whole.

Pure date rules; views, reminders and reports all ask here rather than doing their own sums.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

# Providers confirm their entry at least every six months (the Local Offer service level
# agreement); reminders start four weeks before.
REVIEW_INTERVAL = relativedelta(months=6)
DUE_SOON = timedelta(days=28)
FRESHNESS_TARGET = 0.95


def next_review_due(checked_on: date) -> date:
    return checked_on + REVIEW_INTERVAL


def review_state(review_due: date, today: date) -> str:
    """ "overdue", "due_soon" or "on_track" (the tag colours in core.templatetags.govuk)."""
    if review_due < today:
        return "overdue"
    if review_due - today <= DUE_SOON:
        return "due_soon"
    return "on_track"


REVIEW_STATE_LABELS = {"overdue": "Review overdue", "due_soon": "Review due soon", "on_track": "Up to date"}


@dataclass(frozen=True)
class Freshness:
    services: int
    in_time: int

    @property
    def share(self) -> float:
        return self.in_time / self.services if self.services else 1.0

    @property
    def percent(self) -> int:
        # Round down: 94.6% must not be shown as meeting a 95% target.
        return int(self.share * 100)

    @property
    def target_percent(self) -> int:
        return round(FRESHNESS_TARGET * 100)

    @property
    def meets_target(self) -> bool:
        return self.share >= FRESHNESS_TARGET

    @property
    def overdue(self) -> int:
        return self.services - self.in_time
