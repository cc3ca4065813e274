"""Demo data for the portal: a few families waiting for a caseworker to confirm their link to a
child, and the demo parent's half-written request for an assessment ("Your saved request").

The link requests name real Brookfield children exactly as the family typed them, so the
caseworker's list shows each request beside its matching record, ready to approve or refuse.
"""

from core.demo import make_uuid
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
    return {"link requests waiting for a caseworker": len(requests), "saved requests": len(drafts)}
