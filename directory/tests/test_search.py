"""Search with the database's own full-text engine: ranking, plurals, typos, filters, distance,
and input that tries to break it. Runs the same on SQLite and PostgreSQL."""

import pytest
from django.urls import reverse

from conftest import check_page
from directory import geo, queries, search
from directory.models import Service
from directory.tests.factories import make_service, postcode

pytestmark = pytest.mark.django_db
SEARCH = reverse("directory:search")


def names(text, services=None):
    outcome = search.search(services or queries.listed_services(), text)
    return [s.name for s in outcome.services]


@pytest.fixture
def services():
    return {
        "wheelchair": make_service(
            name="Children's Wheelchair Service", description="Wheelchairs and seating."
        ),
        "autism_group": make_service(name="Autism Support Group", description="A group for parents."),
        "club": make_service(
            name="Saturday Club", description="Fun for autistic children. Staff know about autism and ADHD."
        ),
        "swim": make_service(name="Inclusive Swimming", description="Quiet swimming for autistic children."),
        "physio": make_service(
            name="Physiotherapy for Children", description="Help with moving and balance."
        ),
    }


def test_it_ranks_a_match_in_the_name_above_one_in_the_description(services):
    found = names("autism")
    assert found[0] == "Autism Support Group"
    assert "Saturday Club" in found


def test_it_finds_singulars_from_plurals_and_plurals_from_singulars(services):
    assert names("wheelchairs")[0] == "Children's Wheelchair Service"
    assert names("wheelchair")[0] == "Children's Wheelchair Service"
    assert "Inclusive Swimming" in names("swim")


def test_it_corrects_small_typos_and_says_what_it_searched_for(services):
    outcome = search.search(queries.listed_services(), "wheelchiar")
    assert outcome.corrected == ["wheelchair"]
    assert [s.name for s in outcome.services][0] == "Children's Wheelchair Service"
    assert names("swiming")[0] == "Inclusive Swimming"


def test_the_last_word_matches_as_a_prefix(services):
    assert names("physio") == ["Physiotherapy for Children"]


def test_all_words_first_then_any_of_them(services):
    assert names("autistic swimming") == ["Inclusive Swimming"]
    outcome = search.search(queries.listed_services(), "swimming zebra")
    assert not outcome.every_word
    assert [s.name for s in outcome.services] == ["Inclusive Swimming"]


def test_common_words_are_ignored(services):
    assert names("swimming for the children") == names("swimming children")


def test_the_index_follows_changes_and_deletions(services):
    service = services["physio"]
    service.name = "Movement Clinic"
    service.save()
    assert names("movement") == ["Movement Clinic"]
    service.delete()
    assert names("movement") == []


def test_closed_services_are_not_listed(services):
    services["swim"].status = "defunct"
    services["swim"].save()
    assert "Inclusive Swimming" not in names("swimming")


HOSTILE = [
    "x" * 10_000,
    "autism " * 2_000,
    '"',
    '"autism',
    "'",
    'AND OR NEAR * "',
    "NEAR(autism swimming, 2)",
    "autism AND NOT swimming",
    "swim* ^name:autism {a b}",
    "'; DROP TABLE directory_service; --",
    "1 OR 1=1",
    "%_\\",
    "<script>alert('x')</script>",
    "&lt;b&gt;",
    "autism\x00swimming",
    "ثقة 自閉症 Ünïcödé",
    "     ",
    "-",
    "a:b c:d",
    "((((",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_any_search_text_gives_a_page_never_an_error(services, client, text):
    response = client.get(SEARCH, {"q": text, "age": text[:20], "postcode": text[:20], "need": text[:10]})
    assert response.status_code == 200
    soup = check_page(response)
    assert not soup.find("script", string=lambda s: s and "alert" in s)


def test_script_in_the_search_is_shown_as_text(services, client):
    response = client.get(SEARCH, {"q": "<script>alert('x')</script>"})
    assert b"<script>alert" not in response.content
    assert b"&lt;script&gt;" in response.content


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_reaches_the_engine_only_as_plain_words(services, text):
    words = search.words_of(text)
    assert len(words) <= search.MAX_WORDS
    assert all(word.isalnum() for word in words)
    list(search.search(queries.listed_services(), text).services)  # does not raise


# --- Filters -----------------------------------------------------------------------------------


def result_names(client, **params):
    soup = check_page(client.get(SEARCH, params))
    return [a.get_text(strip=True) for a in soup.select("#results h2 a")]


def test_age_filter_keeps_services_whose_range_includes_the_age(client):
    make_service(name="Under fives", minimum_age=0, maximum_age=5)
    make_service(name="Teenagers", minimum_age=11, maximum_age=18)
    make_service(name="Any age")
    assert result_names(client, age="3") == ["Any age", "Under fives"]
    assert result_names(client, age="15") == ["Any age", "Teenagers"]


def test_need_filter_finds_plain_english_needs_under_their_sen_type(client):
    make_service(name="Autism group", tags=["autism"])
    make_service(name="Hearing group", tags=["hearing"])
    assert result_names(client, need="autism") == ["Autism group"]
    assert result_names(client, need="sen-asd") == ["Autism group"]


def test_category_pathway_cost_funding_and_area_filters(client):
    make_service(
        name="Free club",
        tags=["short-breaks"],
        is_free=True,
        funding_type="voluntary",
        town="Alderley",
        postcode="BF1 1AA",
        latitude=53.8,
        longitude=-1.75,
    )
    make_service(name="Paid club", tags=["short-breaks"], is_free=False, funding_type="social_care")
    make_service(name="Wait support", tags=["wait-support", "camhs"], funding_type="health")
    assert result_names(client, category="short-breaks") == ["Free club", "Paid club"]
    assert result_names(client, cost="paid") == ["Paid club"]
    assert result_names(client, funding="health") == ["Wait support"]
    assert result_names(client, pathway="camhs") == ["Wait support"]
    assert result_names(client, area="Alderley") == ["Free club"]


def test_a_bad_filter_is_explained_and_the_rest_still_apply(client):
    make_service(name="Club", minimum_age=5, maximum_age=10)
    response = client.get(SEARCH, {"age": "seven", "q": "club"})
    soup = check_page(response)
    assert "Age must be a number" in soup.select_one(".govuk-error-summary").get_text()
    assert [a.get_text(strip=True) for a in soup.select("#results h2 a")] == ["Club"]


# --- Distance ----------------------------------------------------------------------------------

HERE = (53.8000, -1.7500)


@pytest.fixture
def nearby():
    postcode("BF1 1AA", *HERE)
    postcode("BF1 1AB", 53.8010, -1.7510)
    return {
        "near": make_service(name="Near", latitude=53.8050, longitude=-1.7500),  # about 0.35 miles north
        "middle": make_service(name="Middle", latitude=53.8500, longitude=-1.7500),  # about 3.5 miles
        "far": make_service(name="Far", latitude=53.9800, longitude=-1.7500),  # about 12.4 miles
        "nowhere": make_service(name="No address"),
    }


def test_distance_filter_keeps_services_within_the_distance_nearest_first(client, nearby):
    assert result_names(client, postcode="bf11aa", distance="5") == ["Near", "Middle"]
    assert result_names(client, postcode="BF1 1AA", distance="25") == ["Near", "Middle", "Far"]
    assert result_names(client, postcode="BF1 1AA", distance="1") == ["Near"]


def test_sql_distance_matches_the_haversine_formula(nearby):
    place = geo.locate("BF1 1AA")
    found = geo.with_distance(queries.listed_services(), place, 25).get(name="Far")
    assert found.distance == pytest.approx(geo.haversine_miles(*HERE, 53.98, -1.75), rel=1e-6)
    assert found.distance == pytest.approx(12.44, abs=0.05)


def test_an_unknown_postcode_falls_back_to_its_sector_then_its_district(nearby):
    sector = geo.locate("BF1 1ZZ")
    assert (sector.label, sector.exact) == ("BF1 1", False)
    assert sector.latitude == pytest.approx(53.8005)
    assert geo.locate("BF1 9ZZ").label == "BF1"
    assert geo.locate("BF1").label == "BF1"
    assert geo.locate("ZZ9 9ZZ") is None
    assert geo.locate("not a postcode") is None


def test_an_unknown_postcode_is_explained(client, nearby):
    soup = check_page(client.get(SEARCH, {"postcode": "ZZ9 9ZZ"}))
    assert "We could not find that postcode" in soup.select_one(".govuk-error-summary").get_text()


def test_words_and_distance_together(client, nearby):
    nearby["middle"].description = "Swimming lessons"
    nearby["middle"].save()
    assert result_names(client, q="swimming", postcode="BF1 1AA", distance="5") == ["Middle"]


def test_search_results_export_as_csv_and_xlsx(client, nearby):
    response = client.get(SEARCH, {"postcode": "BF1 1AA", "distance": "5", "format": "csv"})
    # Built whole, once per search, and kept in the public cache (directory.views.public).
    body = response.content.decode()
    lines = body.strip().splitlines()
    assert lines[0].startswith("Service,Run by")
    assert [line.split(",")[0] for line in lines[1:]] == ["Near", "Middle"]
    response = client.get(SEARCH, {"format": "xlsx"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


def test_each_database_uses_its_own_full_text_index(services):
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'directory_service_search_gin'")
            assert "gin (search_vector)" in cursor.fetchone()[0]
            assert search._has_trigrams()
            assert Service.objects.exclude(search_vector=None).count() == len(services)
        else:
            cursor.execute("SELECT count(*) FROM directory_service_fts")
            assert cursor.fetchone()[0] == len(services)
