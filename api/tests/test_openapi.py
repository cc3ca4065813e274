import openapi_spec_validator
import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

ENDPOINTS = {
    "/api/v1/children/": {"post"},
    "/api/v1/children/{public_id}/": {"get"},
    "/api/v1/cases/": {"get", "post"},
    "/api/v1/cases/{public_id}/": {"get"},
    "/api/v1/cases/{public_id}/events/": {"post"},
    "/api/v1/cases/{public_id}/advice-requests/": {"post"},
}


@pytest.fixture
def document(db):
    response = Client().get("/api/v1/openapi.json")  # public: no token, no session
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.oai.openapi+json")
    return response.json()


def test_it_describes_every_endpoint_and_nothing_else(document):
    assert document["openapi"].startswith("3.")
    described = {path: set(ops) - {"parameters"} for path, ops in document["paths"].items()}
    assert described == ENDPOINTS


def test_every_error_has_the_documented_shape(document):
    error = document["components"]["schemas"]["Error"]
    assert error["required"] == ["errors"]
    item = document["components"]["schemas"]["ErrorItem"]
    assert set(item["properties"]) == {"field", "message"} and item["properties"]["field"]["nullable"]
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            assert "401" in operation["responses"], (method, path)
            for status, response in operation["responses"].items():
                if status.startswith("4"):
                    schema = response["content"]["application/json"]["schema"]
                    assert schema == {"$ref": "#/components/schemas/Error"}, (method, path, status)
    assert "409" in document["paths"]["/api/v1/cases/{public_id}/events/"]["post"]["responses"]
    assert '{"errors": [{"field": "upn"' in document["info"]["description"]


def test_the_token_header_is_described(document):
    scheme = document["components"]["securitySchemes"]["tokenAuth"]
    assert scheme == {**scheme, "type": "apiKey", "in": "header", "name": "Authorization"}


def test_the_case_describes_its_clocks(document):
    schemas = document["components"]["schemas"]
    assert {"steps", "next_deadline", "advice_requests", "exceptions", "events", "version"} <= set(
        schemas["CaseDetail"]["properties"]
    )
    assert {"key", "label", "source", "start", "due", "done", "status"} <= set(schemas["Step"]["properties"])
    parameters = {p["name"] for p in document["paths"]["/api/v1/cases/"]["get"]["parameters"]}
    assert parameters == {"stage", "caseworker", "overdue", "due_before", "child", "limit", "offset"}


def test_it_is_valid_openapi_3(document):
    openapi_spec_validator.validate(document)
