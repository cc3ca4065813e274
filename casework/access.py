"""Who may see which assessment case: the one place the rule lives.

Area case staff (caseworkers, managers, panel) see every case; a professional the cases that asked
them for advice; the designated clinical officer the cases that asked health for advice, the
designated social care officer those that asked social care; a parent or young person the cases
of the children people.access lets them see. Pages, exports and the API all ask here.
"""

from django.db.models import Exists, OuterRef
from django.http import Http404

from accounts.roles import CASE_ROLES, FAMILY_ROLES, Role
from audit.models import Action
from audit.services import record
from casework.models import AdviceRequest, AdviserType, AssessmentCase
from people.access import children_visible_to

# The designated officers oversee one kind of advice across the area (ARCHITECTURE.md).
OVERSEEN_ADVICE = {Role.DCO: AdviserType.HEALTH, Role.DSCO: AdviserType.SOCIAL_CARE}


def _asked(**condition):
    return Exists(AdviceRequest.objects.filter(case=OuterRef("pk"), **condition))


def cases_visible_to(user):
    """The assessment cases whose record `user` may read."""
    if not user.is_authenticated or not user.is_active:
        return AssessmentCase.objects.none()
    if user.role in CASE_ROLES:
        return AssessmentCase.objects.all()
    if user.role == Role.PROFESSIONAL:
        return AssessmentCase.objects.filter(_asked(professional=user))
    if user.role in OVERSEEN_ADVICE:
        return AssessmentCase.objects.filter(_asked(adviser_type=OVERSEEN_ADVICE[user.role]))
    if user.role in FAMILY_ROLES:
        return AssessmentCase.objects.filter(child__in=children_visible_to(user))
    return AssessmentCase.objects.none()


def may_view_case(user, case) -> bool:
    if user.is_authenticated and user.role in CASE_ROLES:
        return user.is_active
    return cases_visible_to(user).filter(pk=case.pk).exists()


def get_case_for_user(request, public_id, perm="casework.view_case", queryset=None):
    """The case with this public id, if the user may `perm` it; otherwise "page not found" (never
    "forbidden", which would confirm the case exists), and a refused look at a real case is audited."""
    if queryset is None:
        queryset = AssessmentCase.objects.select_related("child__setting", "caseworker")
    case = queryset.filter(public_id=public_id).first()
    if case is None:
        raise Http404("No such case")
    if not request.user.has_perm(perm, case):
        record(request, Action.DENIED, child=case.child, obj=case, summary=f"Refused: {perm}")
        raise Http404("No such case")
    return case
