"""How fresh the Local Offer is as a whole. When each entry must next be checked is a clock
rule (clock/local_offer.py)."""

from dataclasses import dataclass

FRESHNESS_TARGET = 0.95

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
