"""The children list's filters: provision, primary need, year group, and the setting a school's page
links with (`?setting=`, carried along but not drawn). One FilterSet for the page and its export;
the year group's birth dates are `queries.filter_by_year_group`'s, as before."""

from django import forms
from django.db.models import Q
from django_filters import CharFilter

from clock import dates
from core.filters import Choice, ListFilterSet, Reference, public_id
from core.params import whole_number
from people import codelists, queries

YEARS_DRAWN = range(-1, 15)


def year_group(value) -> int | None:
    # Year groups of 0 to 25 year olds; a huge number would overflow the date arithmetic (a 500).
    return whole_number(str(value), low=-5, high=25)


class ChildFilter(ListFilterSet):
    provision = Choice(label="Provision", choices=codelists.SEN_PROVISION, field_name="sen_provision")
    need = Choice(label="Primary need", choices=codelists.SEN_TYPE, field_name="primary_need")
    year = Reference(
        label="Year group",
        parse=year_group,
        choices=[(str(y), dates.year_group_label(y)) for y in YEARS_DRAWN],
        method="by_year_group",
    )
    setting = Reference(
        label="Setting", parse=public_id, widget=forms.HiddenInput, field_name="setting__public_id"
    )

    def by_year_group(self, children, name, value):
        return queries.filter_by_year_group(children, year_group(value))


class SettingFilter(ListFilterSet):
    """The schools and settings list's filters: name or URN, type, phase, open or closed."""

    q = CharFilter(label="Name or URN", method="named")
    type = Choice(label="Type", choices=codelists.SETTING_TYPE, field_name="setting_type")
    phase = Choice(label="Phase", choices=codelists.SETTING_PHASE, field_name="phase")
    status = Choice(
        label="Status",
        choices=[("open", "Open"), ("closed", "Closed")],
        empty_label="Open or closed",
        method="by_status",
    )

    def named(self, settings, name, value):
        by_name = Q(name__icontains=value)
        # A URN is a plain whole number; any other words search names only.
        urn = whole_number(value)
        return settings.filter(by_name | Q(urn=urn) if urn is not None else by_name)

    def by_status(self, settings, name, value):
        return settings.filter(is_open=value == "open")


class RetentionFilter(ListFilterSet):
    """The retention review list's filter: the record's SEN provision."""

    provision = Choice(label="Provision", choices=codelists.SEN_PROVISION, field_name="sen_provision")
