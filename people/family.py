"""Who "the family" is when the law says a notice goes to the family.

Decisions, review invitations, decision notices and letters about a child go to the young person
when they have their own account (past compulsory school age the rights are theirs, CoP 8.13), and
otherwise to each parent or carer with parental responsibility whose link to the child the area has
verified. A young person whose account is closed can no longer read anything sent to them, so the
notices go to the parents again. Every door (case notices, letters, reviews, bulk scheduling) asks
here, so they cannot disagree.
"""

from people.models import ChildRelationship


def families_for(children) -> dict:
    """{child pk: the people notices go to}, in two queries however many children."""
    children = list(children)
    families = {}
    parents_of = [c.pk for c in children if not _own_active_account(c)]
    links = (
        ChildRelationship.objects.filter(child__in=parents_of, parental_responsibility=True, verified=True)
        .select_related("parent_carer")
        .order_by("parent_carer__last_name", "parent_carer__first_name", "parent_carer__pk")
    )
    for link in links:
        families.setdefault(link.child_id, []).append(link.parent_carer)
    return {
        child.pk: [child.own_account] if _own_active_account(child) else families.get(child.pk, [])
        for child in children
    }


def family_for(child) -> list:
    """The people notices about `child` go to (see the module's docstring)."""
    return families_for([child])[child.pk]


def _own_active_account(child) -> bool:
    return bool(child.own_account_id) and child.own_account.is_active
