"""The staff inbox's filters: the reply's status and "only my caseload"; one FilterSet for the page and
its export."""

from core.filters import Choice, ListFilterSet
from messaging import queries


class InboxFilter(ListFilterSet):
    status = Choice(label="Reply", choices=list(queries.STATUSES.items()), method="by_status")
    mine = Choice(
        label="Children",
        choices=[("yes", "Only my caseload")],
        empty_label="All children",
        method="only_mine",
    )

    def by_status(self, conversations, name, value):
        return queries.with_status(conversations, value, self.today)

    def only_mine(self, conversations, name, value):
        return conversations.filter(is_mine=True)
