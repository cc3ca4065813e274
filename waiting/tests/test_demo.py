import random
from datetime import date

import pytest

from core.demo import DemoContext
from people.models import ChildRelationship
from people.tests.factories import ChildFactory, ParentCarerFactory, UserFactory
from performance import demo as performance_demo
from performance import services
from performance.data.bradford_wsa import KPIS
from performance.models import KPI
from waiting import demo, measures
from waiting.models import CareEpisode, Referral, RegisterEntry

pytestmark = pytest.mark.django_db
TODAY = date(2026, 6, 15)


def _context(seed=7, scale=0.02):
    return DemoContext(rng=random.Random(seed), scale=scale, today=TODAY, progress=lambda it, *a, **k: it)


def test_the_demo_lists_look_like_seed_000s_area_4():
    parent = UserFactory(role="parent")
    child = ChildFactory(primary_need="ASD", social_care_status="LAC")
    link = ParentCarerFactory(user=parent)
    ChildRelationship.objects.create(child=child, parent_carer=link, relationship="mother", verified=True)
    services.load_definitions(KPIS)
    context = _context(scale=0.1)
    context.data["users"] = {"parent": parent}
    summary = demo.build(context)
    assert summary["health referrals"] == Referral.objects.count() - 1 >= 1900
    figures = measures.at_month_end(date(2026, 5, 31))
    by_code = {f.pathway.code: f.all for f in figures.values()}
    # Long neurodevelopmental waits; CAMHS and therapies mostly within 18 weeks.
    assert by_code["autism"].average_weeks > 15 and by_code["autism"].longest_weeks > 45
    assert by_code["camhs"].pct_within_18 > 60
    assert Referral.objects.filter(child=child, pathway__code="camhs", treatment_start=None).exists()
    assert RegisterEntry.objects.exists() and CareEpisode.objects.exists()
    # The demo's last builder stores the history of the KPIs these lists feed.
    stored = performance_demo.measured_later(context)
    assert stored["monthly figures from surveys, plan audits and waiting lists"] > 0
    assert KPI.objects.get(code="4.1a").measurements.count() > 30


def test_the_same_seed_gives_the_same_lists():
    demo.build(_context())
    first = list(
        Referral.objects.order_by("provider_reference").values_list("referral_date", "treatment_start")
    )
    Referral.objects.all().delete()
    demo.build(_context())
    again = list(
        Referral.objects.order_by("provider_reference").values_list("referral_date", "treatment_start")
    )
    assert first == again
