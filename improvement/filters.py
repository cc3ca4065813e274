"""The improvement plan's filters: area of weakness, lead ("me" or a person), rating. One FilterSet
for the page and its export."""

from core.filters import Choice, ListFilterSet, OnceChoices, Reference, record_id
from core.params import whole_number
from improvement import queries
from improvement.models import RATING_ORDER, Area, Rating

ME = "me"


def area_number(value) -> int | None:
    return whole_number(str(value), low=1, high=999)  # a huge number is no area (not a 500)


class ActionFilter(ListFilterSet):
    area = Reference(label="Area of weakness", parse=area_number, field_name="objective__area__number")
    lead = Reference(
        label="Lead", parse=record_id, empty_label="Anyone", null_label="Me", null_value=ME, method="led_by"
    )
    rating = Choice(label="Rating", choices=[(r, Rating(r).label) for r in RATING_ORDER], field_name="rating")

    def __init__(self, data, queryset, *, user, **kwargs):
        self.user = user
        super().__init__(data, queryset, **kwargs)
        self.filters["area"].extra["choices"] = OnceChoices(
            lambda: [(str(a.number), f"Area {a.number}") for a in Area.objects.all()]
        )
        self.filters["lead"].extra["choices"] = OnceChoices(
            lambda: [(str(person.pk), str(person)) for person in queries.leads()]
        )

    def led_by(self, actions, name, value):
        if value == ME:
            return actions.filter(lead=self.user)
        return actions.filter(lead_id=record_id(value))
