"""Hostile input: schemathesis sends generated requests, valid and invalid, to every operation of the
Open Referral UK profile's own OpenAPI description (read from ../shared/standards, not copied) at
/api/oruk/; none may get a server error (5xx). FUZZ_EXAMPLES (default 25) per operation and mode."""

import copy
import os

import pytest
import schemathesis

from core.tests.fuzz import server_errors
from directory.models import ServiceAtLocation, Taxonomy, TaxonomyTerm
from directory.tests import oruk_schemas
from directory.tests.factories import local_offer_for

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "25"))


def requests_only(description):
    """The profile's description as far as requests go. Its responses are dropped: we only look for
    5xx here (test_oruk.py validates the bodies), and they $ref schemas on the web, which we never
    fetch. Its start_time and end_time say `"type": "time"`, not a JSON Schema type: read as the
    string format it means."""
    description = copy.deepcopy(description)
    for parameter in description["components"]["parameters"].values():
        if parameter["schema"].get("type") == "time":
            parameter["schema"] = {"type": "string", "format": "time"}
    for operations in description["paths"].values():
        for operation in operations.values():
            if isinstance(operation, dict) and "responses" in operation:
                operation["responses"] = {"200": {"description": "OK"}}
    return description


@pytest.mark.django_db
def test_no_generated_request_gets_a_server_error(area):
    offer = local_offer_for(area)
    ids = {
        "/services/": offer.service.pk,
        "/taxonomies/": Taxonomy.objects.first().pk,
        "/taxonomy_terms/": TaxonomyTerm.objects.first().pk,
        "/service_at_locations/": ServiceAtLocation.objects.first().pk,
    }
    schema = schemathesis.openapi.from_dict(requests_only(oruk_schemas.openapi()))
    schema.config.base_url = "http://localhost/api/oruk"
    errors = server_errors(
        schema,
        EXAMPLES,
        known_ids=lambda path: next(({"id": str(v)} for k, v in ids.items() if k in path), None),
    )
    assert errors == []
