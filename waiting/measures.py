"""Waiting-list figures at each month end, computed from the referrals (read-only).

A referral is on the list at a month end when it was referred on or before that day and neither
its pathway's stop event (first appointment, assessment start or treatment start: Pathway.measure)
nor its discharge or removal had happened by then. Waits are counted by the clock engine
(clock.waits). Two queries however many referrals: the pathways, then one pass over the
referrals' dates.
"""

from dataclasses import dataclass, field
from datetime import date

from clock.dates import age_on, month_start, year_to
from clock.waits import days_waited, weeks_waited, within_weeks
from waiting.models import STOP_FIELD, Pathway, Referral

BANDS = ["0-13", "13-18", "18-52", "52+"]
BAND_LABELS = {
    "0-13": "13 weeks or less",
    "13-18": "Over 13 to 18 weeks",
    "18-52": "Over 18 to 52 weeks",
    "52+": "Over 52 weeks",
}
AGE_BANDS = [("0-4", 0, 4), ("5-10", 5, 10), ("11-15", 11, 15), ("16-25", 16, 25)]
NOT_KNOWN = "Not known"


def postcode_district(postcode: str | None) -> str:
    """The outward code of a postcode ("BD8 7QT" -> "BD8"); "" if there is none."""
    text = (postcode or "").strip().upper()
    return text.split()[0] if " " in text else text[:-3] if len(text) > 4 else ""


@dataclass
class Figures:
    waiting: int = 0
    total_days: int = 0
    longest_weeks: int | None = None
    within_13: int = 0
    within_18: int = 0
    bands: dict = field(default_factory=lambda: dict.fromkeys(BANDS, 0))

    def add(self, referred: date, on: date) -> None:
        self.waiting += 1
        self.total_days += days_waited(referred, on)
        weeks = weeks_waited(referred, on)
        self.longest_weeks = weeks if self.longest_weeks is None else max(self.longest_weeks, weeks)
        if within_weeks(referred, on, 13):
            self.within_13 += 1
            self.bands["0-13"] += 1
        elif within_weeks(referred, on, 18):
            self.bands["13-18"] += 1
        elif within_weeks(referred, on, 52):
            self.bands["18-52"] += 1
        else:
            self.bands["52+"] += 1
        if within_weeks(referred, on, 18):
            self.within_18 += 1

    @property
    def average_weeks(self) -> float | None:
        return round(self.total_days / 7 / self.waiting, 1) if self.waiting else None

    @property
    def pct_within_13(self) -> float | None:
        return round(100 * self.within_13 / self.waiting, 1) if self.waiting else None

    @property
    def pct_within_18(self) -> float | None:
        return round(100 * self.within_18 / self.waiting, 1) if self.waiting else None


@dataclass
class MonthFigures:
    pathway: Pathway
    month_end: date
    all: Figures = field(default_factory=Figures)
    by_age: dict = field(default_factory=lambda: {band: Figures() for band, _, _ in AGE_BANDS})
    # By postcode district (the child's record's postcode, "BD8") and primary need; a referral not
    # linked to a child's record counts under "Not known".
    by_area: dict = field(default_factory=dict)
    by_need: dict = field(default_factory=dict)

    def add_to(self, breakdown: dict, key: str, referred: date, on: date) -> None:
        breakdown.setdefault(key or NOT_KNOWN, Figures()).add(referred, on)


def age_band(born: date, on: date) -> str | None:
    age = age_on(born, on)
    for band, low, high in AGE_BANDS:
        if low <= age <= high:
            return band
    return None


def at_month_ends(month_ends: list[date], pathways=None) -> dict[tuple[int, date], MonthFigures]:
    """Figures for every (pathway id, month end): active pathways unless `pathways` is given."""
    pathways = list(pathways if pathways is not None else Pathway.objects.filter(active=True))
    if not month_ends or not pathways:
        return {}
    ends = sorted(month_ends)
    result = {(p.pk, end): MonthFigures(p, end) for p in pathways for end in ends}
    stop_index = {p.pk: list(STOP_FIELD.values()).index(p.stop_field) for p in pathways}
    rows = (
        Referral.objects.filter(pathway__in=pathways, referral_date__lte=ends[-1])
        .exclude(ended_on__lte=ends[0])
        .values_list(
            "pathway_id",
            "referral_date",
            "date_of_birth",
            "child__postcode",
            "child__primary_need",
            *STOP_FIELD.values(),
            "ended_on",
        )
    )
    for pathway_id, referred, born, postcode, need, *stops, ended in rows.iterator(chunk_size=5000):
        district = postcode_district(postcode)
        stopped = stops[stop_index[pathway_id]]
        off = min(d for d in (stopped, ended, date.max) if d)
        for end in ends:
            if referred > end:
                continue
            if off <= end:
                break
            figures = result[(pathway_id, end)]
            figures.all.add(referred, end)
            band = age_band(born, end)
            if band:
                figures.by_age[band].add(referred, end)
            figures.add_to(figures.by_area, district, referred, end)
            figures.add_to(figures.by_need, need, referred, end)
    return result


def at_month_end(month_end: date, pathways=None) -> dict[int, MonthFigures]:
    """Figures for one month end, by pathway id."""
    return {pk: figures for (pk, _), figures in at_month_ends([month_end], pathways).items()}


def typical_waits(on: date, pathways) -> dict[int, int | None]:
    """The median completed weeks from referral to the stop event, for children seen in the year to
    `on`, by pathway id (None where nobody was seen): what a family is told to expect. One query."""
    pathways = list(pathways)
    if not pathways:
        return {}
    first, _ = year_to(on)
    stop_index = {p.pk: list(STOP_FIELD.values()).index(p.stop_field) for p in pathways}
    waits: dict[int, list[int]] = {p.pk: [] for p in pathways}
    rows = Referral.objects.filter(pathway__in=pathways, referral_date__lte=on).values_list(
        "pathway_id", "referral_date", *STOP_FIELD.values()
    )
    for pathway_id, referred, *stops in rows.iterator(chunk_size=5000):
        stopped = stops[stop_index[pathway_id]]
        if stopped and first <= stopped <= on:
            waits[pathway_id].append(weeks_waited(referred, stopped))
    result = {}
    for pk, weeks in waits.items():
        weeks.sort()
        result[pk] = weeks[len(weeks) // 2] if weeks else None
    return result


def combined(figures: list[Figures]) -> Figures:
    """Several pathways' figures as one list (autism and ADHD are one KPI in seed 000)."""
    total = Figures()
    for f in figures:
        total.waiting += f.waiting
        total.total_days += f.total_days
        total.within_13 += f.within_13
        total.within_18 += f.within_18
        if f.longest_weeks is not None:
            total.longest_weeks = max(total.longest_weeks or 0, f.longest_weeks)
        for band in BANDS:
            total.bands[band] += f.bands[band]
    return total


def kpi_figures(days: list[date]) -> dict[tuple[str, date], Figures]:
    """(pathway code, month start) -> figures on each day (a month end, or today for the month in
    progress), for every active pathway: the KPI sources' one read."""
    figures = at_month_ends(days)
    return {(f.pathway.code, month_start(day)): f.all for (_, day), f in figures.items()}
