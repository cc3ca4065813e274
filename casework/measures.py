"""The EHC needs assessment figures the performance framework reports, month by month.

Every figure comes from the clock engine (clock): this module loads the events, exceptions
and advice requests of the cases in range in three queries, groups them by case in Python and asks
`clock.timeline` about each case. It does no statutory date arithmetic of its own; the only
arithmetic here is counting, percentages and the weeks between two dates the clock gave it.

Each figure is filed under the month of the step it counts: a decision under the month it was made,
a plan under the month it was issued, advice under the month it came in.

- decisions: decisions whether to assess made within 6 weeks of the request (reg 5(1)). England
  2024: 84.8%.
- plans_including / plans_excluding: new plans issued within 20 weeks (reg 13(2)), including and
  excluding cases with an exception, the DfE's two figures (SEN2 `Week20`): "excluding" removes a
  case with an exception that applies to the 20-week limit from both numerator and denominator.
  England 2024: 45.9% including, 46.4% excluding.
- advice: advice received within 6 weeks of being asked for (reg 8(1)), by adviser type.
- median_weeks_to_plan: the median weeks from request to final plan.
"""

import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

import clock
from casework.models import AdviceRequest, AdviserType, CaseEvent, CaseExceptionRecord
from clock import dates
from clock.case_events import EventKind

K = EventKind
# The events that file a case under a month: a decision whether to assess, advice coming in, a plan.
COUNTED_EVENTS = (K.DECIDED_TO_ASSESS, K.DECIDED_NOT_TO_ASSESS, K.ADVICE_RECEIVED, K.FINAL_ISSUED)
ADVISER_TYPES = tuple(AdviserType.values)
KINDS = {kind.value: kind for kind in K}
MEASURED_STEPS = ("decision_to_assess", "advice", "final_plan")
# Only the events that start, end or close the measured steps are loaded: the clock reads nothing
# else for them, and leaving out drafts and consultations makes a third fewer rows.
NEEDED_EVENTS = frozenset(
    kind
    for rule in clock.RULES
    if rule.key in MEASURED_STEPS
    for kind in (rule.starts_on, *rule.ends_on, *rule.closed_by, rule.cancelled_by)
    if kind is not None
)
REASONS = {reason.value: reason for reason in clock.ExceptionReason}


@dataclass(frozen=True)
class Proportion:
    """How many of `count` were done within the time limit."""

    count: int = 0
    within: int = 0

    @property
    def percent(self) -> float | None:
        return round(100 * self.within / self.count, 1) if self.count else None

    def __add__(self, other: "Proportion") -> "Proportion":
        return Proportion(self.count + other.count, self.within + other.within)


@dataclass(frozen=True)
class Figures:
    """The figures for one period: a calendar month, or the whole range."""

    start: date
    end: date
    decisions: Proportion = Proportion()
    plans_including: Proportion = Proportion()
    plans_excluding: Proportion = Proportion()
    advice: dict[str, Proportion] = field(default_factory=dict)  # AdviserType value -> figure
    median_weeks_to_plan: float | None = None


@dataclass(frozen=True)
class Measures:
    start: date
    end: date
    months: list[Figures]
    total: Figures


@dataclass
class _Tally:
    decisions: list = field(default_factory=list)  # met (bool) per decision
    plans: list = field(default_factory=list)  # (met, has exception, weeks) per plan
    advice: dict = field(default_factory=lambda: defaultdict(list))  # adviser type -> [met]

    def figures(self, start: date, end: date) -> Figures:
        excluding = [met for met, excepted, _ in self.plans if not excepted]
        weeks = [w for _, _, w in self.plans]
        return Figures(
            start=start,
            end=end,
            decisions=_proportion(self.decisions),
            plans_including=_proportion([met for met, _, _ in self.plans]),
            plans_excluding=_proportion(excluding),
            advice={kind: _proportion(self.advice.get(kind, [])) for kind in ADVISER_TYPES},
            median_weeks_to_plan=round(statistics.median(weeks), 1) if weeks else None,
        )

    def add(self, other: "_Tally") -> None:
        self.decisions += other.decisions
        self.plans += other.plans
        for kind, values in other.advice.items():
            self.advice[kind] += values


def _proportion(values) -> Proportion:
    return Proportion(len(values), sum(1 for met in values if met))


def assessment_measures(start: date, end: date, *, today: date | None = None) -> Measures:
    """The figures for every calendar month from `start` to `end` (inclusive), and for the whole
    range. Three queries, however many cases there are."""
    today = today or dates.today()
    in_range = CaseEvent.objects.filter(kind__in=COUNTED_EVENTS, on__gte=start, on__lte=end).values("case_id")
    events = defaultdict(list)
    rows = CaseEvent.objects.filter(case_id__in=in_range, kind__in=NEEDED_EVENTS)
    for case_id, kind, on, ref in rows.values_list("case_id", "kind", "on", "ref"):
        events[case_id].append(clock.Event(KINDS[kind], on, ref))
    exceptions = defaultdict(list)
    for case_id, reason, first, last, ref, steps in CaseExceptionRecord.objects.filter(
        case_id__in=in_range
    ).values_list("case_id", "reason", "start", "end", "ref", "steps"):
        keys = frozenset(key for key in steps.split(",") if key)
        exceptions[case_id].append(clock.CaseException(REASONS[reason], first, last, ref, keys))
    adviser_types = {
        (case_id, ref): kind
        for case_id, ref, kind in AdviceRequest.objects.filter(case_id__in=in_range).values_list(
            "case_id", "ref", "adviser_type"
        )
    }

    months = {month: _Tally() for month in dates.month_starts(start, end)}
    for case_id, case_events in events.items():
        line = clock.timeline(case_events, exceptions[case_id], today=today)
        for step in line.steps:
            if step.done is None or not start <= step.done <= end:
                continue
            tally = months[dates.month_start(step.done)]
            met = step.status is clock.Status.MET
            if step.key == "decision_to_assess":
                tally.decisions.append(met)
            elif step.key == "final_plan":
                weeks = dates.weeks_between(step.start, step.done)
                tally.plans.append((met, bool(step.exceptions), weeks))
            elif step.key.startswith("advice:"):
                ref = step.key.removeprefix("advice:")
                tally.advice[adviser_types.get((case_id, ref), AdviserType.OTHER.value)].append(met)

    total = _Tally()
    figures = []
    for month, tally in months.items():
        figures.append(tally.figures(max(month, start), min(dates.month_end(month), end)))
        total.add(tally)
    return Measures(start, end, figures, total.figures(start, end))

