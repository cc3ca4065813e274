"""The annual review list's filters: which reviews ("show", from the sub-navigation), the weeks to look
ahead, school, caseworker, stage, phase transfer; one FilterSet for the page and its export. The
look-ahead window is worked out by `queries.shown`, as before."""

from django.core.cache import caches

from casework.filters import caseworker_choices
from casework.queries import SCHOOL_CHOICES_SECONDS
from core.filters import Choice, ListFilterSet, OnceChoices, Reference, caseworker_filter, public_id
from reviews import queries
from reviews.models import OPEN_STAGES, Direction

WEEKS = [(str(n), f"{n} weeks") for n in queries.LOOK_AHEAD_WEEKS]


def _schools():
    # Kept a minute, as the case lists' are: finding them looks at every setting's open reviews.
    key = "reviews:schools-with-open-reviews"
    return caches["default"].get_or_set(key, _open_schools, SCHOOL_CHOICES_SECONDS)


def _open_schools():
    return list(queries.schools_with_open_reviews().values_list("public_id", "name"))


class ReviewFilter(ListFilterSet):
    keep = ("show", "sort")

    weeks = Choice(label="Due in the next", choices=WEEKS, empty_label=None, method="due_within")
    school = Reference(label="School or setting", parse=public_id, field_name="child__setting__public_id")
    caseworker = caseworker_filter(caseworker_choices)
    stage = Choice(label="Stage", choices=[(s.value, s.label) for s in OPEN_STAGES], field_name="stage")
    phase = Choice(label="Phase transfer", choices=[("yes", "Changing phase only")], method="changing_phase")

    def __init__(self, data, queryset, **kwargs):
        show = data.get("show", "due")
        # Which reviews is the page's choice of list (its links), not a filter: an unknown one is the first.
        self.show = show if show in queries.SHOWS else "due"
        if self.show == "due" and not data.get("weeks"):
            data = data.copy()
            data["weeks"] = str(queries.DEFAULT_WEEKS)  # drawn as chosen, as the list uses it
        super().__init__(data, queryset, **kwargs)
        if self.show != "due":
            del self.filters["weeks"]
        self.filters["school"].extra["choices"] = OnceChoices(_schools)

    @property
    def chosen(self):
        return {name: value for name, value in super().chosen.items() if name != "weeks"}

    @property
    def look_ahead(self) -> int:
        if "weeks" in self.filters and self.is_valid():
            return int(self.form.cleaned_data["weeks"])
        return queries.DEFAULT_WEEKS

    @property
    def title(self) -> str:
        if self.show == "due":
            return f"{queries.SHOWS['due']} in the next {self.look_ahead} weeks"
        return queries.SHOWS[self.show]

    def filter_queryset(self, reviews):
        reviews = super().filter_queryset(reviews)
        if self.show == "due":
            return reviews  # by due_within, with the chosen weeks
        return queries.shown(reviews, self.show, self.look_ahead, self.today)

    def due_within(self, reviews, name, value):
        return queries.shown(reviews, "due", int(value), self.today)

    def changing_phase(self, reviews, name, value):
        return reviews.exclude(phase_transfer="")


class TransferFilter(ListFilterSet):
    """The list of plans moving between areas: its links choose a direction (in or out)."""

    drawn = False

    direction = Choice(label="Direction", choices=Direction.choices, field_name="direction")
