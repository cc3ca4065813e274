"""Permissions on waiting lists (django-rules). Health waiting list officers and the designated
clinical officer keep the lists; managers read them. Families see their own child's lists only,
through the portal."""

import rules

from accounts.roles import FAMILY_ROLES, Role

KEEPERS = (Role.HEALTH_OFFICER, Role.DCO)
READERS = (*KEEPERS, Role.MANAGER)
# The dynamic support register and children in care's health assessments are held by the health
# and social care roles only: not the SEND team, not families.
REGISTER_HOLDERS = (Role.HEALTH_OFFICER, Role.DCO, Role.DSCO)


def _has_role(*roles):
    @rules.predicate
    def predicate(user):
        return user.is_active and user.role in roles

    return predicate


PERMISSIONS = {
    "waiting.view_lists": _has_role(*READERS),
    "waiting.import_extract": _has_role(*KEEPERS),
    "waiting.view_family_lists": _has_role(*FAMILY_ROLES),
    "waiting.use_register": _has_role(*REGISTER_HOLDERS),
    "waiting.use_health_assessments": _has_role(*REGISTER_HOLDERS),
    "waiting.edit_referrals": _has_role(*KEEPERS),
    "waiting.edit_pathways": _has_role(Role.ADMINISTRATOR),
    "waiting.enter_health_checks": _has_role(*KEEPERS),
}

for name, predicate in PERMISSIONS.items():
    rules.add_perm(name, predicate)
