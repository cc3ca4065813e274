"""Issue 19: the data migration's recompute puts every review's stored clock columns back to the
engine's answer (reviews.stored_clocks), in batches, changing only the rows that differ."""

from datetime import date

import pytest

from people.tests.factories import ChildFactory
from reviews import services, timing
from reviews.models import AnnualReview
from reviews.stored_clocks import COLUMNS, recompute_reviews
from reviews.tests.factories import at, review_for

pytestmark = pytest.mark.django_db

TODAY = date(2026, 9, 1)


def stored(review):
    review.refresh_from_db()
    return tuple(getattr(review, name) for name in COLUMNS)


def test_the_recompute_restores_the_engines_columns_and_leaves_the_rest(area):
    with at(TODAY):
        wrong = review_for(ChildFactory(setting=area.school))
        right = review_for(ChildFactory(setting=area.school))
        expected = stored(wrong)
        AnnualReview.objects.filter(pk=wrong.pk).update(
            next_deadline=date(2026, 8, 1), next_step_key="amendment_comments", is_overdue=True
        )
        untouched = stored(right)
        assert recompute_reviews(AnnualReview, TODAY, batch=1) == 1
    assert stored(wrong) == expected and stored(right) == untouched
    line = timing.review_line(wrong, today=TODAY)
    engine = services.stored_clock(wrong, line)["next_deadline"]
    assert engine is not None and expected[0] == engine
