from datetime import date, timedelta
from decimal import Decimal

import pytest

from people.tests.factories import ChildFactory
from performance import services
from performance.data.bradford_wsa import KPIS
from performance.models import KPI
from performance.scorecard import kpi_scorecard
from performance.sources import SOURCES, Measured
from waiting import health
from waiting.tests.factories import ReferralFactory, pathways

pytestmark = pytest.mark.django_db

END = date(2026, 5, 31)


def test_the_autism_and_adhd_kpis_are_counted_from_both_lists_against_seed_000s_trajectory(
    django_assert_max_num_queries,
):
    p = pathways()
    services.load_definitions(KPIS)
    ReferralFactory(pathway=p["autism"], referral_date=END - timedelta(weeks=10))
    ReferralFactory(pathway=p["adhd"], referral_date=END - timedelta(weeks=30))
    ReferralFactory(pathway=p["camhs"], referral_date=END - timedelta(weeks=20))
    ReferralFactory(pathway=p["camhs"], referral_date=END - timedelta(weeks=2))
    with django_assert_max_num_queries(30):  # every system KPI, not only these
        services.snapshot(END)
    figure = {
        k.code: k.measurements.get() for k in KPI.objects.filter(code__in=["4.1a", "4.1b", "4.1c", "4.2"])
    }
    assert figure["4.1a"].value == Decimal("20.0") and figure["4.1a"].denominator == 2
    assert figure["4.1b"].value == 30
    assert (figure["4.1c"].value, figure["4.1c"].numerator) == (Decimal("50.0"), 1)
    assert (figure["4.2"].value, figure["4.2"].numerator, figure["4.2"].denominator) == (
        Decimal("50.0"),
        1,
        2,
    )
    rows = {r["code"]: r for r in kpi_scorecard(END)}
    assert rows["4.1a"]["target"] == 26  # the Sept 24 milestone, still the latest
    assert rows["4.1c"]["target"] == 12


def test_the_month_in_progress_is_counted_to_today():
    pathways()
    ReferralFactory(pathway=pathways()["salt"], referral_date=date(2026, 5, 1))
    measured = Measured(date(2026, 5, 1), date(2026, 5, 31), today=date(2026, 5, 15))
    assert SOURCES["wait_salt_18w"].read(measured, date(2026, 5, 1)).value == 100
    assert SOURCES["wait_wheelchairs_18w"].read(measured, date(2026, 5, 1)) is None


def test_health_assessments_on_time_by_month():
    episode = health.start_episode(None, None, ChildFactory(), date(2026, 4, 1), today=date(2026, 4, 1))
    health.record_assessment(None, None, episode, date(2026, 4, 20), today=date(2026, 4, 20))  # due 1 May
    health.start_episode(None, None, ChildFactory(), date(2026, 4, 6), today=date(2026, 4, 6))  # due 6 May
    measured = Measured(date(2026, 5, 1), date(2026, 5, 31), today=date(2026, 6, 2))
    figure = SOURCES["iha_on_time"].read(measured, date(2026, 5, 1))
    assert (figure.value, figure.numerator, figure.denominator) == (Decimal("50.0"), 1, 2)
    assert SOURCES["rha_on_time"].read(measured, date(2026, 5, 1)) is None
