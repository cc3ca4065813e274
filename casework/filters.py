"""The case lists' filters ("All open cases", "My cases", overdue, due this week): one FilterSet for
the page and its export. The deadline statuses and age bands come from the queries module and the
clock (`queries.STATUSES`, `clock.dates.born_for_ages`): nothing here works out a date."""

from casework import queries
from casework.models import OPEN_STAGES
from clock import dates
from core.filters import Choice, ListFilterSet, OnceChoices, Reference, public_id, record_id
from people import codelists


def caseworker_choices():
    return [(str(person.pk), str(person)) for person in queries.caseworkers()]


class CaseFilter(ListFilterSet):
    keep = ("sort",)

    caseworker = Reference(
        label="Caseworker",
        parse=record_id,
        null_label="Not allocated",
        null_value=queries.UNALLOCATED,
        method="by_caseworker",
    )
    stage = Choice(label="Stage", choices=[(s.value, s.label) for s in OPEN_STAGES], field_name="stage")
    status = Choice(
        label="Next deadline",
        choices=[(key, label) for key, (label, _) in queries.STATUSES.items()],
        method="by_status",
    )
    school = Reference(label="School or setting", parse=public_id, field_name="child__setting__public_id")
    need = Choice(label="Primary need", choices=codelists.SEN_TYPE, field_name="child__primary_need")
    age = Choice(
        label="Age", choices=[(k, label) for k, (label, _, _) in queries.AGE_BANDS.items()], method="by_age"
    )

    def __init__(self, *args, mine=False, **kwargs):
        super().__init__(*args, **kwargs)
        if mine:
            del self.filters["caseworker"]  # "My cases" are the user's own
        else:
            self.filters["caseworker"].extra["choices"] = OnceChoices(caseworker_choices)
        self.filters["school"].extra["choices"] = OnceChoices(queries.schools_with_open_cases)

    def by_caseworker(self, cases, name, value):
        if value == queries.UNALLOCATED:
            return cases.filter(caseworker__isnull=True)
        return cases.filter(caseworker_id=record_id(value))

    def by_status(self, cases, name, value):
        return cases.filter(queries.STATUSES[value][1](self.today))

    def by_age(self, cases, name, value):
        _, low, high = queries.AGE_BANDS[value]
        return cases.filter(child__date_of_birth__range=dates.born_for_ages(low, high, self.today))
