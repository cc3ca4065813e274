"""Permissions on disagreement records (django-rules): the area's case staff record and follow
mediation, tribunal appeals and complaints; nobody else sees them."""

import rules

from accounts.roles import Role

CASE_STAFF = (Role.CASEWORKER, Role.MANAGER)


@rules.predicate
def is_case_staff(user):
    return user.is_active and user.role in CASE_STAFF


@rules.predicate
def is_manager(user):
    return user.is_active and user.role == Role.MANAGER


PERMISSIONS = {
    "engagement.view_disagreements": is_case_staff,
    "engagement.record_disagreements": is_case_staff,
    # Surveys are built, sent and read by the SEND team's managers.
    "engagement.manage_surveys": is_manager,
}

for name, predicate in PERMISSIONS.items():
    rules.add_perm(name, predicate)
