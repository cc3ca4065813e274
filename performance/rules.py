"""Permissions on KPIs (django-rules). Aggregate figures are for the roles that oversee the
service; a KPI's figures from elsewhere are typed in by its owner or a manager."""

import rules

from accounts.roles import Role

AGGREGATE_READERS = (Role.MANAGER, Role.BOARD_MEMBER, Role.ACTION_LEAD, Role.DCO, Role.DSCO)


def _has_role(*roles):
    @rules.predicate
    def predicate(user):
        return user.is_active and user.role in roles

    return predicate


reads_aggregates = _has_role(*AGGREGATE_READERS)
is_manager = _has_role(Role.MANAGER)


@rules.predicate
def owns_kpi(user, kpi):
    return kpi is not None and user.is_active and kpi.owner_id == user.pk


@rules.predicate
def owns_some_kpi(user):
    return user.is_active and user.owned_kpis.exists()


PERMISSIONS = {
    "performance.view_kpis": reads_aggregates,
    "performance.export_kpis": reads_aggregates,
    # One KPI: the aggregate readers, and its owner (who may work for a health provider).
    "performance.view_kpi": reads_aggregates | owns_kpi,
    "performance.view_kpis_or_own": reads_aggregates | owns_some_kpi,
    "performance.refresh_kpis": is_manager,
    "performance.record_comparison": is_manager,
    "performance.record_measurement": is_manager | owns_kpi,
    "performance.record_any_measurement": is_manager | owns_some_kpi,
}

for name, predicate in PERMISSIONS.items():
    rules.add_perm(name, predicate)

# Statutory returns: registered by performance/returns/rules.py (managers only).
import performance.returns.rules  # noqa: E402, F401
