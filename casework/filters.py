"""The case lists' filters ("All open cases", "My cases", overdue, due this week): one FilterSet for
the page and its export. The deadline statuses and age bands come from the queries module (worked out
by the clock through `core.filters.AgeBand`): nothing here works out a date."""

from casework import queries
from casework.models import OPEN_STAGES
from core.filters import AgeBand, Choice, ListFilterSet, OnceChoices, Reference, caseworker_filter, public_id
from people import codelists


def caseworker_choices():
    return [(str(person.pk), str(person)) for person in queries.caseworkers()]


class CaseFilter(ListFilterSet):
    keep = ("sort",)

    caseworker = caseworker_filter(caseworker_choices)
    stage = Choice(label="Stage", choices=[(s.value, s.label) for s in OPEN_STAGES], field_name="stage")
    status = Choice(
        label="Next deadline",
        choices=[(key, label) for key, (label, _) in queries.STATUSES.items()],
        method="by_status",
    )
    school = Reference(label="School or setting", parse=public_id, field_name="child__setting__public_id")
    need = Choice(label="Primary need", choices=codelists.SEN_TYPE, field_name="child__primary_need")
    age = AgeBand(bands=queries.AGE_BANDS, field_name="child__date_of_birth")

    def __init__(self, *args, mine=False, **kwargs):
        super().__init__(*args, **kwargs)
        if mine:
            del self.filters["caseworker"]  # "My cases" are the user's own
        self.filters["school"].extra["choices"] = OnceChoices(queries.schools_with_open_cases)

    def by_status(self, cases, name, value):
        return cases.filter(queries.STATUSES[value][1](self.today))
