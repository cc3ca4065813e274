"""The registry of KPI sources: which figures the system counts for a KPI (KPI.source), declared by
the app that owns each figure in its own `kpis.py`, so the KPI framework (performance) imports none
of them. `CoreConfig.ready` imports every app's kpis.py.

    from core.kpis import from_proportion, kpi_measure, kpi_source

    @kpi_measure("freshness")
    def service_freshness(measured):  # run once per Measured, for its range of months
        return freshness(measured.today)

    def _fresh(measured, month):  # the month's Figure, or None
        ...

    kpi_source("local_offer_fresh", "Local Offer services reviewed in time", _fresh, order=40)

An app whose measures give month-by-month proportions (casework, reviews) declares them with the
factory below:

    REVIEWS = monthly_measure("reviews", review_measures)  # review_measures(start, end, today=...)
    kpi_source("reviews_in_time", "Review meetings within 12 months", REVIEWS.proportion("held"), order=20)

Nothing here re-computes a statutory rule: each app's measures modules own them; a source only
picks the figure and its numerator and denominator. `Measured` runs each measure once for a range
of months (two or three queries each, however many cases), so a snapshot of every KPI, or the demo's
years of history, costs a fixed number of queries. Monthly sources give a figure for any month in
the range; point-in-time sources only know today, so they answer only for the month that holds
`today`.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from clock import dates


@dataclass(frozen=True)
class Figure:
    value: Decimal
    numerator: int | None = None
    denominator: int | None = None


def from_proportion(proportion) -> Figure | None:
    """A figure from anything with `count`, `within` and `percent` (casework.measures.Proportion)."""
    if proportion is None or not proportion.count:
        return None
    return Figure(Decimal(str(proportion.percent)), proportion.within, proportion.count)


MEASURES: dict[str, Callable] = {}


def kpi_measure(name: str):
    """Register how an app measures its figures over a Measured's range: measure(measured)."""

    def register(measure):
        MEASURES[name] = measure
        return measure

    return register


class Measured:
    """Each registered measure's figures for the months from `start` to `end`, each computed once."""

    def __init__(self, start: date, end: date, today: date | None = None):
        self.start, self.end = start, end
        self.today = today or dates.today()
        self._figures: dict = {}

    def of(self, name: str):
        if name not in self._figures:
            self._figures[name] = MEASURES[name](self)
        return self._figures[name]

    def is_current(self, month: date) -> bool:
        return month == self.today.replace(day=1)


@dataclass(frozen=True)
class MonthlyMeasure:
    """A registered measure of month-by-month figures (monthly_measure), and its sources' reads."""

    name: str

    def figures(self, measured: Measured, month: date):
        """The month's figures, or None when the measure has none for it."""
        return measured.of(self.name).get(month)

    def proportion(self, attribute: str) -> Callable:
        """A source's read: the month's figures' `attribute`, a Proportion."""

        def read(measured: Measured, month: date) -> Figure | None:
            figures = self.figures(measured, month)
            return from_proportion(getattr(figures, attribute)) if figures else None

        return read


def monthly_measure(name: str, measures: Callable) -> MonthlyMeasure:
    """Register as the measure `name` an app's month-by-month figures: `measures(start, end,
    today=...)` gives `.months`, each with its `.start`; the measure maps each month's first day to
    that month's figures."""

    def by_month(measured: Measured) -> dict:
        figures = measures(measured.start, measured.end, today=measured.today)
        return {month.start.replace(day=1): month for month in figures.months}

    kpi_measure(name)(by_month)
    return MonthlyMeasure(name)


@dataclass(frozen=True)
class Source:
    key: str
    label: str
    read: Callable[[Measured, date], Figure | None]
    point_in_time: bool = False
    order: int = 0  # where the source is listed among the choices (by app, then as declared)


SOURCES: dict[str, Source] = {}


def kpi_source(key: str, label: str, read, *, order: int, point_in_time: bool = False) -> Source:
    source = Source(key, label, read, point_in_time, order)
    SOURCES[key] = source
    return source


def source_choices() -> list[tuple[str, str]]:
    listed = sorted(enumerate(SOURCES.values()), key=lambda entry: (entry[1].order, entry[0]))
    return [("manual", "Entered by hand")] + [(s.key, s.label) for _, s in listed]
