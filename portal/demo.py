"""Demo data for the portal: a few families waiting for a caseworker to confirm their link to a
child, and the demo parent's half-written request for an assessment ("Your saved request").

The link requests name real Brookfield children exactly as the family typed them, so the
caseworker's list shows each request beside its matching record, ready to approve or refuse.
"""

from datetime import datetime, time, timedelta

from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from core.demo import demo_password, make_uuid
from people.access import parents_may_see_q
from people.models import Child, ChildRelationship
from plans.codes import PlanStatus
from plans.lifecycle import comments_last_day, family_response_on
from plans.models import PlanVersion
from portal.models import AssessmentRequestDraft, LinkRequest

DRAFT_PARENT = "demo.parent_draft"

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
        "parents with a draft plan to comment on": parent_in_comment_period(context),
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


def parent_in_comment_period(context) -> int:
    """A second demo parent, demo.parent_draft, whose child's first draft plan is with the family for
    their 15 days (reg 13(1)), with no response yet: so the family's side of a draft (the draft, the
    advice it cites, the comment form) can be walked on the demo as well as in the tests."""
    today, demo_parent = context.today, context.data["users"].get("parent")
    if demo_parent is None:
        return 0
    drafts = (
        PlanVersion.objects.filter(
            status=PlanStatus.DRAFT, case__isnull=False, served_on__isnull=False, served_on__lte=today
        )
        .filter(plan__child__in=Child.objects.filter(parents_may_see_q(today)))
        .select_related("plan__child")
        .order_by("-served_on", "pk")
    )
    for version in drafts:
        if comments_last_day(version) < today or family_response_on(version) is not None:
            continue
        link = (
            ChildRelationship.objects.filter(
                child=version.plan.child,
                verified=True,
                parental_responsibility=True,
                parent_carer__user__isnull=True,
            )
            .exclude(parent_carer__email="")
            .select_related("parent_carer")
            .order_by("pk")
            .first()
        )
        if link is not None:
            break
    else:
        return 0
    parent = link.parent_carer
    parent.user = User.objects.create(
        username=DRAFT_PARENT,
        first_name=parent.first_name,
        last_name=parent.last_name,
        email=parent.email,
        password=demo_parent.password,  # the one hash every demo account shares
        role=Role.PARENT,
        email_verified_at=demo_parent.email_verified_at,
    )
    parent.save(update_fields=["user"])
    child = version.plan.child
    context.data.setdefault("logins", []).append(
        {
            "role": "parent",
            "username": DRAFT_PARENT,
            "password": demo_password(context.data.get("seed", 42)),
            "totp_secret": None,
            "description": (
                f"{parent.first_name} {parent.last_name}, parent of {child.known_as}: the draft EHC plan "
                f"is with the family for comments until {comments_last_day(version):%-d %B %Y}"
            ),
        }
    )
    return 1
