"""Annual review figures month by month, from the clock engine (clock.reviews).

Two queries however many reviews there are: the events of every review with a counted step in
range (with each review's interval and phase transfer deadline), then Python groups them by review
and asks the engine. Each figure is filed under the month its step was done in:

- held: review meetings held within 12 months of the plan or the last review (CFA s.44(1); 6 months
  for under-fives);
- decisions: decisions to maintain, amend or cease within 4 weeks of the meeting (reg 20(10));
  England 2024: 44.4%;
- amended: amended plans issued within 12 weeks of the meeting (regs 20 and 22; Devon [2022]).
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from casework.measures import Proportion
from clock import Status, dates
from clock.reviews import DECISIONS, ReviewEventKind
from reviews import timing
from reviews.models import ReviewEvent

R = ReviewEventKind
COUNTED = {"review_meeting": "held", "review_decision": "decisions", "amended_plan": "amended"}
COUNTED_EVENTS = (R.MEETING_HELD, *DECISIONS, R.AMENDED_PLAN_ISSUED)


@dataclass(frozen=True)
class ReviewFigures:
    start: date
    end: date
    held: Proportion = Proportion()
    decisions: Proportion = Proportion()
    amended: Proportion = Proportion()


@dataclass(frozen=True)
class ReviewMeasures:
    start: date
    end: date
    months: list[ReviewFigures]
    total: ReviewFigures


def review_measures(start: date, end: date, *, today: date | None = None) -> ReviewMeasures:
    today = today or dates.today()
    in_range = ReviewEvent.objects.filter(kind__in=COUNTED_EVENTS, on__gte=start, on__lte=end).values(
        "review_id"
    )
    events, terms = defaultdict(list), {}
    rows = ReviewEvent.objects.filter(review_id__in=in_range).values_list(
        "review_id", "kind", "on", "review__months", "review__phase_transfer_due"
    )
    for review_id, kind, on, months, phase_due in rows:
        events[review_id].append((kind, on))
        terms[review_id] = (months, phase_due)

    tallies = {month: defaultdict(list) for month in dates.month_starts(start, end)}
    for review_id, pairs in events.items():
        months, phase_due = terms[review_id]
        line = timing.timeline(timing.events_of(pairs), months=months, phase_due=phase_due, today=today)
        for step in line.steps:
            if step.key in COUNTED and step.done is not None and start <= step.done <= end:
                tallies[dates.month_start(step.done)][COUNTED[step.key]].append(step.status is Status.MET)

    figures, total = [], defaultdict(list)
    for month, tally in tallies.items():
        figures.append(_figures(max(month, start), min(dates.month_end(month), end), tally))
        for key, values in tally.items():
            total[key] += values
    return ReviewMeasures(start, end, figures, _figures(start, end, total))


def _figures(start, end, tally) -> ReviewFigures:
    def proportion(key):
        values = tally.get(key, [])
        return Proportion(len(values), sum(values))

    return ReviewFigures(start, end, proportion("held"), proportion("decisions"), proportion("amended"))
