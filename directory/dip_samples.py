"""The quarterly dip-sample audit of the Local Offer.

Each quarter a manager draws a random sample of the live service pages (10%, and at least 20)
and checks each by hand against what the service really offers. The measure is the share of the
checked pages that were current; the target is 95%. The sample is drawn from a stored seed, so
anyone can draw it again from the same services and see it was not picked by hand.
"""

import math
import random
import secrets
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from clock import dates
from directory import queries
from directory.models import DipSample, DipSampleCheck, Finding

SAMPLE_PERCENT = 10
SAMPLE_MINIMUM = 20
TARGET = 0.95
CHANGE_REASON = "Dip-sample audit found the page out of date"
EXPORT_COLUMNS = [
    "Quarter",
    "Service",
    "Organisation",
    "Service ID",
    "Finding",
    "Notes",
    "Checked by",
    "Checked on",
]


def quarter_label(start: date) -> str:
    """ "January to March 2025": months, not "Q4", because councils number quarters from April."""
    end = dates.add_months(start, 2)
    return f"{start:%B} to {end:%B %Y}"


def quarters_to_start(today: date) -> list[date]:
    """This quarter and the last one (an audit is often done just after a quarter ends), less
    those already audited."""
    this = dates.quarter_start(today)
    candidates = [this, dates.add_months(this, -3)]
    taken = set(
        DipSample.objects.filter(quarter_start__in=candidates).values_list("quarter_start", flat=True)
    )
    return [start for start in candidates if start not in taken]


def sample_size(population: int, percent: int = SAMPLE_PERCENT) -> int:
    """The share asked for, rounded up, but at least SAMPLE_MINIMUM (or every service, if fewer)."""
    return min(population, max(math.ceil(population * percent / 100), SAMPLE_MINIMUM))


def draw(service_ids, seed: int, percent: int = SAMPLE_PERCENT) -> list:
    """The sample: the same services and seed always give the same sample, in any order given."""
    population = sorted(service_ids, key=str)
    return random.Random(seed).sample(population, sample_size(len(population), percent))


def start(quarter: date, user, percent: int = SAMPLE_PERCENT, seed: int | None = None) -> DipSample:
    """Draw the sample for a quarter from the services live on the Local Offer now."""
    seed = secrets.randbelow(2**31) if seed is None else seed
    live = queries.listed_services().select_related("organization")
    services = {service.pk: service for service in live}
    with transaction.atomic():
        dip_sample = DipSample.objects.create(
            quarter_start=dates.quarter_start(quarter),
            seed=seed,
            share_percent=percent,
            population=len(services),
            started_by=user,
        )
        DipSampleCheck.objects.bulk_create(
            DipSampleCheck(
                dip_sample=dip_sample,
                service=services[pk],
                service_name=services[pk].name,
                organisation_name=services[pk].organization.name,
            )
            for pk in draw(services, seed, percent)
        )
    return dip_sample


@dataclass(frozen=True)
class Result:
    sampled: int
    checked: int
    current: int
    change: int | None = None  # points up or down on the quarter before, once both have checks

    @property
    def percent(self) -> int | None:
        # Rounded down, so 94.7% is never shown as meeting a 95% target.
        return self.current * 100 // self.checked if self.checked else None

    @property
    def meets_target(self) -> bool:
        return bool(self.checked) and self.current / self.checked >= TARGET

    @property
    def target_percent(self) -> int:
        return round(TARGET * 100)

    @property
    def change_in_words(self) -> str:
        if self.change is None:
            return ""
        if self.change == 0:
            return "No change"
        points = abs(self.change)
        return f"{'Up' if self.change > 0 else 'Down'} {points} point{'' if points == 1 else 's'}"

    @property
    def complete(self) -> bool:
        return self.checked == self.sampled


def _counted(samples):
    return samples.annotate(
        sampled=Count("checks"),
        checked=Count("checks", filter=~Q(checks__finding="")),
        current=Count("checks", filter=Q(checks__finding=Finding.CURRENT)),
    )


def result_of(dip_sample: DipSample) -> Result:
    counted = _counted(DipSample.objects.filter(pk=dip_sample.pk)).get()
    return Result(counted.sampled, counted.checked, counted.current)


def by_quarter() -> list[tuple[DipSample, Result]]:
    """Every audit, newest quarter first, with its change on the quarter before: the trend."""
    samples = list(_counted(DipSample.objects.order_by("quarter_start")))
    rows, previous = [], None
    for sample in samples:
        result = Result(sample.sampled, sample.checked, sample.current)
        if previous is not None and previous.percent is not None and result.percent is not None:
            result = Result(result.sampled, result.checked, result.current, result.percent - previous.percent)
        rows.append((sample, result))
        previous = result if result.checked else previous
    return rows[::-1]


def finding_counts(dip_sample: DipSample) -> list[tuple[str, int]]:
    counts = dict(
        dip_sample.checks.exclude(finding="").values_list("finding").annotate(n=Count("pk")).order_by()
    )
    return [(label, counts.get(code, 0)) for code, label in Finding.choices]


def record_finding(check: DipSampleCheck, finding: str, notes: str, user) -> DipSampleCheck:
    """Save what the check found. An out-of-date page is made due for review today, so the
    daily reminder asks its owner to put it right (directory.reminders)."""
    with transaction.atomic():
        newly_out_of_date = finding == Finding.OUT_OF_DATE and check.finding != Finding.OUT_OF_DATE
        check.finding, check.notes = finding, notes
        check.checked_at, check.checked_by = timezone.now(), user
        check.save()
        service = check.service
        today = dates.today()
        if newly_out_of_date and service is not None and service.review_due > today:
            service.review_due = today
            service.modified_by = user
            service._change_reason = CHANGE_REASON
            service.save(update_fields=["review_due", "modified_by", "modified_at"])
    return check


def export_rows(dip_sample: DipSample):
    label = quarter_label(dip_sample.quarter_start)
    for check in dip_sample.checks.select_related("checked_by").order_by("service_name", "pk"):
        yield [
            label,
            check.service_name,
            check.organisation_name,
            str(check.service_id or ""),
            check.get_finding_display() or "Not checked yet",
            check.notes,
            str(check.checked_by or ""),
            timezone.localtime(check.checked_at).strftime("%d/%m/%Y") if check.checked_at else "",
        ]
