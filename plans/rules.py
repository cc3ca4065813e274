"""Permissions on EHC plans (django-rules), from role and, for one plan, from plans.access."""

import rules

from accounts.roles import Role
from plans.access import READ_ALL_ROLES, may_view_plan


@rules.predicate
def reads_every_plan(user):
    return user.is_active and user.role in READ_ALL_ROLES


@rules.predicate
def writes_plans(user):
    return user.is_active and user.role in (Role.CASEWORKER, Role.MANAGER)


@rules.predicate
def can_view_plan(user, plan):
    return plan is not None and may_view_plan(user, plan)


rules.add_perm("plans.list_plans", reads_every_plan)
rules.add_perm("plans.view_plan", can_view_plan)
# Quality findings and measures are the area's working view of plan quality, not the family's.
rules.add_perm("plans.view_quality", reads_every_plan)
# Write drafts, send them, issue them, amend and cease plans.
rules.add_perm("plans.edit_plan", writes_plans)
# Issue a final or amended plan inside the family's 15 days, on a recorded reason (audited).
@rules.predicate
def is_manager(user):
    return user.is_active and user.role == Role.MANAGER


rules.add_perm("plans.issue_before_comments_end", is_manager)
