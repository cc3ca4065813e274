"""The demo Local Offer is in proportion, owned, placed, findable and valid Open Referral UK."""

import json
import random

import pytest
from django.urls import reverse

from accounts.roles import Role
from clock import dates
from core.demo import DemoContext
from core.management.commands.seed_demo import DEMO_BUILDERS
from directory import demo, queries, search
from directory.models import Feedback, Location, ProposedChange, Service
from directory.tests import oruk_schemas

pytestmark = pytest.mark.django_db


@pytest.fixture
def built():
    context = DemoContext(
        rng=random.Random(3), scale=0.1, today=dates.today(), progress=lambda items, label, total=None: items
    )
    counts = demo.build(context)
    return context, counts


def test_it_is_a_seed_demo_builder():
    assert "directory.demo.build" in DEMO_BUILDERS


def test_it_leaves_a_local_offer_that_already_has_services_alone(built):
    before = Service.objects.count()
    context = DemoContext(rng=random.Random(3), scale=0.1, today=dates.today(), progress=lambda i, *a, **k: i)
    assert demo.build(context) == {"Local Offer services added (it already had some)": 0}
    assert Service.objects.count() == before


def test_the_demo_local_offer_is_in_proportion(built):
    _, counts = built
    services = Service.objects.all()
    assert 60 <= services.count() <= 90
    assert counts["Local Offer services"] == services.count()
    overdue = services.filter(review_due__lt=dates.today()).count() / services.count()
    assert 0.08 <= overdue <= 0.35
    assert not services.filter(owner=None).exists()
    assert set(services.values_list("owner__role", flat=True)) == {Role.SERVICE_OWNER}
    assert set(services.values_list("funding_type", flat=True)) == {
        "education",
        "health",
        "social_care",
        "voluntary",
    }
    assert not services.filter(taxonomy_terms=None).exists()
    assert Location.objects.exclude(postcode__startswith="BF").count() == 0
    assert not Location.objects.filter(latitude=None).exists()
    assert Feedback.objects.exists() and ProposedChange.objects.filter(status="pending").exists()


def test_every_health_pathway_has_services(built):
    for code in (
        "autism-assessment",
        "adhd-assessment",
        "camhs",
        "speech-therapy",
        "wheelchairs",
        "specialist-equipment",
    ):
        assert queries.with_terms(Service.objects.all(), [code]).exists(), code


def test_the_demo_is_searchable_and_valid_open_referral(built, client):
    found = search.search(queries.listed_services(), "wheelchairs").services
    assert found[0].name == "Children's Wheelchair Service"
    service = Service.objects.order_by("name").first()
    data = json.loads(client.get(reverse("oruk:service_detail", args=[service.pk])).content)
    oruk_schemas.for_object("compiled/service.json").validate(data)


def test_the_same_seed_makes_the_same_local_offer():
    def names(seed):
        Service.objects.all().delete()
        Location.objects.all().delete()
        context = DemoContext(
            rng=random.Random(seed), scale=0.05, today=dates.today(), progress=lambda i, *a, **k: i
        )
        demo.build(context)
        return sorted(Service.objects.values_list("name", "review_due"))

    assert names(5) == names(5)
