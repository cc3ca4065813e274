"""Who may see which child: the one place the relationship rule lives.

Every page, export and API that touches a child's record goes through these functions, so the
rule "a parent sees their own child, a school its pupils" is written once.
"""

from django.db.models import Q
from django.http import Http404

from accounts.roles import CASE_ROLES, ProfessionalType, Role
from audit.models import Action
from audit.services import record
from clock import dates
from people.models import Child, ChildRelationship


def is_senco(user) -> bool:
    return user.role == Role.PROFESSIONAL and user.professional_type == ProfessionalType.SENCO


def children_visible_to(user):
    """The children whose records `user` may read."""
    if not user.is_authenticated or not user.is_active:
        return Child.objects.none()
    if user.role in CASE_ROLES:
        return Child.objects.all()
    if is_senco(user):
        return Child.objects.filter(setting__memberships__user=user, setting__memberships__is_active=True)
    if user.role == Role.PARENT:
        return Child.objects.filter(
            relationships__parent_carer__user=user, relationships__verified=True
        ).filter(parents_may_see_q())
    if user.role == Role.YOUNG_PERSON:
        return Child.objects.filter(own_account=user)
    return Child.objects.none()


def may_view_child(user, child) -> bool:
    if user.is_authenticated and user.role in CASE_ROLES:
        return user.is_active
    return children_visible_to(user).filter(pk=child.pk).exists()


def get_child_for_user(request, public_id, perm="people.view_child"):
    """The child with this public id, if the user may `perm` it; otherwise "page not found"
    (never "forbidden", which would confirm the child exists), and the attempt is audited."""
    child = Child.objects.select_related("setting").filter(public_id=public_id).first()
    if child is None:
        raise Http404("No such child")
    if not request.user.has_perm(perm, child):
        record(request, Action.DENIED, child=child, obj=child, summary=f"Refused: {perm}")
        raise Http404("No such child")
    return child


# Parents and young people (CoP 8.13-8.17): from the end of compulsory school age the young person
# makes the decisions, and their parents see their plan, documents and messages only with the young
# person's agreement, or when a caseworker has recorded that the young person lacks the mental
# capacity to decide (their parent then acts for them). This is the one place that rule lives.


def parents_need_agreement(child, on=None) -> bool:
    """True when the young person's agreement decides what their parents see."""
    on = on or dates.today()
    return dates.over_compulsory_school_age(child.date_of_birth, on) and not child.lacks_capacity


def parent_may_see(child, on=None) -> bool:
    return not parents_need_agreement(child, on) or child.parents_may_see is True


def parents_may_see_q(on=None) -> Q:
    """`parent_may_see` as a query on children."""
    latest = dates.latest_birth_date_over_compulsory_school_age(on or dates.today())
    return Q(date_of_birth__gt=latest) | Q(lacks_capacity=True) | Q(parents_may_see=True)


def children_waiting_for_agreement(user):
    """A parent's verified children whose records they cannot see without the young person's
    agreement: shown to them with a plain explanation instead of their records."""
    if not user.is_authenticated or not user.is_active or user.role != Role.PARENT:
        return Child.objects.none()
    linked = ChildRelationship.objects.filter(parent_carer__user=user, verified=True).values("child")
    return Child.objects.filter(pk__in=linked).exclude(parents_may_see_q())
