"""Who may open which review: the one place the rule lives.

Area case staff (caseworkers, managers, panel) read every review; a school's SENCo the reviews of
pupils on roll at their school (for the paperwork); a parent their own child's, a young person
their own (for the family's views and the decision letter). Everyone else finds nothing, and a
refused look at a real review is audited.
"""

from django.http import Http404

from accounts.roles import CASE_ROLES, FAMILY_ROLES
from audit.models import Action
from audit.services import record
from people.access import children_visible_to, is_senco
from reviews.models import AnnualReview, ContributionKind


def _sees_child(user, review) -> bool:
    return children_visible_to(user).filter(pk=review.child_id).exists()


def is_case_staff(user) -> bool:
    return user.is_authenticated and user.is_active and user.role in CASE_ROLES


def may_submit_paperwork(user, review) -> bool:
    """The SENCo of the school the pupil is on roll at."""
    return user.is_authenticated and is_senco(user) and _sees_child(user, review)


def may_add_family_views(user, review) -> bool:
    """A parent of the child, or the young person themselves."""
    return user.is_authenticated and user.role in FAMILY_ROLES and _sees_child(user, review)


def documents_open_to(user, review):
    """The review's documents `user` may open: all of them for case staff and the family (letters,
    the school's and the family's files); for the school's SENCo, only the files the school attached
    to its paperwork, so they can check what they sent."""
    if is_case_staff(user) or may_add_family_views(user, review):
        return review.documents.all()
    if may_submit_paperwork(user, review):
        return review.documents.filter(contribution__kind=ContributionKind.SCHOOL)
    return review.documents.none()


def reviews_for_school_of(user):
    """The reviews of pupils on roll at the SENCo's school(s)."""
    return (
        AnnualReview.objects.filter(child__in=children_visible_to(user))
        if is_senco(user)
        else AnnualReview.objects.none()
    )


def reviews_for_family_of(user):
    if not user.is_authenticated or user.role not in FAMILY_ROLES:
        return AnnualReview.objects.none()
    return AnnualReview.objects.filter(child__in=children_visible_to(user))


def get_review_for_user(request, public_id, perm, queryset=None) -> AnnualReview:
    """The review with this public id if the user may `perm` it; otherwise "page not found" (never
    "forbidden", which would confirm it exists), and the refusal is audited."""
    if queryset is None:
        queryset = AnnualReview.objects.select_related("child__setting", "caseworker", "plan")
    review = queryset.filter(public_id=public_id).first()
    if review is None:
        raise Http404("No such review")
    if not request.user.has_perm(perm, review):
        record(request, Action.DENIED, child=review.child, obj=review, summary=f"Refused: {perm}")
        raise Http404("No such review")
    return review
