"""Demo data for the portal: a few families waiting for a caseworker to confirm their link to a
child, and the demo parent's half-written request for an assessment ("Your saved request").

The link requests name real Brookfield children exactly as the family typed them, so the
caseworker's list shows each request beside its matching record, ready to approve or refuse.
"""

from datetime import datetime, time, timedelta

from django.utils import timezone

from core.demo import make_uuid
from people.access import parents_may_see_q
from people.models import Child
from portal.models import AssessmentRequestDraft, LinkRequest

WAITING_LINK_REQUESTS = 3


def build(context):
    rng = context.rng
    parents = context.data["accounts"].get("parent", [])
    children = context.data.get("children_sen_support", [])
    requests = []
    for user in parents[1 : 1 + WAITING_LINK_REQUESTS]:
        if not children:
            break
        child = rng.choice(children)
        requests.append(
            LinkRequest(
                public_id=make_uuid(rng),
                requested_by=user,
                child_first_name=child.legal_first_name,
                child_last_name=child.legal_last_name,
                child_date_of_birth=child.date_of_birth,
                relationship=rng.choice(["mother", "father", "carer"]),
                note="I am the child's main carer and would like to see how the request is going.",
            )
        )
    LinkRequest.objects.bulk_create(requests)

    drafts = []
    demo_parent = context.data["users"].get("parent")
    own = list(demo_parent.parent_carer.relationships.filter(verified=True)[:1]) if demo_parent else []
    if own:
        drafts.append(
            AssessmentRequestDraft(
                public_id=make_uuid(rng),
                author=demo_parent,
                route=AssessmentRequestDraft.Route.FAMILY,
                child=own[0].child,
                relationship=own[0].relationship,
                needs="Reading and writing are very hard. Loud rooms upset them and they leave class.",
            )
        )
    AssessmentRequestDraft.objects.bulk_create(drafts)
    return {
        "link requests waiting for a caseworker": len(requests),
        "saved requests": len(drafts),
        "young people who let their parents see their records": young_peoples_agreement(context),
    }


def young_peoples_agreement(context) -> int:
    """Most young people whose parents have accounts have said their parents may see their records
    (CoP 8.13-8.17); every third has not said yet, so the demo shows a parent waiting too. Chosen
    by record (not by the shared random stream), so the builders after this one are unchanged."""
    over_school_age = Child.objects.filter(
        relationships__parent_carer__user__isnull=False, relationships__verified=True
    ).exclude(parents_may_see_q(context.today))
    agreed = [pk for pk in over_school_age.values_list("pk", flat=True).distinct() if pk % 3]
    decided_at = timezone.make_aware(datetime.combine(context.today - timedelta(days=30), time(10)))
    return Child.objects.filter(pk__in=agreed).update(parents_may_see=True, parents_decided_at=decided_at)
