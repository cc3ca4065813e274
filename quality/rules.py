"""Permissions on the quality assurance cycle (django-rules). Managers run the cycle; auditors see
only the audits assigned to them; a caseworker sees and completes only their own actions."""

import rules
from django.db.models import Q

from accounts.roles import Role

MODERATOR_ROLES = (Role.AUDITOR, Role.MANAGER)
# Who may be given a plan to audit (and who sees "my audits").
AUDITOR_ROLES = (Role.AUDITOR, Role.CASEWORKER, Role.MANAGER)


def _has_role(*roles):
    @rules.predicate
    def predicate(user):
        return user.is_active and user.role in roles

    return predicate


is_manager = _has_role(Role.MANAGER)
audits = _has_role(*AUDITOR_ROLES)
reads_measures = _has_role(Role.MANAGER, Role.BOARD_MEMBER, Role.SERVICE_OWNER, Role.ACTION_LEAD)
# Grades by named caseworker are about staff performance: not for Local Offer service owners.
reads_caseworker_grades = _has_role(Role.MANAGER, Role.BOARD_MEMBER, Role.ACTION_LEAD)


@rules.predicate
def is_assigned_auditor(user, audit):
    return audit is not None and user.is_active and audit.auditor_id == user.pk


def wrote_plan(user, audit) -> bool:
    """Whether `user` wrote the plan version being audited or is the plan's caseworker."""
    return user.pk in {audit.plan_version.created_by_id, audit.caseworker_id}


def why_not_moderator(user, audit) -> str | None:
    """Why `user` may not moderate `audit` (None: they may): the one rule of who is a second auditor,
    used by the permission, the service and the list of audits waiting for moderation."""
    if not user.is_active or user.role not in MODERATOR_ROLES:
        return "Only an auditor or a manager can moderate a plan audit"
    if audit.auditor_id == user.pk:
        return "You audited this plan: a different auditor must moderate it"
    if wrote_plan(user, audit):
        return "You wrote this plan or are its caseworker: you cannot moderate it"
    return None


def moderated_by(user) -> Q:
    """The audits `user` may moderate, as a filter (why_not_moderator, for a list in one query)."""
    if not user.is_active or user.role not in MODERATOR_ROLES:
        return Q(pk__in=[])
    return ~Q(auditor=user) & ~Q(caseworker=user) & ~Q(plan_version__created_by=user)


@rules.predicate
def may_moderate(user, audit):
    """A second auditor: not the first, not the plan's writer or caseworker."""
    return audit is not None and why_not_moderator(user, audit) is None


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
