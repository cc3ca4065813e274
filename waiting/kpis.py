"""The KPI figures counted from health waiting lists and children in care's health assessments
(core/kpis.py); waiting.measures and waiting.health own the rules."""

from decimal import Decimal

from clock.dates import month_ends
from core.kpis import Figure, kpi_measure, kpi_source
from waiting.health import on_time_by_month
from waiting.measures import combined, kpi_figures

ORDER = 80


@kpi_measure("waiting")
def waiting_lists(measured) -> dict:
    """(pathway code, month start) -> waiting-list figures at each month's end, or today for the
    month in progress."""
    return kpi_figures(
        [
            min(end, measured.today)
            for end in month_ends(measured.start, measured.end)
            if end.replace(day=1) <= measured.today
        ]
    )


@kpi_measure("health_assessments")
def health_assessments(measured) -> dict:
    """(month start, kind) -> children in care's assessments due that month, done on time."""
    return on_time_by_month(measured.start, min(measured.end, measured.today), measured.today)


def _waiting(codes, attribute):
    """A waiting-list figure at the month's end, over one or more pathways."""

    def read(measured, month):
        waiting = measured.of("waiting")
        found = [waiting[(code, month)] for code in codes if (code, month) in waiting]
        figures = combined(found) if found else None
        if figures is None or not figures.waiting:
            return None
        value = getattr(figures, attribute)
        numerator = {"pct_within_13": figures.within_13, "pct_within_18": figures.within_18}.get(attribute)
        return Figure(Decimal(str(value)), numerator, figures.waiting)

    return read


def _health_assessments(kind):
    def read(measured, month):
        share = measured.of("health_assessments").get((month, kind))
        if share is None or not share.due:
            return None
        return Figure(Decimal(str(share.percent)), share.on_time, share.due)

    return read


for key, label, codes, attribute in [
    ("wait_autism_adhd_average", "Autism and ADHD: average wait (weeks)", ("autism", "adhd"),
     "average_weeks"),
    ("wait_autism_adhd_longest", "Autism and ADHD: longest wait (weeks)", ("autism", "adhd"),
     "longest_weeks"),
    ("wait_autism_adhd_13w", "Autism and ADHD: % waiting 13 weeks or less", ("autism", "adhd"),
     "pct_within_13"),
    ("wait_camhs_18w", "CAMHS: % waiting 18 weeks or less", ("camhs",), "pct_within_18"),
    ("wait_salt_18w", "Speech and language therapy: % waiting 18 weeks or less", ("salt",), "pct_within_18"),
    ("wait_equipment_18w", "Specialist equipment: % waiting 18 weeks or less", ("equipment",),
     "pct_within_18"),
    ("wait_wheelchairs_18w", "Wheelchairs: % waiting 18 weeks or less", ("wheelchairs",), "pct_within_18"),
]:
    kpi_source(key, label, _waiting(codes, attribute), order=ORDER)
kpi_source("iha_on_time", "Initial health assessments of children in care on time",
           _health_assessments("initial"), order=ORDER)
kpi_source("rha_on_time", "Review health assessments of children in care on time",
           _health_assessments("review"), order=ORDER)
