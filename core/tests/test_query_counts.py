"""Database work per page must not grow with the rows shown (no N+1 queries)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audit.models import Action
from audit.services import record
from people.models import ChildRelationship
from people.tests.factories import ChildFactory, ParentCarerFactory

pytestmark = pytest.mark.django_db

PAGES = {
    "caseworker": ["people:child_list", "people:setting_list", "core:home"],
    "manager": ["audit:event_list"],
    "administrator": ["accounts:user_list"],
}


def queries_for(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def add_rows(area, n):
    for _ in range(n):
        child = ChildFactory(setting=area.school)
        ChildRelationship.objects.create(
            child=child, parent_carer=ParentCarerFactory(), relationship="father"
        )
        record(None, Action.VIEW, child=child, user=area.users["caseworker"])


@pytest.mark.parametrize("persona,name", [(p, n) for p, names in PAGES.items() for n in names])
def test_list_pages_use_the_same_number_of_queries_for_3_or_30_rows(area, login, persona, name):
    client = login(persona)
    url = reverse(name)
    add_rows(area, 3)
    few = queries_for(client, url)
    add_rows(area, 27)
    assert queries_for(client, url) == few


def test_the_child_record_does_not_query_per_parent(area, login):
    client = login("caseworker")
    url = reverse("people:child_detail", args=[area.own_child.public_id])
    few = queries_for(client, url)
    for _ in range(5):
        ChildRelationship.objects.create(
            child=area.own_child, parent_carer=ParentCarerFactory(), relationship="other_carer"
        )
    assert queries_for(client, url) == few
