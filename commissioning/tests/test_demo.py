"""The demo builder: provision from the children in specialist settings, placements with costs, a
budget under the forecast spend, and intentions linked to joint-commissioning actions."""

import random

import pytest

from clock import dates
from commissioning import demo, places
from commissioning.models import HighNeedsBudget, Intention, Placement, PlacementCost, ProvisionPlaces
from core.demo import DemoContext
from improvement.plan_data import load_plan
from people.tests.factories import ChildFactory, SettingFactory

pytestmark = pytest.mark.django_db


def test_the_demo_builds_provision_placements_costs_budget_and_intentions(area, settings):
    load_plan()
    special = SettingFactory(
        setting_type="special", la_code=settings.AREA_LA_CODE, establishment_type="Foundation special school"
    )
    away = SettingFactory(
        setting_type="independent", la_code="998", establishment_type="Other independent special school"
    )
    mainstream = SettingFactory(la_code=settings.AREA_LA_CODE)
    kids = [ChildFactory(setting=special, primary_need="ASD") for _ in range(10)]
    kids += [ChildFactory(setting=away, primary_need="SEMH") for _ in range(4)]
    kids += [ChildFactory(setting=mainstream) for _ in range(3)]
    context = DemoContext(
        rng=random.Random(2),
        scale=0.01,
        today=dates.today(),
        progress=lambda items, *args, **kwargs: items,
        data={"settings": [special, away, mainstream], "children_with_plans": kids},
    )
    counts = demo.build(context)
    assert counts["placements"] == Placement.objects.count() == 14  # not the mainstream three
    assert PlacementCost.objects.count() == 14
    now = ProvisionPlaces.objects.get(provision__setting=special, from_year__isnull=True)
    assert (now.need, now.roll) == ("ASD", 10) and now.commissioned >= 10
    assert ProvisionPlaces.objects.filter(from_year=dates.today().year + 1).exists()  # new places
    assert not ProvisionPlaces.objects.filter(provision__setting=away).exists()  # out of area
    assert places.placements(dates.today(), out_of_district=True).count() == 4
    year = dates.financial_year(dates.today())
    assert HighNeedsBudget.objects.get(year=year).amount < places.budget(year).totals["education"]
    assert Intention.objects.count() == 3
    assert all(i.actions.filter(number__startswith="5.").exists() for i in Intention.objects.all())
