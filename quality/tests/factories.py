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


def grades_for(audit, weak_area: str = "", grade: str = "good"):
    """{criterion pk: (grade, comment)} for every criterion, `weak_area`'s one requiring improvement."""
    result = {}
    for criterion in audit.rubric.criteria.all():
        if criterion.area == weak_area:
            result[criterion.pk] = ("requires_improvement", f"{criterion.title} needs to be more specific")
        else:
            result[criterion.pk] = (grade, "Clear and specific")
    return result


def audit_cycle(area):
    """One audit at each stage, on plans whose caseworker is the caseworker persona: `assigned` (to
    the auditor persona), `submitted` (by a second auditor, for the auditor persona to moderate),
    `moderating` (with a disagreement to resolve) and `action` (a finding for the caseworker)."""
    from people.tests.factories import UserFactory
    from quality import services

    if hasattr(area, "quality"):
        return area.quality
    manager, auditor, caseworker = (area.users[p] for p in ("manager", "auditor", "caseworker"))
    second = UserFactory(username="second_auditor", role="auditor")
    for _ in range(3):
        plan_for(caseworker)
    sample = services.draw_sample(
        None, manager, cycle=CYCLE, kind="thematic", theme="caseworker", value=caseworker.pk, size=3, seed=1
    )
    assigned, submitted, moderating = sample.audits.order_by("pk")
    services.assign(None, assigned, auditor, manager)
    for audit in (submitted, moderating):
        services.assign(None, audit, second, manager)
        audit.refresh_from_db()
        services.save_audit(None, audit, second, audit.version, grades_for(audit, "E"), "good", submit=True)
    moderating.refresh_from_db()
    moderation = services.moderate(None, moderating, auditor, grades_for(moderating, "F"), "good")
    submitted.refresh_from_db()
    assigned.refresh_from_db()
    area.quality = type(
        "Cycle",
        (),
        {
            "sample": sample,
            "assigned": assigned,
            "submitted": submitted,
            "moderating": moderating,
            "moderation": moderation,
            "second": second,
            "action": submitted.actions.get(),
        },
    )
    return area.quality
