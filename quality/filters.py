"""The quality lists' filters: the audits by status (the page and its export), the actions by status
(to do unless another is chosen). The child's name searched for is never a filter: it stays in the
session (core/search_terms.py)."""

from core.filters import Choice, ListFilterSet
from quality.models import ActionStatus, AuditStatus


class PlanAuditFilter(ListFilterSet):
    status = Choice(label="Status", choices=AuditStatus.choices, field_name="status")


class QualityActionFilter(ListFilterSet):
    status = Choice(label="Show", choices=ActionStatus.choices, empty_label=None, field_name="status")

    def __init__(self, data=None, queryset=None, **kwargs):
        data = data if data is not None else {}
        if not data.get("status"):
            data = data.copy()
            data["status"] = ActionStatus.OPEN  # drawn as chosen, as the list uses it
        super().__init__(data, queryset, **kwargs)
