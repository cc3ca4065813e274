"""The only code that changes KPI records: loading definitions, taking snapshots of the system
figures, and recording figures and comparisons typed in by people."""

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from clock.dates import month_end, month_start
from performance.models import KPI, MANUAL, Comparison, ComparisonGroup, Measurement, Origin, Target
from performance.sources import SOURCES, Measured


@transaction.atomic
def load_definitions(entries, owners: dict | None = None) -> list[KPI]:
    """Create or update KPIs, trajectories and England comparisons from data entries (see
    performance/data/bradford_wsa.py). Safe to run again: it updates what is there."""
    owners = owners or {}
    kpis = []
    for position, entry in enumerate(entries):
        baseline = entry["baseline"] or (None, None, "")
        kpi, _ = KPI.objects.update_or_create(
            code=entry["code"],
            defaults={
                "position": position,
                "name": entry["name"],
                "measures": entry["measures"],
                "unit": entry["unit"],
                "higher_is_better": entry["higher"],
                "frequency": entry["frequency"],
                "source": entry["source"],
                "counts_children": entry["counts_children"],
                "owner_post": entry["owner"],
                "owner": owners.get(entry["code"]),
                "area_code": entry["area"],
                "baseline_value": _decimal(baseline[0]),
                "baseline_on": baseline[1],
                "baseline_note": baseline[2],
                "reference": entry["reference"],
                "method": _method(entry),
            },
        )
        kpi.targets.all().delete()
        Target.objects.bulk_create(
            Target(kpi=kpi, due_on=on, value=_decimal(v)) for on, v in entry["targets"]
        )
        for on, value, source in entry["england"]:
            Comparison.objects.update_or_create(
                kpi=kpi,
                group=ComparisonGroup.ENGLAND,
                on=on,
                defaults={"value": _decimal(value), "source": source},
            )
        kpis.append(kpi)
    return kpis


def _method(entry) -> str:
    if entry["source"] == MANUAL:
        return "Entered by the owner from the provider's or survey's own figures, with a note and evidence."
    return f"Counted by OpenSEND every night: {SOURCES[entry['source']].label.lower()}."


def _decimal(value) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def snapshot(as_of: date, progress=None) -> dict:
    """Store each system KPI's figure for the month holding `as_of` (month to date), in one
    transaction. Running it again the same day, or later in the month, updates the month's row."""
    kpis = list(KPI.objects.exclude(source=MANUAL))
    measured = Measured(month_start(as_of), as_of, today=as_of)
    return store_history(kpis, measured, [month_start(as_of)], progress=progress)


@transaction.atomic
def store_history(kpis, measured: Measured, months: list[date], progress=None) -> dict:
    """Write each KPI's figure for each month (upserting on KPI and month). Returns counts."""
    existing = {
        (m.kpi_id, m.period_start): m
        for m in Measurement.objects.filter(kpi__in=kpis, period_start__in=months, origin=Origin.SYSTEM)
    }
    created, updated = [], []
    items = progress(kpis, "KPIs") if progress else kpis
    for kpi in items:
        source = SOURCES.get(kpi.source)
        if source is None:
            continue
        for month in months:
            figure = source.read(measured, month)
            if figure is None:
                continue
            end = min(month_end(month), measured.end)
            row = existing.get((kpi.pk, month))
            if row is None:
                created.append(
                    Measurement(
                        kpi=kpi,
                        period_start=month,
                        period_end=end,
                        value=figure.value,
                        numerator=figure.numerator,
                        denominator=figure.denominator,
                        origin=Origin.SYSTEM,
                    )
                )
            else:
                row.period_end, row.value = end, figure.value
                row.numerator, row.denominator = figure.numerator, figure.denominator
                row.version, row.modified_at = row.version + 1, timezone.now()
                updated.append(row)
    # A month a person already typed a figure for keeps theirs: the system never overwrites it.
    typed = set(
        Measurement.objects.filter(kpi__in=kpis, period_start__in=months, origin=Origin.MANUAL).values_list(
            "kpi_id", "period_start"
        )
    )
    created = [m for m in created if (m.kpi_id, m.period_start) not in typed]
    Measurement.objects.bulk_create(created, batch_size=500)
    Measurement.objects.bulk_update(
        updated, ["period_end", "value", "numerator", "denominator", "version", "modified_at"], batch_size=500
    )
    return {"created": len(created), "updated": len(updated)}


class MonthTaken(Exception):
    """The KPI already has a figure for that month: change it instead."""

    def __init__(self, measurement):
        super().__init__("A figure for this month already exists")
        self.measurement = measurement


def add_measurement(user, kpi, *, as_at, value, numerator=None, denominator=None, note="", evidence=None):
    """A figure typed in by its owner or a manager, with the note and evidence that back it."""
    start = month_start(as_at)
    taken = Measurement.objects.filter(kpi=kpi, period_start=start).first()
    if taken:
        raise MonthTaken(taken)
    measurement = Measurement(
        kpi=kpi,
        period_start=start,
        period_end=as_at,
        value=value,
        numerator=numerator,
        denominator=denominator,
        origin=Origin.MANUAL,
        note=note,
        created_by=user,
        modified_by=user,
    )
    _attach(measurement, evidence)
    measurement.save()
    return measurement


def change_measurement(user, measurement, expected_version, *, value, numerator, denominator, note, evidence):
    """Correct a typed figure; refused (StaleEditError) if someone changed it since the form opened."""
    measurement.value, measurement.numerator, measurement.denominator = value, numerator, denominator
    measurement.note, measurement.origin = note, Origin.MANUAL
    _attach(measurement, evidence)
    measurement.save_edit(expected_version, user)
    return measurement


def _attach(measurement, evidence):
    if evidence is not None:
        measurement.evidence = evidence.upload
        measurement.evidence_title = evidence.title
        measurement.evidence_type = evidence.content_type


def record_comparison(user, kpi, *, group, on, value, source=""):
    comparison, _ = Comparison.objects.update_or_create(
        kpi=kpi,
        group=group,
        on=on,
        defaults={"value": value, "source": source, "created_by": user, "modified_by": user},
    )
    return comparison
