"""The caseworker home's children counts (with an EHC plan, on SEN support) are stored and kept
by triggers: whatever way children are added, changed or removed, the stored figures equal a
plain count of the rows."""

import pytest
from django.db import connection
from django.db.models import Count
from django.urls import reverse

from people import provision_counts
from people.models import Child, ProvisionCount
from people.tests.factories import ChildFactory

pytestmark = pytest.mark.django_db
PROVISIONS = ("E", "K", "N")


def plain_count():
    rows = Child.objects.values("sen_provision").annotate(n=Count("pk"))
    counted = {row["sen_provision"]: row["n"] for row in rows}
    return {provision: counted.get(provision, 0) for provision in PROVISIONS}


def stored():
    return provision_counts.children_by_provision(*PROVISIONS)


def test_every_way_of_writing_children_keeps_the_stored_counts_exact():
    ChildFactory.create_batch(3, sen_provision="E")
    ChildFactory.create_batch(2, sen_provision="K")
    assert stored() == plain_count() == {"E": 3, "K": 2, "N": 0}

    Child.objects.bulk_create([ChildFactory.build(sen_provision="K", setting=None) for _ in range(4)])
    assert stored() == plain_count() == {"E": 3, "K": 6, "N": 0}

    child = Child.objects.filter(sen_provision="E").first()
    child.sen_provision = "N"  # a plan ceased: the record's own save
    child.save()
    child.legal_first_name = "Renamed"  # a save that does not change provision counts nothing
    child.save()
    assert stored() == plain_count() == {"E": 2, "K": 6, "N": 1}

    Child.objects.filter(sen_provision="K").update(sen_provision="E")  # one statement, many rows
    assert stored() == plain_count() == {"E": 8, "K": 0, "N": 1}

    Child.objects.filter(pk__in=Child.objects.filter(sen_provision="E").values("pk")[:3]).delete()
    child.delete()
    assert stored() == plain_count() == {"E": 5, "K": 0, "N": 0}


def test_installing_again_recounts_a_figure_that_drifted():
    ChildFactory.create_batch(2, sen_provision="K")
    ProvisionCount.objects.filter(sen_provision="K").update(children=99)
    provision_counts.install(connection)
    assert stored() == plain_count() == {"E": 0, "K": 2, "N": 0}
    ChildFactory(sen_provision="K")  # and the triggers still count (installing twice is harmless)
    assert stored()["K"] == 3


def test_the_caseworker_home_shows_the_stored_figures(area, login):
    ChildFactory.create_batch(2, sen_provision="E")
    expected = plain_count()
    page = login("caseworker").page(reverse("core:home"))
    text = page.get_text(" ", strip=True)
    assert f"{expected['E']} Children and young people with an EHC plan" in text
    assert f"{expected['K']} Children on SEN support" in text
