"""Validators for Open Referral UK responses, built from the profile's own schemas and OpenAPI
description in ../shared/standards/open-referral-uk (never copied into this project).

Every schema file is registered under the address the OpenAPI description uses for it, so
relative references ("taxonomy_term.json") resolve as they do upstream. Formats are checked
too: uuid and email by jsonschema, uri and date-time by the small checks below.
"""

import json
from datetime import datetime
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

STANDARD = Path(settings.BASE_DIR).parent / "shared" / "standards" / "open-referral-uk"
SCHEMAS = STANDARD / "schema"
UPSTREAM = "https://raw.githubusercontent.com/openreferral/uk-profile/main/schema/"
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

formats = FormatChecker()


@formats.checks("uri", raises=ValueError)
def _uri(value):
    parts = urlsplit(value)
    return bool(parts.scheme and parts.netloc)


@formats.checks("date-time", raises=ValueError)
def _date_time(value):
    datetime.fromisoformat(value.replace("Z", "+00:00"))
    return "T" in value


@cache
def openapi() -> dict:
    return json.loads((SCHEMAS / "openapi.json").read_text())


@cache
def registry() -> Registry:
    resources = []
    for path in SCHEMAS.rglob("*.json"):
        if path.name == "openapi.json":
            continue
        contents = json.loads(path.read_text())
        uri = UPSTREAM + path.relative_to(SCHEMAS).as_posix()
        resources.append((uri, Resource.from_contents(contents, default_specification=DRAFT202012)))
    return Registry().with_resources(resources)


def validator(schema: dict) -> Draft202012Validator:
    return Draft202012Validator(schema, registry=registry(), format_checker=formats)


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
