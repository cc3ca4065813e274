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


def _areas():
    return [(str(a.number), f"Area {a.number}") for a in Area.objects.all()]


class ExceptionFilter(ListFilterSet):
    """The exception list's filter (area of weakness). The list is `queries.exceptions()`, worked out
    in Python, so `rows` applies the checked choice; the page and its export go through it."""

    area = Choice(label="Area of weakness")

    def __init__(self, data, found: list, **kwargs):
        self.found = found
        super().__init__(data, Area.objects.none(), **kwargs)
        self.filters["area"].extra["choices"] = OnceChoices(_areas)

    def filter_queryset(self, queryset):
        return queryset  # see rows

    @property
    def rows(self) -> list:
        if not self.is_valid():
            return []
        area = self.form.cleaned_data["area"]
        return [a for a in self.found if str(a.objective.area.number) == area] if area else self.found
