"""Who may see and change the improvement plan and its board reports (django-rules)."""

import rules

from accounts.roles import Role

PLAN_READERS = (Role.MANAGER, Role.ACTION_LEAD, Role.BOARD_MEMBER, Role.DCO, Role.DSCO)
REPORT_READERS = (Role.MANAGER, Role.BOARD_MEMBER, Role.ACTION_LEAD)


@rules.predicate
def reads_plan(user):
    return user.is_active and user.role in PLAN_READERS


@rules.predicate
def reads_reports(user):
    return user.is_active and user.role in REPORT_READERS


@rules.predicate
def is_manager(user):
    return user.is_active and user.role == Role.MANAGER


@rules.predicate
def leads_action(user, action):
    # Whoever is named lead may update it, whatever their role (a DCO leads the health actions).
    return action is not None and user.is_active and action.lead_id == user.pk


rules.add_perm("improvement.view_plan", reads_plan)
rules.add_perm("improvement.update_action", is_manager | leads_action)
rules.add_perm("improvement.read_reports", reads_reports)
rules.add_perm("improvement.issue_reports", is_manager)
