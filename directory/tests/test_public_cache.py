"""Signed-out Local Offer answers come from the cache until the Local Offer changes; a signed-in
person's pages never do (directory/public_cache.py). Results are nearest first with a postcode."""

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import check_page
from directory import public_cache, search
from directory.models import Service
from directory.tests.factories import make_service, postcode

pytestmark = pytest.mark.django_db
SEARCH = reverse("directory:search")
ORUK = reverse("oruk:service_list")


@pytest.fixture(autouse=True)
def empty_cache():
    caches["public"].clear()


@pytest.fixture
def club():
    return make_service(name="Saturday Autism Club", description="Fun for autistic children.")


def found(client, **params):
    soup = check_page(client.get(SEARCH, {"q": "autism", **params}))
    return [a.get_text(strip=True) for a in soup.select("#results h2 a")]


def queries_for(client, url, params):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(captured)


def test_a_repeated_signed_out_search_is_answered_from_the_cache(client, club):
    first = queries_for(client, SEARCH, {"q": "autism"})
    again = queries_for(client, SEARCH, {"q": "autism"})
    assert again < first
    assert again <= 1  # the directory's version, from the shared cache
    assert found(client) == ["Saturday Autism Club"]


def test_a_cached_search_shows_an_edited_service_at_once(client, club):
    assert found(client) == ["Saturday Autism Club"]
    club.name = "Sunday Autism Club"
    club.save()
    assert found(client) == ["Sunday Autism Club"]
    club.delete()
    assert found(client) == []


def test_a_new_service_from_a_bulk_load_is_found_at_once(client, club):
    assert found(client) == ["Saturday Autism Club"]
    # Imports and the demo create rows without save signals, then index them.
    make_service(name="Autism Parents Group")
    assert found(client) == ["Autism Parents Group", "Saturday Autism Club"]


def test_a_change_that_sends_no_signal_is_not_seen_until_the_index_is_told(client, club):
    """Shows the cache is really used: a quiet UPDATE is invisible until search.index_services."""
    assert found(client) == ["Saturday Autism Club"]
    Service.objects.filter(pk=club.pk).update(name="Quiet Autism Club")
    assert found(client) == ["Saturday Autism Club"]
    search.index_services([club.pk])
    assert found(client) == ["Quiet Autism Club"]


def test_a_signed_in_person_is_never_served_from_the_cache_nor_fills_it(client, login, club):
    caseworker = login("caseworker")
    assert found(caseworker) == ["Saturday Autism Club"]
    Service.objects.filter(pk=club.pk).update(name="Quiet Autism Club")
    # The signed-in request above cached nothing, so the visitor sees the row as it is now ...
    assert found(client) == ["Quiet Autism Club"]
    Service.objects.filter(pk=club.pk).update(name="Quieter Autism Club")
    # ... and is now served that cached answer, while the signed-in person sees the row itself.
    assert found(client) == ["Quiet Autism Club"]
    assert found(caseworker) == ["Quieter Autism Club"]
    assert public_cache.key_for(caseworker.get(SEARCH).wsgi_request, "search") is None


def test_cached_answers_vary_with_the_search(client, club):
    make_service(name="Swimming Club", description="Swimming for disabled children.")
    assert found(client) == ["Saturday Autism Club"]
    assert found(client, q="swimming") == ["Swimming Club"]
    assert found(client, q="swimming", page="2") == ["Swimming Club"]


def test_each_visitor_gets_their_own_form_token(client, club):
    """The cached part has no token: the "Is this page useful?" form is drawn for each visitor."""
    found(client)
    other = type(client)()
    first = client.get(SEARCH, {"q": "autism"})
    second = other.get(SEARCH, {"q": "autism"})
    assert first.cookies["csrftoken"].value != second.cookies["csrftoken"].value
    assert "csrfmiddlewaretoken" in second.content.decode()


def test_the_oruk_list_is_cached_and_shows_an_edited_service_at_once(client, club):
    def names():
        return [s["name"] for s in client.get(ORUK).json()["contents"]]

    assert names() == ["Saturday Autism Club"]
    assert queries_for(client, ORUK, {}) <= 1
    club.name = "Sunday Autism Club"
    club.save()
    assert names() == ["Sunday Autism Club"]


def test_an_oruk_answer_is_kept_per_host(client, settings):
    """Some answers hold absolute links: one made for one host is never given to another."""
    settings.ALLOWED_HOSTS = ["testserver", "other.example"]
    info = reverse("oruk:api_info")
    assert "//testserver/" in client.get(info).json()["services_url"]
    assert "//other.example/" in client.get(info, HTTP_HOST="other.example").json()["services_url"]


def test_results_are_nearest_first_when_a_postcode_is_given(client):
    postcode("BF1 1AA", 53.8000, -1.7500)
    # The far one matches the words better (autism in its name), the near one only in its text.
    make_service(name="Autism Autism Centre", description="Autism.", latitude=53.8500, longitude=-1.7500)
    make_service(
        name="Play Scheme", description="Staff know about autism.", latitude=53.8050, longitude=-1.7500
    )
    assert found(client) == ["Autism Autism Centre", "Play Scheme"]
    assert found(client, postcode="BF1 1AA", distance="10") == ["Play Scheme", "Autism Autism Centre"]


def exported_names(client, fmt="csv"):
    response = client.get(SEARCH, {"q": "autism", "format": fmt})
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="local-offer-services.{fmt}"'
    return response.content


def test_a_signed_out_search_export_is_built_once_then_served_from_the_cache_until_a_service_changes(
    client, club
):
    """A visitor has no account to own a background job: the file is built in the request once
    per search and format, and repeats (the whole directory, often) are served from the cache."""
    first = exported_names(client)
    assert b"Saturday Autism Club" in first
    assert queries_for(client, SEARCH, {"q": "autism", "format": "csv"}) <= 1
    assert exported_names(client) == first
    assert exported_names(client, "xlsx")[:2] == b"PK"  # its own file, not the CSV's
    club.name = "Sunday Autism Club"
    club.save()
    assert b"Sunday Autism Club" in exported_names(client)


def test_a_signed_in_persons_search_export_is_not_cached(login, club):
    client = login("manager")
    exported_names(client)
    assert queries_for(client, SEARCH, {"q": "autism", "format": "csv"}) > 3
