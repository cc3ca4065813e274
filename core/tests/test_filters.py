"""The list filters' base (core/filters.py): a value a list cannot use is a plain GOV.UK error and
lists nothing; a well-formed reference to a record no longer in a drop-down still filters; drop-down
choices are read once, and only when needed."""

from datetime import date

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from accounts.models import User
from casework.models import AssessmentCase
from casework.tests.factories import open_case
from core.filters import AgeBand, Choice, ListFilterSet, OnceChoices, Reference, caseworker_filter, record_id
from people.models import Child

pytestmark = pytest.mark.django_db


def _people():
    return [(str(u.pk), u.username) for u in User.objects.order_by("pk")]


class PersonFilter(ListFilterSet):
    role = Choice(label="Role", choices=[("caseworker", "Caseworker")], field_name="role")
    person = Reference(label="Person", parse=record_id, field_name="pk")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["person"].extra["choices"] = OnceChoices(_people)


def filtered(query):
    return PersonFilter(QueryDict(query), User.objects.all())


def test_a_bad_value_is_a_plain_error_and_lists_nothing(area):
    for query, field in [
        ("role=nonsense", "role"),
        ("person=abc", "person"),
        ("person=" + "9" * 30, "person"),
    ]:
        filters = filtered(query)
        assert not filters.is_valid() and list(filters.qs) == []
        [message] = filters.form.errors[field]
        assert message.endswith(": choose one of the options in the list"), message
        assert "Select a valid choice" not in message


def test_a_well_formed_reference_not_in_the_drop_down_still_filters(area):
    person = area.users["caseworker"]
    assert list(filtered(f"person={person.pk}").qs) == [person]
    assert list(filtered("person=999999").qs) == []  # nobody: an empty list, not an error
    assert filtered("person=999999").is_valid()


def test_no_filter_lists_everything_and_the_choices_are_read_once_only_when_drawn(area):
    filters, everyone = filtered(""), User.objects.count()
    with CaptureQueriesContext(connection) as listing:
        assert filters.qs.count() == everyone
    assert len(listing) == 1  # the count: no query for the drop-down's choices
    with CaptureQueriesContext(connection) as drawing:
        html = str(filters.form["person"]) + str(filters.form["person"])
    assert len(drawing) == 1 and area.users["caseworker"].username in html


def test_the_form_uses_the_parameter_names_as_ids_and_says_any(area):
    form = filtered("role=caseworker").form
    assert form["role"].auto_id == "role"
    assert 'value="" >Any<' in str(form["role"]).replace("\n", "") or ">Any</option>" in str(form["role"])
    assert filtered("role=caseworker").chosen == {"role": "caseworker", "person": ""}
    assert filtered("role=caseworker").filtered and not filtered("").filtered


class CaseFilter(ListFilterSet):
    caseworker = caseworker_filter(lambda: [(str(u.pk), u.username) for u in User.objects.order_by("pk")])
    age = AgeBand(
        bands={"young": ("Under 5", 0, 4), "old": ("5 to 10", 5, 10)}, field_name="child__date_of_birth"
    )


def test_the_shared_caseworker_filter_finds_a_person_nobody_or_refuses_a_bad_id(area):
    allocated, unallocated = (
        open_case(area.own_child, caseworker=area.users["caseworker"]),
        open_case(area.other_child),
    )

    def listed(query):
        return list(CaseFilter(QueryDict(query), AssessmentCase.objects.all()).qs)

    assert listed(f"caseworker={area.users['caseworker'].pk}") == [allocated]
    assert listed("caseworker=none") == [unallocated]
    assert listed("caseworker=999999") == []  # a well-formed id no longer listed: nobody's cases
    for bad in ("abc", "-1", "9" * 30):
        filters = CaseFilter(QueryDict(f"caseworker={bad}"), AssessmentCase.objects.all())
        assert not filters.is_valid() and list(filters.qs) == []
        assert filters.form.errors["caseworker"] == ["Caseworker: choose one of the options in the list"]
    form = CaseFilter(QueryDict(""), AssessmentCase.objects.all()).form
    assert ">Not allocated<" in str(form["caseworker"]) and area.users["caseworker"].username in str(form)


def test_the_shared_age_band_counts_whole_years_on_the_lists_day(area):
    today = date(2026, 3, 1)
    area.own_child.date_of_birth = date(2021, 3, 1)  # five today: no longer under 5
    area.other_child.date_of_birth = date(2021, 3, 2)  # five tomorrow
    Child.objects.bulk_update([area.own_child, area.other_child], ["date_of_birth"])
    young, older = open_case(area.other_child), open_case(area.own_child)

    def listed(query):
        return list(CaseFilter(QueryDict(query), AssessmentCase.objects.all(), today=today).qs)

    assert listed("age=young") == [young] and listed("age=old") == [older]
    filters = CaseFilter(QueryDict("age=11-15"), AssessmentCase.objects.all(), today=today)
    assert filters.form.errors["age"] == ["Age: choose one of the options in the list"]
    assert not list(filters.qs)
