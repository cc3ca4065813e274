"""List filters: one django-filter FilterSet per list, read from the query string, drawn by the GOV.UK
field renderer (`{% govuk_field %}` through `templates/govuk/filters.html`).

    class CaseFilter(ListFilterSet):
        keep = ("sort",)  # other parameters the filter form carries along
        stage = Choice(label="Stage", choices=Stage.choices, method="by_stage")

The one rule for a value the list cannot use (`?caseworker=abc`, `?status=nonsense`): the page
says so with a GOV.UK error and lists nothing, and an export of it is not started. Never a 500,
never a wider list than was asked for. A well-formed reference to a record that is no longer in a
drop-down (a caseworker who left, a school with no open cases now) is not an error: it filters,
to whatever it matches, so old bookmarks keep working.

The page and its export build the list through the same FilterSet (`core/list_exports.py` re-runs
it from the stored query string). Typed search words never come through here: they stay in the
session (`core/search_terms.py`).
"""

import uuid

import django_filters
from django import forms
from django.utils.choices import BaseChoiceIterator
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy
from django_filters import fields as filter_fields
from django_filters.constants import EMPTY_VALUES

from clock import dates
from core.params import whole_number

ANY = gettext_lazy("Any")
NOT_LISTED = gettext_lazy("choose one of the options in the list")
NOBODY = "none"  # the "Not allocated" choice of an AllocatedTo filter (lists' links use it too)


class GovUKFilterForm(forms.Form):
    """The form behind every FilterSet: ids are the parameter names (`#caseworker`), so error
    summary links and labels match the query string, and no label says "(optional)" (every
    filter is)."""

    mark_optional = False

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "%s")
        super().__init__(*args, **kwargs)


class ListFilterSet(django_filters.FilterSet):
    """A list's filters. Subclasses declare their filters; `today` is passed for date-relative ones
    (their ranges come from the existing query helpers, never worked out here)."""

    keep: tuple[str, ...] = ()  # parameters outside the form the filter form sends again (sort, show)
    drawn = True  # False when the list's own links choose (no form): its errors are then not links

    @property
    def form(self):
        form = super().form
        form.link_errors = self.drawn
        return form

    class Meta:
        form = GovUKFilterForm

    def __init__(self, data=None, queryset=None, *, today=None, **kwargs):
        self.today = today
        super().__init__(data, queryset, **kwargs)

    def filter_queryset(self, queryset):
        if self.form.errors:
            return queryset.none()  # a value we cannot use: the page says so and lists nothing
        return super().filter_queryset(queryset)

    @property
    def chosen(self) -> dict[str, str]:
        """Each filter's raw value ("" when not chosen): for templates and the audit of an export."""
        return {name: self.data.get(name, "") for name in self.filters}

    @property
    def filtered(self) -> bool:
        return any(self.chosen.values())

    @property
    def kept(self) -> list[tuple[str, str]]:
        return [(name, self.data[name]) for name in self.keep if self.data.get(name)]


class OnceChoices(BaseChoiceIterator):
    """Choices read from the database at most once a request, and only when drawn or checked
    (an export that filters on nothing never runs the query)."""

    def __init__(self, load):
        self.load = load
        self.loaded = None

    def __iter__(self):
        if self.loaded is None:
            self.loaded = list(self.load())
        return iter(self.loaded)

    def __len__(self):
        return len(list(iter(self)))


class _ReferenceField(filter_fields.ChoiceField):
    """A drop-down of records whose value is valid when well formed, listed or not (see above)."""

    def __init__(self, *, parse, **kwargs):
        self.parse = parse
        super().__init__(**kwargs)

    def valid_value(self, value):
        return value == self.null_value or self.parse(value) is not None


class Choice(django_filters.ChoiceFilter):
    """One of a fixed list (a code list, a status): anything else is an error, in plain words."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("empty_label", ANY)
        label = kwargs.get("label") or ""
        kwargs.setdefault("error_messages", {"invalid_choice": format_lazy("{}: {}", label, NOT_LISTED)})
        super().__init__(*args, **kwargs)


class Reference(Choice):
    """A record chosen from a drop-down: `parse` says whether a value is well formed (a whole
    number id, a UUID) and returns it typed, or None."""

    field_class = _ReferenceField

    def __init__(self, *args, parse, **kwargs):
        kwargs["parse"] = parse
        super().__init__(*args, **kwargs)


class AllocatedTo(Reference):
    """Who a record is allocated to: one of `people` (a callable of (id, name) choices, read once a
    request and only when drawn) or nobody (`null_label`, the value NOBODY). `field_name` is the
    foreign key to the person (a case's caseworker, a register entry's key worker)."""

    def __init__(self, *, people, null_label, **kwargs):
        self.people = people
        super().__init__(parse=record_id, null_label=null_label, null_value=NOBODY, **kwargs)

    @property
    def field(self):
        if not hasattr(self, "_field"):
            self.extra["choices"] = OnceChoices(self.people)  # one per FilterSet, so per request
        return super().field

    def filter(self, queryset, value):
        if value in EMPTY_VALUES:
            return queryset
        if value == NOBODY:
            return queryset.filter(**{f"{self.field_name}__isnull": True})
        return queryset.filter(**{f"{self.field_name}_id": record_id(value)})


def caseworker_filter(people) -> AllocatedTo:
    """The "Caseworker" filter of a list of cases or reviews, with its "Not allocated" choice."""
    return AllocatedTo(label="Caseworker", people=people, null_label="Not allocated", field_name="caseworker")


class AgeBand(Choice):
    """An age band, in whole years on the list's day (the FilterSet's `today`), filtered as the birth
    dates the clock works out (`clock.dates.born_for_ages`). `bands` is {value: (label, youngest,
    oldest)}; `field_name` is the date of birth."""

    def __init__(self, *, bands, **kwargs):
        self.bands = dict(bands)
        kwargs.setdefault("label", gettext_lazy("Age"))
        kwargs["choices"] = [(value, label) for value, (label, _, _) in self.bands.items()]
        super().__init__(**kwargs)

    def filter(self, queryset, value):
        if value in EMPTY_VALUES:
            return queryset
        _, youngest, oldest = self.bands[value]
        born = dates.born_for_ages(youngest, oldest, self.parent.today)
        return queryset.filter(**{f"{self.field_name}__range": born})


class Checkbox(django_filters.BooleanFilter):
    """A single GOV.UK checkbox ("Out of district only"): ticked is any true value (`1`, `on`)."""

    field_class = forms.BooleanField


def record_id(value) -> int | None:
    return whole_number(str(value), low=1)


def public_id(value) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None
