"""Search words go to the session, the list's URL gets a random key (core/search_terms.py): the one
redirect every list's search form posts through."""

import pytest
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.test import RequestFactory
from django.urls import reverse

from core import search_terms
from plans.tests.factories import issued_plan

pytestmark = pytest.mark.django_db

PLANS = reverse("plans:plan_list")


def _posted(query, words):
    request = RequestFactory().post(PLANS + query, {"q": words})
    request.session = SessionStore()
    return request, search_terms.search_redirect(request, "plans:plan_list")["Location"]


def _recalled(request, location):
    later = RequestFactory().get(location)
    later.session = request.session
    return search_terms.recall(later)


def test_the_words_go_to_the_session_and_the_filters_stay_in_the_url():
    request, location = _posted("?status=issued&page=3&s=old", "  Amira Hussain ")
    assert "amira" not in location.lower() and "hussain" not in location.lower()
    assert location.startswith(PLANS + "?status=issued&s=") and "page=" not in location
    key, words = _recalled(request, location)
    assert words == "Amira Hussain" and location.endswith(f"s={key}")


def test_an_empty_search_clears_the_kept_words():
    request, location = _posted("?status=issued&s=old", "   ")
    assert location == PLANS + "?status=issued"
    assert _posted("", "")[1] == PLANS


def test_plans_search_posts_through_it(area, login):
    for child in (area.own_child, area.other_child):
        issued_plan(child, area.users["caseworker"])
    client = login("caseworker")
    location = client.post(PLANS, {"q": area.own_child.legal_first_name})["Location"]
    assert area.own_child.legal_first_name.lower() not in location.lower()
    names = client.page(location).select("#plans tbody tr")
    assert len(names) == 1 and area.own_child.legal_last_name in names[0].get_text()
