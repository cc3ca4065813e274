"""Permissions (django-rules)."""

# Online requests for an assessment
import rules as _request_rules  # noqa: E402

from portal.request_wizard import may_ask_for_assessment, owns_request  # noqa: E402

# A parent, a young person, or a school SENCo (for a pupil on roll) may ask online; a saved
# request is only ever its author's (others get "page not found" from the views).
_request_rules.add_perm("portal.request_assessment", _request_rules.predicate(may_ask_for_assessment))
_request_rules.add_perm("portal.change_assessment_request", _request_rules.predicate(owns_request))

# Families: linking and case pages
import rules as _family_rules  # noqa: E402

from accounts.roles import FAMILY_ROLES as _FAMILY_ROLES  # noqa: E402
from accounts.roles import Role as _Role  # noqa: E402
from casework.access import may_view_case as _may_view_case  # noqa: E402
from people.access import may_view_child as _may_view_child  # noqa: E402


@_family_rules.predicate
def _is_family(user):
    return user.is_active and user.role in _FAMILY_ROLES


@_family_rules.predicate
def _is_parent(user):
    return user.is_active and user.role == _Role.PARENT


@_family_rules.predicate
def _links_families(user):
    # Verifying who a family is belongs to the caseworkers and their managers.
    return user.is_active and user.role in (_Role.CASEWORKER, _Role.MANAGER)


@_family_rules.predicate
def _family_sees_case(user, case):
    return case is not None and _may_view_case(user, case)


@_family_rules.predicate
def _may_invite_for(user, child):
    return child is not None and _may_view_child(user, child)


_family_rules.add_perm("portal.family_home", _is_family)
_family_rules.add_perm("portal.view_family_case", _is_family & _family_sees_case)
# A parent asks to see their child's record; a young person (16 or over) asks for their own.
_family_rules.add_perm("portal.request_link", _is_family)
_family_rules.add_perm("portal.decide_link_requests", _links_families)
_family_rules.add_perm("portal.invite_family", _links_families & _may_invite_for)

# Professionals
import rules as _pro_rules  # noqa: E402

from accounts.roles import ProfessionalType as _ProfessionalType  # noqa: E402
from accounts.roles import Role as _ProRole  # noqa: E402
from people.access import is_senco as _is_senco_user  # noqa: E402
from people.models import SchoolMembership as _SchoolMembership  # noqa: E402


@_pro_rules.predicate
def _gives_advice(user):
    # Educational psychologists, health and social care practitioners, and the designated officers.
    if not user.is_active:
        return False
    if user.role in (_ProRole.DCO, _ProRole.DSCO):
        return True
    return user.role == _ProRole.PROFESSIONAL and user.professional_type != _ProfessionalType.SENCO


@_pro_rules.predicate
def _is_school_senco(user):
    return user.is_active and _is_senco_user(user)


@_pro_rules.predicate
def _is_area_administrator(user):
    return user.is_active and user.role == _ProRole.ADMINISTRATOR


@_pro_rules.predicate
def _administers_school(user, setting):
    # Access follows the school: its administrator (a SENCo or other school user with the flag on
    # their active membership) looks after who acts for it.
    return (
        setting is not None
        and user.is_active
        and _SchoolMembership.objects.filter(
            user=user, setting=setting, is_active=True, is_school_admin=True
        ).exists()
    )


_pro_rules.add_perm("portal.professional_home", _gives_advice | _is_school_senco)
_pro_rules.add_perm("portal.list_pupils", _is_school_senco)
_pro_rules.add_perm("portal.manage_school_staff", _is_area_administrator | _administers_school)
_pro_rules.add_perm("portal.set_school_administrator", _is_area_administrator)

# Families' contributions to plans and reviews
import rules as _contribution_rules  # noqa: E402

from accounts.roles import CASE_ROLES as _CASE_ROLES  # noqa: E402
from plans.access import may_view_plan as _may_view_plan  # noqa: E402
from reviews.access import may_add_family_views as _may_add_review_views  # noqa: E402


@_contribution_rules.predicate
def _family_of_child(user, child):
    # Only the family writes Section A in their own words; staff see it on the plan's pages.
    return (
        child is not None and user.is_active and user.role in _FAMILY_ROLES and _may_view_child(user, child)
    )


@_contribution_rules.predicate
def _family_of_plan(user, plan):
    return plan is not None and user.is_active and user.role in _FAMILY_ROLES and _may_view_plan(user, plan)


@_contribution_rules.predicate
def _family_of_review(user, review):
    return review is not None and _may_add_review_views(user, review)


@_contribution_rules.predicate
def _case_staff_for_child(user, child):
    return child is not None and user.is_active and user.role in _CASE_ROLES


_contribution_rules.add_perm("portal.write_section_a", _family_of_child)
_contribution_rules.add_perm("portal.see_section_a_picture", _family_of_child | _case_staff_for_child)
_contribution_rules.add_perm("portal.comment_on_draft", _family_of_plan)
_contribution_rules.add_perm("portal.take_part_in_review", _family_of_review)

# A family's child page and their child's plan, its versions and the advice it drew on: the same
# relationship as commenting on a draft (plans.access decides which plan and versions).
_contribution_rules.add_perm("portal.view_family_child", _family_of_child)
_contribution_rules.add_perm("portal.read_family_plan", _family_of_plan)
