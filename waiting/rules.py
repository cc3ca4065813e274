"""Permissions on waiting lists (django-rules). Health waiting list officers and the designated
clinical officer keep the lists; managers read them. Families see their own child's lists only,
through the portal."""

import rules

from accounts.roles import FAMILY_ROLES, Role

KEEPERS = (Role.HEALTH_OFFICER, Role.DCO)
READERS = (*KEEPERS, Role.MANAGER)


def _has_role(*roles):
    @rules.predicate
    def predicate(user):
        return user.is_active and user.role in roles

    return predicate


PERMISSIONS = {
    "waiting.view_lists": _has_role(*READERS),
    "waiting.import_extract": _has_role(*KEEPERS),
    "waiting.view_family_lists": _has_role(*FAMILY_ROLES),
}

for name, predicate in PERMISSIONS.items():
    rules.add_perm(name, predicate)
