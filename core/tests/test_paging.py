"""IdsFirstPaginator pages exactly as Django's Paginator does, reading rows only for the page."""

import pytest
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Value
from django.db.models.functions import Concat
from django.test.utils import CaptureQueriesContext

from core.paging import IdsFirstPaginator
from people.models import Child
from people.tests.factories import ChildFactory

pytestmark = pytest.mark.django_db


def test_every_page_holds_the_same_rows_in_the_same_order_with_their_annotations():
    for i in range(23):
        ChildFactory(legal_last_name=f"Name{i % 7}", legal_first_name=f"First{22 - i}")
    listed = (
        Child.objects.select_related("setting")
        .annotate(label=Concat("legal_last_name", Value(", "), "legal_first_name"))
        .order_by("legal_last_name", "-legal_first_name", "pk")
    )
    for per_page, orphans in ((5, 0), (5, 3), (10, 2), (50, 0)):
        plain, ids_first = Paginator(listed, per_page, orphans), IdsFirstPaginator(listed, per_page, orphans)
        assert plain.num_pages == ids_first.num_pages
        for number in plain.page_range:
            expected = [(c.pk, c.label) for c in plain.page(number)]
            got = ids_first.page(number)
            assert [(c.pk, c.label) for c in got] == expected
            assert got.has_next() == plain.page(number).has_next()


def test_a_page_is_three_queries_and_an_empty_list_two():
    ChildFactory.create_batch(3)
    listed = Child.objects.select_related("setting").order_by("pk")
    with CaptureQueriesContext(connection) as captured:
        page = IdsFirstPaginator(listed, 2).get_page(2)
        assert len(page.object_list) == 1 and page.object_list[0].setting is not None
    assert len(captured) == 3  # count, the page's ids, its rows (the setting joined, not fetched later)
    with CaptureQueriesContext(connection) as captured:
        assert list(IdsFirstPaginator(Child.objects.none(), 2).get_page(1)) == []
    assert len(captured) <= 2
