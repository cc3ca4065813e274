"""Factories for Local Offer records, and the small Local Offer the permission matrix uses."""

from dataclasses import dataclass
from datetime import timedelta

import factory

from accounts.roles import Role
from clock import dates
from directory import search, taxonomy
from directory.choices import FeedbackKind
from directory.models import (
    Contact,
    Feedback,
    Location,
    Organization,
    Phone,
    Postcode,
    ProposedChange,
    Service,
    ServiceAtLocation,
    TaxonomyTerm,
    YouSaidWeDid,
)
from people.tests.factories import UserFactory


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Brookfield Charity {n}")
    description = "A local charity."


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service

    organization = factory.SubFactory(OrganizationFactory)
    name = factory.Sequence(lambda n: f"Service {n}")
    description = "A service for families."
    funding_type = "voluntary"
    review_due = factory.LazyFunction(lambda: dates.today() + timedelta(days=90))
    last_checked = factory.LazyFunction(lambda: dates.today() - timedelta(days=90))


def owner(username="provider", **kwargs):
    return UserFactory(username=username, role=Role.SERVICE_OWNER, email=f"{username}@example.org", **kwargs)


def terms():
    """Code -> term; the migration loads them, but a flushed test database may not have them."""
    return TaxonomyTerm.objects.in_bulk(field_name="code") or taxonomy.load()


def make_service(*, tags=(), postcode=None, latitude=None, longitude=None, phone="", town="", **fields):
    """A service with its terms, an optional place and phone, indexed for search."""
    service = ServiceFactory(**fields)
    if tags:
        known = terms()
        service.taxonomy_terms.set([known[code] for code in tags])
    if postcode or latitude is not None:
        location = Location.objects.create(
            name=f"{service.name} venue",
            address_1="1 Mill Lane",
            city=town,
            postcode=postcode or "",
            latitude=latitude,
            longitude=longitude,
        )
        ServiceAtLocation.objects.create(service=service, location=location)
    if phone:
        contact = Contact.objects.create(service=service, title="Enquiries")
        Phone.objects.create(contact=contact, number=phone)
    search.index_services([service.pk])
    return service


def postcode(code, latitude, longitude):
    outward, inward = code.split(" ")
    return Postcode.objects.create(
        postcode=code,
        sector=f"{outward} {inward[0]}",
        outward=outward,
        latitude=latitude,
        longitude=longitude,
    )


@dataclass
class LocalOffer:
    service: Service  # owned by the service_owner persona
    other_service: Service  # owned by another provider
    change: ProposedChange
    feedback: Feedback
    item: YouSaidWeDid


def local_offer_for(area) -> LocalOffer:
    """The Local Offer records the permission matrix opens, made once per test area."""
    found = getattr(area, "local_offer", None)
    if found is None:
        service = make_service(
            name="Saturday Sensory Club",
            owner=area.users["service_owner"],
            tags=["short-breaks", "autism", "autism-assessment"],
            postcode="BF1 1AA",
            latitude=53.80,
            longitude=-1.75,
            phone="01632 960001",
        )
        other = make_service(name="Someone Else's Service", owner=owner("other.provider"))
        change = ProposedChange.objects.create(
            service=service,
            proposed_by=service.owner,
            changes={"when_available": {"old": "", "new": "Saturdays, 10am to 12 noon"}},
            base_version=service.version,
        )
        feedback = Feedback.objects.create(
            kind=FeedbackKind.PROBLEM,
            page=f"/local-offer/services/{service.pk}/",
            service=service,
            text="Wrong",
        )
        item = YouSaidWeDid.objects.create(you_said="Hard to find", we_did="Made it easier", published=True)
        found = area.local_offer = LocalOffer(service, other, change, feedback, item)
    return found
