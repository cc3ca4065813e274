"""Import services from another Open Referral UK feed into the Local Offer.

Where the services come from is kept apart from what is done with them. `read_upload` turns an
uploaded file (a `/services` list response, or one full service from `/services/{id}`) into a
list of items; `import_services` checks and writes items. Fetching a feed's URL would be one more
reader returning the same items (walk `/services?page=n`, then `/services/{id}` for each full
service) with nothing else changed; this machine has no network, so there is no fetcher yet.

As with directory.imports, every item is checked first and each problem is reported by item number
and field; only a feed with no problems is written, in one transaction, and the import is
recorded in the audit log. A service is matched by its Open Referral UK id, which is our own id
for it too, so importing the same feed again updates the services instead of adding them twice,
and services a neighbour republishes keep the id they were born with.
"""

import json
import uuid
from dataclasses import dataclass, field

from django.db import transaction

from audit.models import Action
from audit.services import record
from clock import dates
from clock.local_offer import next_review_due
from directory import geo, search
from directory.choices import ReferralRoute
from directory.models import Contact, Location, Organization, Phone, Service, ServiceAtLocation, TaxonomyTerm
from directory.oruk import mapping, standard

CHANGE_REASON = "Imported from an Open Referral UK feed"
MAX_ITEMS = 5000
TYPE_WORDS = {
    "string": "text",
    "number": "a number",
    "integer": "a whole number",
    "array": "a list",
    "object": "an object",
    "boolean": "true or false",
}
FORMAT_WORDS = {"uuid": "UUID", "email": "e-mail address", "uri": "web address", "date-time": "date and time"}


class UnreadableFeed(Exception):
    pass


@dataclass
class FeedProblem:
    item: int  # the service's place in the feed, counting from 1
    field: str  # where in the item, like "service_at_locations[0].location.name"
    message: str


@dataclass
class FeedImportResult:
    created: int = 0
    updated: int = 0
    problems: list[FeedProblem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what was left out, for the manager to know

    @property
    def ok(self) -> bool:
        return not self.problems


def read_upload(upload) -> tuple[list, list[str]]:
    """The services in an uploaded ORUK file, and notes about the file itself."""
    try:
        data = json.loads(upload.read().decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as error:
        raise UnreadableFeed(
            "The file is not JSON. Save the feed's answer as a .json file and try again"
        ) from error
    return services_in(data)


def services_in(data) -> tuple[list, list[str]]:
    """The services in a feed's answer: a page (`contents`), one service, or a plain list."""
    notes = []
    if isinstance(data, dict) and isinstance(data.get("contents"), list):
        pages = data.get("total_pages")
        if isinstance(pages, int) and pages > 1:
            notes.append(
                f"The file is page {data.get('page_number', '?')} of {pages} of the feed: "
                "import the other pages too"
            )
        items = data["contents"]
    elif isinstance(data, dict) and "id" in data:  # one service; the schema check says what it lacks
        items = [data]
    elif isinstance(data, list):
        items = data
    else:
        raise UnreadableFeed(
            "The file is not an Open Referral UK services answer. Use the answer to /services "
            "(with 'contents') or to /services/{id}"
        )
    if not items:
        raise UnreadableFeed("The file has no services to import")
    if len(items) > MAX_ITEMS:
        raise UnreadableFeed(f"The file has {len(items)} services. Import at most {MAX_ITEMS} at a time")
    return items, notes


def _where(path) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _schema_problems(number, item, validator) -> list[FeedProblem]:
    """The profile's schema errors in plain words, by field."""
    problems = []
    for error in sorted(validator.iter_errors(item), key=lambda e: [str(p) for p in e.absolute_path]):
        where = list(error.absolute_path)
        if error.validator == "required":
            missing = [name for name in error.validator_value if name not in error.instance]
            problems += [
                FeedProblem(number, _where([*where, name]), f"'{name}' is missing: the standard needs it")
                for name in missing
            ]
            continue
        if error.validator == "type":
            message = f"Must be {TYPE_WORDS.get(error.validator_value, error.validator_value)}"
        elif error.validator == "format":
            shown = str(error.instance)[:60]
            message = f"'{shown}' is not a {FORMAT_WORDS.get(error.validator_value, error.validator_value)}"
        elif error.validator == "enum":
            message = "Must be one of: " + ", ".join(str(v) for v in error.validator_value)
        else:
            message = error.message[:200]
        problems.append(FeedProblem(number, _where(where) or "(the service)", message))
    # jsonschema gives one "required" error per missing field, each naming all: say each once.
    unique = dict.fromkeys((p.item, p.field, p.message) for p in problems)
    return [FeedProblem(*key) for key in unique]


def _context() -> mapping.Context:
    terms = {code.lower(): pk for pk, code in TaxonomyTerm.objects.values_list("pk", "code")}
    return mapping.Context(
        today=dates.today(),
        terms_by_code=terms,
        term_ids=set(terms.values()),
        organisation_ids=set(Organization.objects.values_list("pk", flat=True)),
    )


def check(items) -> tuple[list, FeedImportResult]:
    """Every item checked against the schema and our rules; nothing written."""
    validator = standard.service_validator()
    context, result, checked, seen, unknown_terms = _context(), FeedImportResult(), [], {}, set()
    for number, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            result.problems.append(FeedProblem(number, "(the service)", "Must be an object"))
            continue
        problems = _schema_problems(number, item, validator)
        if problems:
            result.problems += problems
            continue
        service, found = mapping.check_service(item, context, unknown_terms)
        result.problems += [FeedProblem(number, where, message) for where, message in found]
        if service is None:
            continue
        if service.id in seen:
            result.problems.append(FeedProblem(number, "id", f"Same id as service {seen[service.id]}"))
        seen.setdefault(service.id, number)
        result.notes += [
            f"Service {number} ({service.values['name'][:60]}): {note}" for note in service.notes
        ]
        checked.append(service)
    if unknown_terms:
        shown = ", ".join(sorted(unknown_terms)[:20])
        result.notes.append(f"Taxonomy terms the Local Offer does not use were left out: {shown}")
    return checked, result


def import_services(items, user, default_funding, *, request=None, source="", notes=()) -> FeedImportResult:
    """Check `items` (ORUK services) and, if all are right, write them all and audit the import.
    `default_funding` is the funding type of new services whose feed does not name one of ours."""
    checked, result = check(items)
    result.notes = [*notes, *result.notes]
    if result.problems:
        return result
    with transaction.atomic():
        ids = [_write(service, user, default_funding, result) for service in checked]
        search.index_services(ids)
        record(
            request,
            Action.IMPORT,
            user=user,
            summary=f"Imported {len(ids)} Local Offer services from an Open Referral UK feed",
            source=source[:200],
            created=result.created,
            updated=result.updated,
            services=[str(pk) for pk in ids[:200]],
        )
    return result


def _organisation(data, result) -> Organization:
    found = Organization.objects.filter(pk=data["id"]).first()
    if found and len(data) == 1:
        return found  # named by id only: one we already have
    if found:
        # The same organisation: take the feed's details, unless the new name is someone else's.
        if Organization.objects.filter(name=data["name"]).exclude(pk=found.pk).exists():
            result.notes.append(
                f"Organisation '{found.name}' kept its name: another is called '{data['name']}'"
            )
        else:
            found.name = data["name"]
        found.description, found.email, found.website = data["description"], data["email"], data["website"]
        found._change_reason = CHANGE_REASON
        found.save()
        return found
    # Another feed's id for an organisation we have under the same name: use ours as it is.
    by_name = Organization.objects.filter(name=data["name"]).first()
    if by_name:
        return by_name
    fields = {name: data[name] for name in ("name", "description", "email", "website")}
    return Organization.objects.create(id=data["id"], **fields)


def _write(checked: mapping.CheckedService, user, default_funding, result) -> uuid.UUID:
    service = Service.objects.filter(pk=checked.id).first()
    updating = service is not None
    if service is None:
        service = Service(
            id=checked.id, created_by=user, referral_route=ReferralRoute.SELF, funding_type=default_funding
        )
        result.created += 1
    else:
        result.updated += 1
    for name, value in checked.values.items():
        setattr(service, name, value)
    if checked.funding_type:
        service.funding_type = checked.funding_type
    # The feed's "assured" date is when its owner last checked the entry; our own later check
    # counts for more, so the newer of the two is kept.
    if checked.assured and (service.last_checked is None or checked.assured > service.last_checked):
        service.last_checked = checked.assured
        service.review_due = next_review_due(checked.assured)
    if not service.review_due:
        service.review_due = next_review_due(dates.today())
    service.organization = _organisation(checked.organisation, result)
    service.modified_by = user
    service._change_reason = CHANGE_REASON
    if updating:
        service.save_edit(user=user)  # a new version: an edit form opened before is refused
    else:
        service.save()
    if checked.term_ids is not None:
        service.taxonomy_terms.set(checked.term_ids)
    if checked.contacts is not None:
        _set_contacts(service, checked.contacts)
    if checked.locations is not None:
        _set_locations(service, checked.locations)
    return service.pk


def _free_id(model, raw):
    """The feed's id for a new record, unless it is missing or taken."""
    try:
        pk = uuid.UUID(str(raw))
    except ValueError:
        return uuid.uuid4()
    return uuid.uuid4() if model.objects.filter(pk=pk).exists() else pk


def _set_contacts(service, contacts):
    # The feed is the record of who to contact: ours are replaced, not merged.
    service.contacts.all().delete()
    for data in contacts:
        contact = Contact.objects.create(
            id=_free_id(Contact, data["id"]),
            service=service,
            name=data["name"],
            title=data["title"],
            email=data["email"],
        )
        for phone in data["phones"]:
            Phone.objects.create(
                id=_free_id(Phone, phone["id"]),
                contact=contact,
                number=phone["number"],
                description=phone["description"],
            )


def _set_locations(service, locations):
    keep = []
    for link_id, data in locations:
        location = Location.objects.filter(pk=data["id"]).first() or Location(id=data["id"])
        for name, value in data.items():
            setattr(location, name, value)
        location.name = location.name or location.address_1 or service.name
        if location.latitude is None and location.postcode:
            place = geo.locate(location.postcode)
            location.latitude, location.longitude = (
                (place.latitude, place.longitude) if place else (None, None)
            )
        location.save()
        ServiceAtLocation.objects.get_or_create(
            service=service, location=location, defaults={"id": _free_id(ServiceAtLocation, link_id)}
        )
        keep.append(location.pk)
    # Places the feed no longer lists are unlinked; the place itself may serve other services.
    service.service_at_locations.exclude(location_id__in=keep).delete()
