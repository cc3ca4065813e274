"""Permissions on commissioning (django-rules). The needs analysis and forecast are aggregate
figures for commissioners and the roles that oversee the service; placements and their costs are
for commissioners and managers only."""

import rules

from accounts.roles import Role

ANALYSIS_READERS = (Role.COMMISSIONER, Role.MANAGER, Role.BOARD_MEMBER)
COST_READERS = (Role.COMMISSIONER, Role.MANAGER)


def _has_role(*roles):
    @rules.predicate
    def predicate(user):
        return user.is_active and user.role in roles

    return predicate


reads_analysis = _has_role(*ANALYSIS_READERS)
reads_costs = _has_role(*COST_READERS)
# Caseworkers see where their children are placed, but not what it costs.
reads_placements = _has_role(*COST_READERS, Role.CASEWORKER)
sets_budget = _has_role(Role.COMMISSIONER, Role.ADMINISTRATOR)
commissions = _has_role(Role.COMMISSIONER)

PERMISSIONS = {
    "commissioning.view_needs": reads_analysis,
    "commissioning.view_forecast": reads_analysis,
    "commissioning.view_costs": reads_costs,
    "commissioning.view_sufficiency": reads_analysis,
    "commissioning.view_placements": reads_placements,
    "commissioning.record_placement": reads_costs,
    "commissioning.view_budget": reads_costs,
    "commissioning.set_budget": sets_budget,
    "commissioning.view_intentions": reads_analysis,
    "commissioning.add_intention": commissions,
}

for name, predicate in PERMISSIONS.items():
    rules.add_perm(name, predicate)
