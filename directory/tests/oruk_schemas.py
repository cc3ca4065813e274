"""Validators for Open Referral UK responses, built from the profile's own schemas and OpenAPI
description in ../shared/standards/open-referral-uk (never copied into this project).

The schema registry and format checks are directory.oruk.standard's, which the feed import uses
too: one place loads the profile.
"""

import json
from functools import cache

from jsonschema import Draft202012Validator

from directory.oruk.standard import UPSTREAM, schema_folder, validator

SCHEMAS = schema_folder()
STANDARD = SCHEMAS.parent
PAGE_FIELDS = [
    "total_items",
    "total_pages",
    "page_number",
    "size",
    "first_page",
    "last_page",
    "empty",
    "contents",
]


@cache
def openapi() -> dict:
    return json.loads((SCHEMAS / "openapi.json").read_text())


def for_object(name: str) -> Draft202012Validator:
    """One object, e.g. "compiled/service.json" or "taxonomy.json"."""
    return validator({"$ref": UPSTREAM + name})


def for_page(item: str) -> Draft202012Validator:
    """The profile's Page (from the OpenAPI description), every field required, of `item`s."""
    page = openapi()["components"]["schemas"]["Page"]
    return validator(
        {
            "allOf": [page],
            "required": PAGE_FIELDS,
            "properties": {"contents": {"type": "array", "items": {"$ref": UPSTREAM + item}}},
        }
    )


def for_api_info() -> Draft202012Validator:
    schema = openapi()["paths"]["/"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    return validator(schema | {"required": ["version", "profile", "openapi_url"]})


def example(name: str) -> dict:
    return json.loads((STANDARD / "examples" / name).read_text())
