"""The Open Referral UK profile's own JSON schemas, for checking what other feeds send us.

The schemas live in ../shared/standards/open-referral-uk/schema beside the project (never copied
in). Each file is registered under the address the profile publishes it at, so the relative
references between them ("taxonomy_term.json") resolve as they do upstream. Checked the same way
as directory/tests/oruk_schemas.py checks our own API's answers.
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

UPSTREAM = "https://raw.githubusercontent.com/openreferral/uk-profile/main/schema/"
SERVICE_SCHEMA = "compiled/service.json"


class StandardMissing(Exception):
    """The profile's schema files are not where the settings say, so nothing can be checked."""


def schema_folder() -> Path:
    return Path(settings.BASE_DIR).parent / "shared" / "standards" / "open-referral-uk" / "schema"


@cache
def registry(folder: Path | None = None) -> Registry:
    """Every schema file of the profile, registered under its published address."""
    folder = folder or schema_folder()
    resources = []
    for path in folder.rglob("*.json"):
        if path.name == "openapi.json":
            continue
        contents = json.loads(path.read_text())
        uri = UPSTREAM + path.relative_to(folder).as_posix()
        resources.append((uri, Resource.from_contents(contents, default_specification=DRAFT202012)))
    return Registry().with_resources(resources)


# jsonschema checks uuid and email itself; these two it leaves to the caller.
formats = FormatChecker()


@formats.checks("uri", raises=ValueError)
def _uri(value):
    parts = urlsplit(value)
    return bool(parts.scheme and parts.netloc)


@formats.checks("date-time", raises=ValueError)
def _date_time(value):
    datetime.fromisoformat(value.replace("Z", "+00:00"))
    return "T" in value


def validator(schema: dict, folder: Path | None = None) -> Draft202012Validator:
    return Draft202012Validator(schema, registry=registry(folder or schema_folder()), format_checker=formats)


def service_validator():
    """A validator for one fully nested service (a `/services` list item passes it too)."""
    folder = schema_folder()
    if not (folder / SERVICE_SCHEMA).is_file():
        raise StandardMissing(
            f"The Open Referral UK schemas are not installed at {folder}, so the feed cannot be "
            "checked. Ask your system administrator to put the shared standards folder there."
        )
    return validator({"$ref": UPSTREAM + SERVICE_SCHEMA}, folder)
