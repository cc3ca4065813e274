"""Where each system KPI's figures come from: a registry of source keys (KPI.source) to functions
that read one month's figure from the measures modules. Nothing here re-computes a statutory rule:
casework.measures, reviews.measures, plans.measures, directory.queries.freshness and
messaging.measures own them; this module only picks the figure and its numerator and denominator.

`Measured` runs each measures module once for a range of months (two or three queries each, however
many cases), so a snapshot of every KPI, or the demo's years of history, costs a fixed number of
queries. Monthly sources (cases, reviews, messages) give a figure for any month in the range;
point-in-time sources (plan quality, the Local Offer) only know today, so they answer only for the
month that holds `today`.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cached_property

from casework.measures import Proportion, assessment_measures
from clock import dates
from clock.waits import month_ends
from directory.queries import freshness
from engagement.survey_measures import kept_informed_by_month
from messaging.measures import replies_in_time_by_month
from plans.measures import measure
from quality.measures import by_month_start
from reviews.measures import review_measures
from waiting.health import on_time_by_month
from waiting.measures import combined, kpi_figures


@dataclass(frozen=True)
class Figure:
    value: Decimal
    numerator: int | None = None
    denominator: int | None = None


def _from_proportion(proportion) -> Figure | None:
    if proportion is None or not proportion.count:
        return None
    return Figure(Decimal(str(proportion.percent)), proportion.within, proportion.count)


class Measured:
    """The measures modules' figures for the months from `start` to `end`, each computed once."""

    def __init__(self, start: date, end: date, today: date | None = None):
        self.start, self.end = start, end
        self.today = today or dates.today()

    @cached_property
    def casework(self) -> dict:
        figures = assessment_measures(self.start, self.end, today=self.today)
        return {month.start.replace(day=1): month for month in figures.months}

    @cached_property
    def reviews(self) -> dict:

        figures = review_measures(self.start, self.end, today=self.today)
        return {month.start.replace(day=1): month for month in figures.months}

    @cached_property
    def plans(self):

        return measure(self.today)

    @cached_property
    def freshness(self):

        return freshness(self.today)

    @cached_property
    def messages(self) -> dict:
        """Month start -> Proportion of family messages answered in time (of those measured)."""

        months = replies_in_time_by_month(self.start, self.end, today=self.today)
        return {row.month: Proportion(row.measured, row.in_time) for row in months}

    @cached_property
    def quality(self) -> dict:
        """Month start -> Share of audited plans graded good or better (quality.measures)."""

        return by_month_start(self.start, self.end)

    @cached_property
    def kept_informed(self) -> dict:
        """Month start -> Share of families' survey answers saying they feel kept informed."""

        return kept_informed_by_month(self.start, self.end)

    @cached_property
    def waiting(self) -> dict:
        """(pathway code, month start) -> waiting-list figures (waiting.measures) at each month's end,
        or today for the month in progress."""

        return kpi_figures(
            [
                min(end, self.today)
                for end in month_ends(self.start, self.end)
                if end.replace(day=1) <= self.today
            ]
        )

    @cached_property
    def health_assessments(self) -> dict:
        """(month start, kind) -> children in care's assessments due that month, done on time."""

        return on_time_by_month(self.start, min(self.end, self.today), self.today)

    def is_current(self, month: date) -> bool:
        return month == self.today.replace(day=1)


@dataclass(frozen=True)
class Source:
    key: str
    label: str
    read: Callable[[Measured, date], Figure | None]
    point_in_time: bool = False


def _casework(attribute):
    def read(measured, month):
        figures = measured.casework.get(month)
        return _from_proportion(getattr(figures, attribute)) if figures else None

    return read


def _advice(*adviser_types):
    def read(measured, month):
        figures = measured.casework.get(month)
        if not figures:
            return None
        total = Proportion()
        for kind in adviser_types or tuple(figures.advice):
            total += figures.advice.get(kind, Proportion())
        return _from_proportion(total)

    return read


def _median_weeks(measured, month):
    figures = measured.casework.get(month)
    if not figures or figures.median_weeks_to_plan is None:
        return None
    return Figure(Decimal(str(figures.median_weeks_to_plan)), None, figures.plans_including.count)


def _reviews(attribute):
    def read(measured, month):
        figures = measured.reviews.get(month)
        return _from_proportion(getattr(figures, attribute)) if figures else None

    return read


def _plans(attribute):
    def read(measured, month):
        return _from_proportion(getattr(measured.plans, attribute)) if measured.is_current(month) else None

    return read


def _plan_check(code):
    def read(measured, month):
        return _from_proportion(measured.plans.checks.get(code)) if measured.is_current(month) else None

    return read


def _freshness(measured, month):
    if not measured.is_current(month):
        return None
    fresh = measured.freshness
    return _from_proportion(Proportion(fresh.services, fresh.in_time))


def _quality(measured, month):
    share = measured.quality.get(month)
    if share is None or not share.total:
        return None
    return Figure(Decimal(str(share.percent)), share.good, share.total)


def _messages(measured, month):
    return _from_proportion(measured.messages.get(month))


def _kept_informed(measured, month):
    return _from_proportion(measured.kept_informed.get(month))


def _waiting(codes, attribute):
    """A waiting-list figure at the month's end, over one or more pathways (waiting.measures)."""

    def read(measured, month):

        found = [measured.waiting[(code, month)] for code in codes if (code, month) in measured.waiting]
        figures = combined(found) if found else None
        if figures is None or not figures.waiting:
            return None
        value = getattr(figures, attribute)
        numerator = {"pct_within_13": figures.within_13, "pct_within_18": figures.within_18}.get(attribute)
        return Figure(Decimal(str(value)), numerator, figures.waiting)

    return read


def _health_assessments(kind):
    def read(measured, month):
        share = measured.health_assessments.get((month, kind))
        if share is None or not share.due:
            return None
        return Figure(Decimal(str(share.percent)), share.on_time, share.due)

    return read


_SOURCES = [
    Source("decisions_6w", "Decisions whether to assess within 6 weeks", _casework("decisions")),
    Source(
        "plans_20w_including", "New plans within 20 weeks, including exceptions", _casework("plans_including")
    ),
    Source(
        "plans_20w_excluding", "New plans within 20 weeks, excluding exceptions", _casework("plans_excluding")
    ),
    Source("median_weeks_to_plan", "Median weeks from request to plan", _median_weeks),
    Source("advice_6w", "Advice within 6 weeks, every adviser", _advice()),
    Source("advice_6w_ep", "Educational psychology advice within 6 weeks", _advice("ep")),
    Source("advice_6w_health", "Health advice within 6 weeks", _advice("health")),
    Source("advice_6w_social_care", "Social care advice within 6 weeks", _advice("social_care")),
    Source("reviews_in_time", "Review meetings within 12 months", _reviews("held")),
    Source("review_decisions_4w", "Review decisions within 4 weeks", _reviews("decisions")),
    Source("amended_12w", "Amended plans within 12 weeks of the review", _reviews("amended")),
    Source("plans_no_findings", "Plans passing every quality check", _plans("no_findings"), True),
    Source("plans_pfa", "Year 9 and above: outcomes in every adulthood area", _plans("pfa"), True),
    Source(
        "plans_health_advice", "Plans with health advice under 12 months old", _plans("health_advice"), True
    ),
    Source(
        "plans_social_care_advice",
        "Plans with social care advice where needed",
        _plans("social_care_advice"),
        True,
    ),
    Source(
        "plans_key_stage",
        "Plans with no outcome for a key stage already left",
        _plan_check("key_stage_left"),
        True,
    ),
    Source("plans_advice_current", "Plans with current advice (section K)", _plans("advice_current"), True),
    Source("local_offer_fresh", "Local Offer services reviewed in time", _freshness, True),
    Source("messages_in_time", "Messages answered within the service level", _messages),
    Source("plans_audited_good", "% of audited plans good or better", _quality),
    Source("survey_kept_informed", "% of parents who feel kept informed (surveys)", _kept_informed),
    Source(
        "wait_autism_adhd_average",
        "Autism and ADHD: average wait (weeks)",
        _waiting(("autism", "adhd"), "average_weeks"),
    ),
    Source(
        "wait_autism_adhd_longest",
        "Autism and ADHD: longest wait (weeks)",
        _waiting(("autism", "adhd"), "longest_weeks"),
    ),
    Source(
        "wait_autism_adhd_13w",
        "Autism and ADHD: % waiting 13 weeks or less",
        _waiting(("autism", "adhd"), "pct_within_13"),
    ),
    Source("wait_camhs_18w", "CAMHS: % waiting 18 weeks or less", _waiting(("camhs",), "pct_within_18")),
    Source(
        "wait_salt_18w",
        "Speech and language therapy: % waiting 18 weeks or less",
        _waiting(("salt",), "pct_within_18"),
    ),
    Source(
        "wait_equipment_18w",
        "Specialist equipment: % waiting 18 weeks or less",
        _waiting(("equipment",), "pct_within_18"),
    ),
    Source(
        "wait_wheelchairs_18w",
        "Wheelchairs: % waiting 18 weeks or less",
        _waiting(("wheelchairs",), "pct_within_18"),
    ),
    Source(
        "iha_on_time",
        "Initial health assessments of children in care on time",
        _health_assessments("initial"),
    ),
    Source(
        "rha_on_time", "Review health assessments of children in care on time", _health_assessments("review")
    ),
]
SOURCES: dict[str, Source] = {source.key: source for source in _SOURCES}


def source_choices() -> list[tuple[str, str]]:
    return [("manual", "Entered by hand")] + [(s.key, s.label) for s in _SOURCES]
