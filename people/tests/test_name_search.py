"""Finding a child however the name was typed: accents, apostrophes (curly or straight) and case
are folded, and a small misspelling still finds the name, closest first."""

import pytest

from people.models import Child
from people.queries import search_children
from people.search import fold
from people.tests.factories import ChildFactory

pytestmark = pytest.mark.django_db


def names(queryset):
    return [child.full_name for child in queryset]


@pytest.mark.parametrize(
    ("typed", "folded"),
    [("Novák", "novak"), ("O’Brien", "obrien"), ("O'Brien", "obrien"), ("  ZOË  d‘Arcy ", "zoe darcy"),
     ("Øyvind", "øyvind"), ("ŁUKASZ", "łukasz")],
)
def test_fold(typed, folded):
    assert fold(typed) == folded


@pytest.fixture
def children():
    return {
        "novak": ChildFactory(legal_first_name="Tomáš", legal_last_name="Novák"),
        "obrien": ChildFactory(legal_first_name="Siobhán", legal_last_name="O'Brien"),
        "bashir": ChildFactory(legal_first_name="Aisha", legal_last_name="Bashir"),
        "bashford": ChildFactory(legal_first_name="Aisha", legal_last_name="Bashford"),
        "other": ChildFactory(legal_first_name="Jacob", legal_last_name="Walsh"),
    }


@pytest.mark.parametrize("typed", ["Novak", "novák", "NOVAK", "Tomas Novak"])
def test_accents_and_case_are_folded(children, typed):
    assert names(search_children(Child.objects.all(), typed)) == ["Tomáš Novák"]


@pytest.mark.parametrize("typed", ["O'Brien", "O’Brien", "o‘brien", "OBrien", "Siobhan O’Brien"])
def test_apostrophes_of_every_kind_match(children, typed):
    assert names(search_children(Child.objects.all(), typed)) == ["Siobhán O'Brien"]


def test_a_small_misspelling_finds_the_name_closest_first(children):
    found = names(search_children(Child.objects.all(), "Bashier"))
    assert found[0] == "Aisha Bashir"
    assert "Jacob Walsh" not in found


def test_a_misspelt_first_and_last_name_together(children):
    assert names(search_children(Child.objects.all(), "Aysha Bashir"))[0] == "Aisha Bashir"


def test_an_exact_match_is_not_diluted_by_near_ones(children):
    assert names(search_children(Child.objects.all(), "Bashir")) == ["Aisha Bashir"]


def test_nothing_like_the_name_finds_nothing(children):
    assert names(search_children(Child.objects.all(), "Zebedee")) == []


def test_a_renamed_child_is_found_by_the_new_folded_name(children):
    child = children["other"]
    child.legal_last_name = "Çelik"
    child.save()
    assert names(search_children(Child.objects.all(), "celik")) == ["Jacob Çelik"]
