"""Red, amber or green: a measurement against its KPI's trajectory. Pure: no database.

The rule (decided here, once):

- The target at a date is the value of the latest trajectory point due on or before that date: a
  milestone applies from its date until the next one. Before the first milestone there is no target
  yet (NONE, shown grey), and after the last one the last target goes on applying. We do not
  interpolate between milestones: the plan promises figures by dates, and a reader must be able to
  check a rating against a number printed in the plan.
- GREEN: the target is met (at or above it when higher is better; at or below when lower is better).
- AMBER: missed by no more than TOLERANCE of the target (5%: 66.5% against a 70% target; 31.5
  weeks against a 30-week one).
- RED: missed by more.
"""

from bisect import bisect_right
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

TOLERANCE = Decimal("0.05")


class RAG(StrEnum):
    GREEN = "green"
    AMBER = "amber"
    RED = "red"
    NONE = "none"

    @property
    def label(self) -> str:
        return {"green": "Green: on target", "amber": "Amber: close to target", "red": "Red: off target"}.get(
            self.value, "No target yet"
        )

    @property
    def short(self) -> str:
        return {"green": "Green", "amber": "Amber", "red": "Red"}.get(self.value, "No target")


@dataclass(frozen=True)
class Milestone:
    due_on: date
    value: Decimal


def target_at(trajectory: list[Milestone], on: date) -> Decimal | None:
    """The target in force on `on`: the latest milestone due on or before it."""
    ordered = sorted(trajectory, key=lambda m: m.due_on)
    index = bisect_right([m.due_on for m in ordered], on)
    return ordered[index - 1].value if index else None


def rate(value, target, higher_is_better: bool) -> RAG:
    """The rating of `value` against `target`."""
    if value is None or target is None:
        return RAG.NONE
    value, target = Decimal(str(value)), Decimal(str(target))
    margin = abs(target) * TOLERANCE
    if higher_is_better:
        if value >= target:
            return RAG.GREEN
        return RAG.AMBER if value >= target - margin else RAG.RED
    if value <= target:
        return RAG.GREEN
    return RAG.AMBER if value <= target + margin else RAG.RED


def rate_on(value, on: date, trajectory: list[Milestone], higher_is_better: bool) -> RAG:
    return rate(value, target_at(trajectory, on), higher_is_better)


class Trend(StrEnum):
    IMPROVING = "improving"
    WORSENING = "worsening"
    SAME = "same"
    NONE = "none"

    @property
    def label(self) -> str:
        return {"improving": "Improving", "worsening": "Getting worse", "same": "No change"}.get(
            self.value, "Not enough figures"
        )


def trend(previous, latest, higher_is_better: bool) -> Trend:
    """Whether the latest figure is better than the one before, by the KPI's direction."""
    if previous is None or latest is None:
        return Trend.NONE
    previous, latest = Decimal(str(previous)), Decimal(str(latest))
    if latest == previous:
        return Trend.SAME
    return Trend.IMPROVING if (latest > previous) == higher_is_better else Trend.WORSENING
