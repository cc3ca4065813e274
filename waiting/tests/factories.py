"""Test data: the seed pathways loaded for real, and referrals on them."""

from datetime import date

import factory

from people.tests.factories import valid_nhs_number
from waiting.data import load_pathways
from waiting.models import Pathway, Referral, RegisterEntry


def pathways() -> dict[str, Pathway]:
    load_pathways()
    return {p.code: p for p in Pathway.objects.all()}


class ReferralFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Referral

    nhs_number = factory.Sequence(lambda n: valid_nhs_number(20000 + n))
    date_of_birth = date(2015, 5, 14)
    pathway = factory.LazyFunction(lambda: pathways()["autism"])
    provider_reference = factory.Sequence(lambda n: f"REF-{n:05d}")
    referral_date = date(2025, 1, 6)


class RegisterEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RegisterEntry

    inclusion_reason = "autism"
    risk_reason = "Placement at risk of breaking down; two crisis contacts this month."
    consent = "given"
    consent_on = date(2025, 3, 3)
    risk_rating = "amber"
    added_on = date(2025, 3, 3)
