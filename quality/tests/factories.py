"""Plans to audit: a few made through the real plan services, or many bulk-inserted."""

from datetime import date

from django.db.models import OuterRef, Subquery

from people.models import Child
from people.tests.factories import ChildFactory
from plans.models import EHCPlan, PlanVersion
from plans.tests.factories import ISSUED_ON, issued_plan

CYCLE = date(2026, 9, 1)


def plan_for(caseworker, **child_values):
    """(plan, version) for a new child, issued on 27 July 2026 with `caseworker` as its caseworker."""
    return issued_plan(ChildFactory(**child_values), caseworker)


def bulk_plans(count: int, in_care_every: int = 10) -> None:
    """`count` issued plans in a handful of queries (every `in_care_every`th child looked after)."""
    children = Child.objects.bulk_create(
        Child(
            legal_first_name="Test",
            legal_last_name=f"Child {n}",
            search_name=f"test child {n}",
            date_of_birth=date(2012, 1, 1),
            social_care_status="LAC" if n % in_care_every == 0 else "",
        )
        for n in range(count)
    )
    plans = EHCPlan.objects.bulk_create(EHCPlan(child=child, first_issued_on=ISSUED_ON) for child in children)
    PlanVersion.objects.bulk_create(
        PlanVersion(plan=plan, number=1, kind="final", status="issued", issued_on=ISSUED_ON) for plan in plans
    )
    first = PlanVersion.objects.filter(plan=OuterRef("pk")).order_by("pk").values("pk")[:1]
    EHCPlan.objects.filter(latest_issued__isnull=True).update(latest_issued=Subquery(first))
