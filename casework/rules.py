"""Permissions on assessment cases (django-rules), from role and, for a case, from access.py.

`view_case` is the relationship rule (a parent's own child's case, a professional's advice
cases); the case pages of this app are the area team's working file, so they need
`view_case_file`, which only area case staff hold. Families and professionals get their own
pages in the portal, built on `view_case`.
"""

import rules

from accounts.roles import CASE_ROLES, ProfessionalType, Role
from casework.access import may_view_case


@rules.predicate
def has_case_role(user):
    return user.is_active and user.role in CASE_ROLES


@rules.predicate
def is_caseworker_or_manager(user):
    return user.is_active and user.role in (Role.CASEWORKER, Role.MANAGER)


@rules.predicate
def is_manager(user):
    return user.is_active and user.role == Role.MANAGER


@rules.predicate
def can_view_case(user, case):
    return case is not None and may_view_case(user, case)


rules.add_perm("casework.view_case", can_view_case)
rules.add_perm("casework.view_case_file", has_case_role)
rules.add_perm("casework.list_cases", has_case_role)
rules.add_perm("casework.hold_cases", is_caseworker_or_manager)
rules.add_perm("casework.record_request", is_caseworker_or_manager)
# Stage actions, exceptions, advice requests, notes and documents.
rules.add_perm("casework.act_on_case", is_caseworker_or_manager)
rules.add_perm("casework.allocate", is_manager)
rules.add_perm("casework.export_cases", is_caseworker_or_manager)
rules.add_perm("casework.view_record_integrity", is_manager)
rules.add_perm(
    "casework.list_advice_requests",
    rules.predicate(
        lambda user: (
            user.is_active
            and (
                user.role in (Role.DCO, Role.DSCO)
                or (user.role == Role.PROFESSIONAL and user.professional_type != ProfessionalType.SENCO)
            )
        )
    ),
)

import casework.panel_rules  # noqa: E402,F401 - panel and letter permissions live beside the panels
