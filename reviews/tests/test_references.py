"""A review cycle's reference is unique; a clash with one taken at the same moment moves on."""

from datetime import date

import pytest

from people.tests.factories import ChildFactory
from reviews.models import AnnualReview
from reviews.services import next_reference, start_cycle
from reviews.tests.factories import quick_review

pytestmark = pytest.mark.django_db


def test_a_reference_taken_meanwhile_is_skipped_not_mistaken_for_an_open_cycle():
    first = quick_review(ChildFactory(), date(2026, 1, 5))
    # Another worker has just taken the next reference (as two starts at the same moment would).
    AnnualReview.objects.filter(pk=first.pk).update(reference=next_reference())

    second = quick_review(ChildFactory(), date(2026, 2, 2))

    assert second is not None
    assert second.reference != first.reference
    assert AnnualReview.objects.filter(reference=second.reference).count() == 1
    assert AnnualReview.objects.count() == 2


def test_a_plan_with_a_cycle_waiting_gets_no_second_one():
    first = quick_review(ChildFactory(), date(2026, 1, 5))

    assert start_cycle(None, first.plan, date(2026, 3, 2)) is None
    assert AnnualReview.objects.filter(plan=first.plan).count() == 1
