"""The demo KPIs: the seed's indicators load, external ones get figures marked as demo data, and
the same seed always gives the same figures."""

import random
from datetime import date

import pytest

from core.demo import DemoContext
from performance import demo
from performance.data.bradford_wsa import KPIS
from performance.models import KPI, Measurement, Origin
from performance.tests.helpers import plan_issued

pytestmark = pytest.mark.django_db


def _context(seed=7):
    return DemoContext(
        rng=random.Random(seed), scale=0.01, today=date(2026, 6, 15), progress=lambda it, *a, **k: it
    )


def _figures():
    return list(
        Measurement.objects.order_by("kpi__code", "period_start").values_list(
            "kpi__code", "period_end", "value"
        )
    )


def test_the_demo_loads_the_seed_kpis_with_history():
    plan_issued(date(2026, 5, 20), 18)
    summary = demo.build(_context())
    assert KPI.objects.count() == len(KPIS) and summary["KPIs with their trajectories"] == len(KPIS)
    twenty = KPI.objects.get(code="EHC-20W").measurements.get()
    assert (twenty.period_end, twenty.numerator, twenty.denominator, twenty.origin) == (
        date(2026, 5, 31),
        1,
        1,
        Origin.SYSTEM,
    )
    for kpi in KPI.objects.filter(source="manual"):
        figures = list(kpi.measurements.all())
        assert figures, kpi.code
        assert all(f.note.startswith("Demo data") and f.period_end <= date(2026, 6, 15) for f in figures)
    antenatal = KPI.objects.get(code="3.1.1").measurements.values_list("period_end", flat=True)
    assert {d.month for d in antenatal} <= {3, 6, 9, 12}  # quarterly


def test_the_same_seed_gives_the_same_figures():
    demo.build(_context())
    first = _figures()
    Measurement.objects.all().delete()
    demo.build(_context())
    assert _figures() == first


def test_the_demo_areas_kpis_are_owned_by_its_own_posts_not_bradfords(settings):
    settings.AREA_NAME = "Brookfield"
    demo.build(_context())
    assert any("Bradford" in entry["owner"] for entry in KPIS)  # the seed is Bradford's
    assert not KPI.objects.filter(owner_post__contains="Bradford").exists()
    assert KPI.objects.filter(owner_post__contains="Brookfield").exists()
