"""The Open Referral UK API: every endpoint's answer validates against the profile's schemas,
bad parameters get a 400 with a message, and every answer may be read by any website."""

import copy
import json

import jsonschema
import pytest
from django.urls import reverse

from directory.models import Service, Taxonomy, TaxonomyTerm
from directory.tests import oruk_schemas
from directory.tests.factories import local_offer_for, make_service, postcode

pytestmark = pytest.mark.django_db


@pytest.fixture
def offer(area):
    found = local_offer_for(area)
    found.service.minimum_age, found.service.maximum_age = 4, 11
    found.service.when_available = "Saturdays, 10am to 12 noon"
    found.service.languages = "English, Urdu"
    found.service.accessibility = "Step-free"
    found.service.url = "https://club.example/"
    found.service.email = "club@example.org"
    found.service.save()
    make_service(
        name="Teen Swimming",
        minimum_age=11,
        maximum_age=18,
        tags=["leisure"],
        is_free=False,
        fees="£3 a session",
        postcode="BF1 1AB",
        latitude=53.9,
        longitude=-1.75,
    )
    postcode("BF1 1AA", 53.80, -1.75)
    return found


def get(client, name, args=(), **params):
    response = client.get(reverse(name, args=args), params)
    assert response["Access-Control-Allow-Origin"] == "*", name
    assert response["Content-Type"] == "application/json", name
    return response, json.loads(response.content)


def valid(validator, data):
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors[:5]]


def test_the_validators_accept_the_profiles_own_examples():
    valid(oruk_schemas.for_object("compiled/service.json"), oruk_schemas.example("service_full.json"))
    valid(oruk_schemas.for_page("compiled/service_list.json"), oruk_schemas.example("service_list.json"))
    valid(oruk_schemas.for_page("taxonomy_term.json"), oruk_schemas.example("taxonomy_term_list.json"))
    valid(
        oruk_schemas.for_page("compiled/service_at_location_list.json"),
        oruk_schemas.example("service_at_location_list.json"),
    )


def test_api_info(client, offer):
    response, data = get(client, "oruk:api_info")
    assert response.status_code == 200
    valid(oruk_schemas.for_api_info(), data)
    assert data["version"] == "3.0"


def test_services_list(client, offer):
    response, data = get(client, "oruk:service_list", per_page="1")
    assert response.status_code == 200
    valid(oruk_schemas.for_page("compiled/service_list.json"), data)
    assert (
        data["total_items"],
        data["total_pages"],
        data["size"],
        data["first_page"],
        data["last_page"],
    ) == (3, 3, 1, True, False)
    _, data = get(client, "oruk:service_list", page="3", per_page="1")
    assert (data["page_number"], data["last_page"], data["empty"]) == (3, True, False)
    _, data = get(client, "oruk:service_list", page="9")
    assert (data["size"], data["empty"], data["contents"]) == (0, True, [])
    valid(oruk_schemas.for_page("compiled/service_list.json"), data)


def test_service_fully_nested(client, offer):
    response, data = get(client, "oruk:service_detail", args=[offer.service.pk])
    assert response.status_code == 200
    valid(oruk_schemas.for_object("compiled/service.json"), data)
    valid(oruk_schemas.for_object("compiled/service_with_definitions.json"), data)
    for phone in data["contacts"][0]["phones"]:  # HSDS 3.0 phones, an extra the profile allows
        valid(oruk_schemas.for_object("phone.json"), phone)
    assert {a["taxonomy_term"]["term"] for a in data["attributes"]} == {
        "short-breaks",
        "autism",
        "autism-assessment",
    }
    assert [lang["name"] for lang in data["languages"]] == ["English", "Urdu"]
    assert data["service_at_locations"][0]["location"]["addresses"][0]["postal_code"] == "BF1 1AA"


def test_taxonomies(client, offer):
    response, data = get(client, "oruk:taxonomy_list")
    assert response.status_code == 200
    valid(oruk_schemas.for_page("taxonomy.json"), data)
    assert data["total_items"] == Taxonomy.objects.count() == 4
    taxonomy = Taxonomy.objects.get(code="pathways")
    response, data = get(client, "oruk:taxonomy_detail", args=[taxonomy.pk])
    valid(oruk_schemas.for_object("taxonomy.json"), data)
    assert {t["term"] for t in data["taxonomy_terms"]} >= {"autism-assessment", "camhs", "wheelchairs"}


def test_taxonomy_terms(client, offer):
    response, data = get(client, "oruk:taxonomy_term_list", per_page="1000")
    assert response.status_code == 200
    valid(oruk_schemas.for_page("taxonomy_term.json"), data)
    assert data["total_items"] == TaxonomyTerm.objects.count()
    autism = TaxonomyTerm.objects.get(code="autism")
    _, data = get(client, "oruk:taxonomy_term_detail", args=[autism.pk])
    valid(oruk_schemas.for_object("taxonomy_term.json"), data)
    assert data["parent_id"] == str(TaxonomyTerm.objects.get(code="sen-asd").pk)
    _, data = get(client, "oruk:taxonomy_term_list", taxonomy_id=str(autism.taxonomy_id))
    assert {t["taxonomy_id"] for t in data["contents"]} == {str(autism.taxonomy_id)}


def test_service_at_locations(client, offer):
    response, data = get(client, "oruk:service_at_location_list")
    assert response.status_code == 200
    valid(oruk_schemas.for_page("compiled/service_at_location_list.json"), data)
    assert data["total_items"] == 2
    link = offer.service.service_at_locations.get()
    response, data = get(client, "oruk:service_at_location_detail", args=[link.pk])
    valid(oruk_schemas.for_object("compiled/service_at_location.json"), data)
    assert data["service"]["id"] == str(offer.service.pk)


def test_filters(client, offer):
    def names(name="oruk:service_list", **params):
        _, data = get(client, name, **params)
        return sorted(item.get("name") or item["service"]["name"] for item in data["contents"])

    autism = TaxonomyTerm.objects.get(code="autism")
    assert names(taxonomy_term_id=str(autism.pk)) == ["Saturday Sensory Club"]
    sen_asd = TaxonomyTerm.objects.get(code="sen-asd")
    assert names(taxonomy_term_id=str(sen_asd.pk)) == ["Saturday Sensory Club"]  # terms under it count
    assert names(taxonomy_id=str(autism.taxonomy_id)) == ["Saturday Sensory Club"]
    assert names(minimum_age="10") == ["Teen Swimming"]
    assert names(maximum_age="11") == ["Saturday Sensory Club"]
    assert names(search="swiming") == ["Teen Swimming"]
    assert names(text="sensory") == ["Saturday Sensory Club"]
    # Search within the services-at-locations list (the match is a subquery there; found by fuzzing).
    assert names("oruk:service_at_location_list", search="swimming") == ["Teen Swimming"]
    assert names("oruk:service_at_location_list", search="swiming") == ["Teen Swimming"]
    assert names(organization_id=str(offer.other_service.organization_id)) == ["Someone Else's Service"]
    near = names("oruk:service_at_location_list", postcode="BF1 1AA", proximity="2000")
    assert near == ["Saturday Sensory Club"]
    assert len(names("oruk:service_at_location_list", postcode="BF1 1AA", proximity="20000")) == 2


@pytest.mark.parametrize(
    "name, params",
    [
        ("oruk:service_list", {"page": "abc"}),
        ("oruk:service_list", {"page": "0"}),
        ("oruk:service_list", {"per_page": "0"}),
        ("oruk:service_list", {"per_page": "-5"}),
        ("oruk:service_list", {"per_page": "100000"}),
        ("oruk:service_list", {"per_page": "1.5"}),
        ("oruk:service_list", {"taxonomy_term_id": "autism"}),
        ("oruk:service_list", {"taxonomy_id": "' OR 1=1 --"}),
        ("oruk:service_list", {"minimum_age": "old"}),
        ("oruk:service_list", {"maximum_age": "nan"}),
        ("oruk:service_list", {"modified_after": "yesterday"}),
        ("oruk:service_list", {"day": "Funday"}),
        ("oruk:service_list", {"start_time": "25:00"}),
        ("oruk:taxonomy_list", {"page": "abc"}),
        ("oruk:taxonomy_term_list", {"per_page": "0"}),
        ("oruk:taxonomy_term_list", {"taxonomy_id": "x"}),
        ("oruk:service_at_location_list", {"proximity": "1000"}),
        ("oruk:service_at_location_list", {"postcode": "ZZ9 9ZZ"}),
        ("oruk:service_at_location_list", {"postcode": "BF1 1AA", "proximity": "far"}),
    ],
)
def test_a_bad_parameter_is_a_400_with_a_message(client, offer, name, params):
    response, data = get(client, name, **params)
    assert response.status_code == 400
    assert isinstance(data["message"], str) and data["message"]


@pytest.mark.parametrize(
    "name",
    [
        "oruk:service_detail",
        "oruk:taxonomy_detail",
        "oruk:taxonomy_term_detail",
        "oruk:service_at_location_detail",
    ],
)
@pytest.mark.parametrize("raw_id", ["00000000-0000-4000-8000-000000000000", "not-a-uuid", "<script>"])
def test_an_unknown_id_is_a_json_404(client, offer, name, raw_id):
    response, data = get(client, name, args=[raw_id])
    assert response.status_code == 404
    assert "No " in data["message"]


def test_search_text_of_any_kind_answers(client, offer):
    for text in ["x" * 10_000, '"', "AND OR NEAR *", "'; DROP TABLE directory_service; --", "<script>"]:
        response, data = get(client, "oruk:service_list", search=text)
        assert response.status_code == 200
        valid(oruk_schemas.for_page("compiled/service_list.json"), data)
        response, data = get(client, "oruk:service_at_location_list", search=text)
        assert response.status_code == 200


def test_it_is_read_only_and_answers_preflight_requests(client, offer):
    url = reverse("oruk:service_list")
    response = client.post(url, {})
    assert response.status_code == 405 and response["Access-Control-Allow-Origin"] == "*"
    response = client.options(
        url, HTTP_ORIGIN="https://other.example", HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET"
    )
    assert response.status_code == 200 and response["Access-Control-Allow-Origin"] == "*"


def test_validation_fails_when_a_required_field_is_missing(client, offer):
    _, page = get(client, "oruk:service_list")
    _, full = get(client, "oruk:service_detail", args=[offer.service.pk])
    _, term = get(client, "oruk:taxonomy_term_detail", args=[offer.service.taxonomy_terms.first().pk])
    _, taxonomy = get(client, "oruk:taxonomy_detail", args=[offer.service.taxonomy_terms.first().taxonomy_id])
    _, links = get(client, "oruk:service_at_location_list")
    broken = []
    for key in oruk_schemas.PAGE_FIELDS:
        broken.append(("compiled/service_list.json", True, {k: v for k, v in page.items() if k != key}))
    for path in (["contents", 0, "name"], ["contents", 0, "status"], ["contents", 0, "organization", "name"]):
        broken.append(("compiled/service_list.json", True, without(page, path)))
    for path in (
        ["id"],
        ["attributes", 0, "taxonomy_term", "description"],
        ["service_at_locations", 0, "location", "addresses", 0, "postal_code"],
    ):  # noqa: E501
        broken.append(("compiled/service.json", False, without(full, path)))
    broken.append(("taxonomy_term.json", False, without(term, ["name"])))
    # Through the relative $ref from taxonomy.json to taxonomy_term.json:
    broken.append(("taxonomy.json", False, without(taxonomy, ["taxonomy_terms", 0, "description"])))
    broken.append(
        (
            "compiled/service_at_location_list.json",
            True,
            without(links, ["contents", 0, "location", "location_type"]),
        )
    )
    broken.append(("compiled/service.json", False, {**full, "status": "open"}))
    broken.append(("compiled/service.json", False, {**full, "id": "not-a-uuid"}))
    for schema, is_page, data in broken:
        validator = oruk_schemas.for_page(schema) if is_page else oruk_schemas.for_object(schema)
        with pytest.raises(jsonschema.ValidationError):
            validator.validate(data)


def without(data, path):
    data = copy.deepcopy(data)
    target = data
    for key in path[:-1]:
        target = target[key]
    del target[path[-1]]
    return data


def test_out_of_date_services_carry_an_alert(client, offer):
    Service.objects.filter(pk=offer.service.pk).update(review_due="2000-01-01")
    _, data = get(client, "oruk:service_detail", args=[offer.service.pk])
    assert "may be out of date" in data["alert"]
