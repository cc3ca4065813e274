"""The plan list's filter (which plans: current, drafting, with the family, ceased)."""

from core.filters import Choice, ListFilterSet
from plans import queries


class PlanFilter(ListFilterSet):
    status = Choice(
        label="Show", choices=list(queries.STATUSES.items()), empty_label="All plans", method="by_status"
    )

    def by_status(self, plans, name, value):
        return queries.with_status(plans, value)
