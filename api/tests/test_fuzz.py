"""Hostile input: schemathesis sends generated requests, valid and invalid, to every operation in the
case API's own OpenAPI description, signed in as a caseworker; none may get a server error (5xx).

Bounded to stay well under a minute in CI: FUZZ_EXAMPLES examples (default 25) per operation and mode."""

import os

import pytest
import schemathesis

from api.models import ApiToken
from casework.tests.factories import open_case
from core.tests.fuzz import server_errors

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "25"))


@pytest.mark.django_db
def test_no_generated_request_gets_a_server_error(area, client):
    case = open_case(area.own_child, caseworker=area.users["caseworker"])
    ids = {"/cases/": str(case.public_id), "/children/": str(area.own_child.public_id)}
    schema = schemathesis.openapi.from_dict(client.get("/api/v1/openapi.json").json())
    schema.config.base_url = "http://localhost"
    _, key = ApiToken.issue(area.users["caseworker"], "fuzzing")
    errors = server_errors(
        schema,
        EXAMPLES,
        headers={"Authorization": f"Token {key}"},
        known_ids=lambda path: next(({"public_id": v} for k, v in ids.items() if k in path), None),
    )
    assert errors == []
