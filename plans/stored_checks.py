"""Keeping each live plan's quality results stored (QualityResult), so /plans/quality/ reads them.

A current version's result is stale when it has none, when it was judged in another school year
(year groups move on each September), or when the version or its child was saved since (a plan
issued or amended, a child's social care status or date of birth corrected). Stale results are
judged again: a few at once when the quality page opens, many on the job queue (with a progress
bar), and every night by the scheduled task (plans/jobs.py), which also catches changes made
without saving the model (bulk updates)."""

from datetime import date

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from clock import dates
from plans.facts import CHUNK, facts_for_many
from plans.measures import current_versions, summary
from plans.models import QualityResult


def stale(today: date):
    """The current versions whose stored result is missing or out of date."""
    result = Q(quality_result__isnull=True)
    result |= ~Q(quality_result__school_year=dates.academic_year_start(today))
    result |= Q(quality_result__checked_at__lt=F("modified_at"))
    result |= Q(quality_result__checked_at__lt=F("plan__child__modified_at"))
    return current_versions().filter(result)


def check_and_store(versions, today: date, progress=None) -> int:
    """Judge `versions` (pks, or a queryset) and store their results; returns how many."""
    ids = list(versions.values_list("pk", flat=True)) if hasattr(versions, "values_list") else list(versions)
    year = dates.academic_year_start(today)
    if progress:
        progress(0, len(ids), "Checking the plans")
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        now = timezone.now()
        rows = [
            QualityResult(version_id=pk, school_year=year, checked_at=now, **summary(facts))
            for pk, facts in facts_for_many(chunk, today).items()
        ]
        with transaction.atomic():
            QualityResult.objects.filter(version_id__in=chunk).delete()
            QualityResult.objects.bulk_create(rows)
        if progress:
            progress(start + len(chunk))
    return len(ids)
