"""Who may see which child: the one place the relationship rule lives.

Every page, export and API that touches a child's record goes through these functions, so the
rule "a parent sees their own child, a school its pupils" is written once.
"""

from django.http import Http404

from accounts.roles import CASE_ROLES, ProfessionalType, Role
from audit.models import Action
from audit.services import record
from people.models import Child


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
        return Child.objects.filter(relationships__parent_carer__user=user, relationships__verified=True)
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
