"""Import and export of Local Offer services as CSV or XLSX, in one set of columns both ways.

As with people.imports: every row is checked first and each problem is reported by row and
column; only a file with no problems is written, in one transaction. A row with an ID updates
that service; a row without one adds a new service. An import is an editor's action, so it is
published at once (providers propose changes through their dashboard instead).
"""

import uuid
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from accounts.models import User
from accounts.roles import Role
from clock import dates
from clock.local_offer import next_review_due
from directory import geo, proposals, search
from directory.choices import FundingType, ReferralRoute, ServiceStatus
from directory.models import Location, Organization, Service, ServiceAtLocation, TaxonomyTerm
from people.imports import ImportProblem, ImportResult, UnreadableFile, parse_import_date, read_rows
from people.validators import normalise_postcode

__all__ = ["COLUMNS", "UnreadableFile", "export_rows", "import_services"]

COLUMNS = [
    "ID",
    "Name",
    "Organisation",
    "What it is",
    "Status",
    "Who it is for",
    "Youngest age",
    "Oldest age",
    "How to get it",
    "How to get it: details",
    "When it runs",
    "Free",
    "Cost",
    "Funding",
    "Website",
    "Email",
    "Phone",
    "Languages",
    "Accessibility",
    "Categories",
    "Needs",
    "Health pathways",
    "Owner email",
    "Review due",
    "Last checked",
    "Location name",
    "Address",
    "Town",
    "Postcode",
]
REQUIRED = ["Name", "Organisation", "What it is", "Funding"]
TERM_COLUMNS = {"Categories": "categories", "Needs": "needs", "Health pathways": "pathways"}
TEXT_LIMITS = {
    "Name": 200,
    "Organisation": 200,
    "Languages": 300,
    "Location name": 200,
    "Address": 200,
    "Town": 100,
}
YES, NO = {"yes", "y", "true", "1"}, {"no", "n", "false", "0"}


@dataclass
class Row:
    number: int
    service_id: uuid.UUID | None
    values: dict  # Service fields
    organisation: str
    terms: list  # TaxonomyTerm codes
    phone: str
    location: dict  # name, address_1, city, postcode


def _coded(text, choices, column):
    """A choice given as its code or its label, any case."""
    lookup = {code.lower(): code for code, _ in choices} | {str(lbl).lower(): code for code, lbl in choices}
    if text.lower() in lookup:
        return lookup[text.lower()]
    allowed = ", ".join(code for code, _ in choices)
    raise ValidationError(f"'{text}' is not a value for {column}. Use one of: {allowed}")


def _age(text):
    if not text:
        return None
    if not text.isdigit() or int(text) > 99:
        raise ValidationError("Enter an age in whole years, from 0 to 99")
    return int(text)


def _yes_no(text):
    if text.lower() in YES:
        return True
    if text.lower() in NO or not text:
        return False
    raise ValidationError("Enter Yes or No")


def _terms(text, taxonomy_code, known):
    codes = []
    for part in filter(None, (p.strip() for p in text.split(";"))):
        code = known[taxonomy_code].get(part.lower())
        if code is None:
            raise ValidationError(f"'{part}' is not one of the Local Offer's {taxonomy_code}")
        codes.append(code)
    return codes


def _check_row(number, row, context) -> tuple[Row | None, list[tuple[str, str]]]:
    problems, values = [], {}

    def check(column, convert):
        try:
            return convert(row.get(column, "").strip())
        except ValidationError as error:
            problems.append((column, error.messages[0]))
            return None

    for column in REQUIRED:
        if not row.get(column, "").strip():
            problems.append((column, f"Enter the {column.lower()}"))
    for column, limit in TEXT_LIMITS.items():
        if len(row.get(column, "")) > limit:
            problems.append((column, f"Use {limit} characters or fewer"))
    service_id = check("ID", lambda v: _existing_id(v, context))
    values["name"] = row.get("Name", "").strip()[:200]
    values["description"] = row.get("What it is", "").strip()
    values["status"] = check(
        "Status", lambda v: _coded(v, ServiceStatus.choices, "Status") if v else "active"
    )
    values["funding_type"] = check(
        "Funding", lambda v: _coded(v, FundingType.choices, "Funding") if v else None
    )
    values["referral_route"] = check(
        "How to get it", lambda v: _coded(v, ReferralRoute.choices, "How to get it") if v else "self"
    )
    values["minimum_age"] = check("Youngest age", _age)
    values["maximum_age"] = check("Oldest age", _age)
    low, high = values["minimum_age"], values["maximum_age"]
    if low is not None and high is not None and low > high:
        problems.append(("Oldest age", "Oldest age must be the same as or more than the youngest age"))
    values["is_free"] = check("Free", _yes_no)
    for column, field in (
        ("Who it is for", "eligibility"),
        ("How to get it: details", "how_to_access"),
        ("When it runs", "when_available"),
        ("Cost", "fees"),
        ("Website", "url"),
        ("Email", "email"),
        ("Languages", "languages"),
        ("Accessibility", "accessibility"),
    ):
        values[field] = row.get(column, "").strip()
    for column, field in (("Website", "url"), ("Email", "email")):
        try:
            if values[field]:
                Service._meta.get_field(field).run_validators(values[field])
        except ValidationError:
            problems.append((column, f"Enter a real {column.lower()} address, or leave it blank"))
    values["owner"] = check("Owner email", lambda v: _owner(v, context))
    values["last_checked"] = check("Last checked", lambda v: _past_date(v, context.today) if v else None)
    values["review_due"] = check("Review due", lambda v: parse_import_date(v) if v else None)
    if values["review_due"] is None and not any(c == "Review due" for c, _ in problems):
        values["review_due"] = next_review_due(values["last_checked"] or context.today)
    terms = []
    for column, taxonomy_code in TERM_COLUMNS.items():
        terms += check(column, lambda v, t=taxonomy_code: _terms(v, t, context.terms)) or []
    postcode = check("Postcode", lambda v: normalise_postcode(v) if v else "")
    location = {
        "name": row.get("Location name", "").strip()[:200],
        "address_1": row.get("Address", "").strip()[:200],
        "city": row.get("Town", "").strip()[:100],
        "postcode": postcode or "",
    }
    if problems:
        return None, problems
    return Row(
        number,
        service_id,
        values,
        row["Organisation"].strip()[:200],
        terms,
        row.get("Phone", "").strip()[:30],
        location,
    ), []


def _existing_id(text, context):
    if not text:
        return None
    try:
        service_id = uuid.UUID(text)
    except ValueError as error:
        raise ValidationError(
            "Enter the ID exactly as exported, or leave it blank for a new service"
        ) from error
    if service_id not in context.existing:
        raise ValidationError("No service has this ID. Leave it blank to add a new service")
    return service_id


def _owner(text, context):
    if not text:
        return None
    owner = context.owners.get(text.lower())
    if owner is None:
        raise ValidationError(f"No active service owner account has the email address {text}")
    return owner


def _past_date(text, today) -> date:
    value = parse_import_date(text)
    if value > today:
        raise ValidationError("Last checked must be today or in the past")
    return value


@dataclass
class _Context:
    today: date
    existing: set
    owners: dict
    terms: dict


def _context() -> _Context:
    terms = {}
    for code, name, taxonomy_code in TaxonomyTerm.objects.values_list("code", "name", "taxonomy__code"):
        terms.setdefault(taxonomy_code, {}).update({code.lower(): code, name.lower(): code})
    owners = {
        u.email.lower(): u
        for u in User.objects.filter(role=Role.SERVICE_OWNER, is_active=True).exclude(email="")
    }
    return _Context(dates.today(), set(Service.objects.values_list("pk", flat=True)), owners, terms)


def import_services(upload, user=None) -> ImportResult:
    headings, rows = read_rows(upload)
    result = ImportResult(
        problems=[ImportProblem(1, c, f"The file has no '{c}' column") for c in REQUIRED if c not in headings]
    )
    if not rows and not result.problems:
        result.problems.append(ImportProblem(1, "", "The file has no rows to import"))
    if result.problems:
        return result
    context = _context()
    checked, seen = [], {}
    for number, raw in enumerate(rows, start=2):
        row, problems = _check_row(number, raw, context)
        result.problems += [ImportProblem(number, column, message) for column, message in problems]
        if row and row.service_id:
            if row.service_id in seen:
                result.problems.append(ImportProblem(number, "ID", f"Same ID as row {seen[row.service_id]}"))
            seen.setdefault(row.service_id, number)
        if row:
            checked.append(row)
    if result.problems:
        return result
    with transaction.atomic():
        ids = [_write(row, user, result) for row in checked]
        search.index_services(ids)
    return result


def _write(row: Row, user, result) -> uuid.UUID:
    organisation, _ = Organization.objects.get_or_create(name=row.organisation)
    if row.service_id:
        service = Service.objects.get(pk=row.service_id)
        for name, value in row.values.items():
            setattr(service, name, value)
        result.updated += 1
    else:
        service = Service(**row.values, created_by=user)
        result.created += 1
    service.organization = organisation
    service.modified_by = user
    service._change_reason = "Imported from a file"
    if row.service_id:
        service.save_edit(user=user)  # a new version: an edit form opened before is refused
    else:
        service.save()
    service.taxonomy_terms.set(TaxonomyTerm.objects.filter(code__in=row.terms))
    proposals.set_main_phone(service, row.phone)
    if any(row.location.values()):
        _set_location(service, row.location)
    return service.pk


def _set_location(service, values):
    link = service.service_at_locations.select_related("location").first()
    location = link.location if link else Location()
    for name, value in values.items():
        setattr(location, name, value)
    location.name = location.name or service.name
    place = geo.locate(location.postcode) if location.postcode else None
    location.latitude, location.longitude = (place.latitude, place.longitude) if place else (None, None)
    location.save()
    if not link:
        ServiceAtLocation.objects.create(service=service, location=location)


def export_rows(services):
    """The import columns, one row per service, ready to edit and import again."""
    services = services.select_related("organization", "owner").prefetch_related(
        "taxonomy_terms__taxonomy", "service_at_locations__location", "contacts__phones"
    )
    for s in services:
        codes = {}
        for term in s.taxonomy_terms.all():
            codes.setdefault(term.taxonomy.code, []).append(term.code)
        location = next((link.location for link in s.service_at_locations.all()), None)
        phone = next((p.number for c in s.contacts.all() for p in c.phones.all()), "")
        yield [
            str(s.pk),
            s.name,
            s.organization.name,
            s.description,
            s.status,
            s.eligibility,
            s.minimum_age,
            s.maximum_age,
            s.referral_route,
            s.how_to_access,
            s.when_available,
            "Yes" if s.is_free else "No",
            s.fees,
            s.funding_type,
            s.url,
            s.email,
            phone,
            s.languages,
            s.accessibility,
            *("; ".join(sorted(codes.get(t, []))) for t in TERM_COLUMNS.values()),
            s.owner.email if s.owner else "",
            s.review_due.strftime("%d/%m/%Y"),
            s.last_checked.strftime("%d/%m/%Y") if s.last_checked else "",
            location.name if location else "",
            location.address_1 if location else "",
            location.city if location else "",
            location.postcode if location else "",
        ]
