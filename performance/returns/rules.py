"""Who may build and download the statutory returns (registered through performance/rules.py).

The SEN2 return and the Annex A lists are person-level special-category data for every child in
the area, so only managers (the SEND team managers who sign the return off) may see them.
Administrators run the system, not the service, and caseworkers see their own caseloads."""

import rules

from accounts.roles import Role


@rules.predicate
def is_manager(user):
    return user.is_active and user.role == Role.MANAGER


PERMISSIONS = {"performance.view_statutory_returns": is_manager}

for name, predicate in PERMISSIONS.items():
    rules.add_perm(name, predicate)
