"""Permissions on the quality assurance cycle (django-rules). Managers run the cycle; auditors see
only the audits assigned to them; a caseworker sees and completes only their own actions."""

import rules

from accounts.roles import Role


def _has_role(*roles):
    @rules.predicate
    def predicate(user):
        return user.is_active and user.role in roles

    return predicate


is_manager = _has_role(Role.MANAGER)
audits = _has_role(Role.AUDITOR, Role.CASEWORKER, Role.MANAGER)
reads_measures = _has_role(Role.MANAGER, Role.BOARD_MEMBER, Role.SERVICE_OWNER, Role.ACTION_LEAD)
# Grades by named caseworker are about staff performance: not for Local Offer service owners.
reads_caseworker_grades = _has_role(Role.MANAGER, Role.BOARD_MEMBER, Role.ACTION_LEAD)


@rules.predicate
def is_assigned_auditor(user, audit):
    return audit is not None and user.is_active and audit.auditor_id == user.pk


@rules.predicate
def may_moderate(user, audit):
    """A second auditor: not the first, and not the plan's caseworker."""
    return (
        audit is not None
        and user.is_active
        and user.role in (Role.AUDITOR, Role.MANAGER)
        and user.pk not in {audit.auditor_id, audit.caseworker_id}
    )


@rules.predicate
def owns_action(user, action):
    return action is not None and user.is_active and action.assigned_to_id == user.pk


PERMISSIONS = {
    "quality.draw_sample": is_manager,
    "quality.assign_audit": is_manager,
    "quality.view_my_audits": audits,
    "quality.grade_audit": is_assigned_auditor,
    "quality.view_audit": is_assigned_auditor | is_manager,
    "quality.moderate_audit": may_moderate,
    "quality.resolve_moderation": is_manager,
    "quality.view_actions": _has_role(Role.CASEWORKER, Role.MANAGER),
    "quality.complete_action": owns_action | is_manager,
    "quality.view_measures": reads_measures,
    "quality.view_caseworker_grades": reads_caseworker_grades,
    "quality.export": is_manager,
}

for name, predicate in PERMISSIONS.items():
    rules.add_perm(name, predicate)
