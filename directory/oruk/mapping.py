"""One Open Referral UK service, already valid against the profile's schema, turned into what the
Local Offer keeps. Nothing is written here: directory.oruk.feed_import writes what this returns.

A field of the profile that is missing means "none" (feeds leave empty fields out), so it blanks
ours. A list that is missing (a `/services` list item has no locations or contacts) leaves ours
alone, because a summary says nothing about them. Details we cannot keep are left out with a
note, not refused, so a good feed is never turned away over a bad postcode.
"""

import uuid
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator

from directory.choices import FundingType, LocationType
from people.validators import normalise_postcode

MAX_AGE = 120
NAME_LIMIT = 200  # our service and organisation names
HSDS_ONLY = {"eligibility_description": "eligibility", "application_process": "how_to_access"}
VIRTUAL = LocationType.VIRTUAL  # ORUK's "postal" is a place too, so only "virtual" maps here


@dataclass
class Context:
    today: date
    terms_by_code: dict  # lower-case code -> term pk
    term_ids: set
    organisation_ids: set


@dataclass
class CheckedService:
    id: uuid.UUID
    values: dict  # Service fields to set
    organisation: dict  # id, name and (if given) description, email, website
    funding_type: str | None  # None: the feed does not say in words we know
    assured: date | None
    locations: list | None = None  # (link id, location fields); None: leave ours as they are
    contacts: list | None = None
    term_ids: list | None = None
    notes: list = field(default_factory=list)


def _text(value) -> str:
    return str(value).strip() if value is not None else ""


def _valid(validator, value) -> bool:
    try:
        validator(value)
    except ValidationError:
        return False
    return True


def _age(value, name, problems):
    if value is None:
        return None
    if value < 0 or value > MAX_AGE:
        problems.append((name, f"Give an age in years from 0 to {MAX_AGE}"))
        return None
    return int(value)


def _assured(raw, today, notes):
    if not raw:
        return None
    try:
        value = date.fromisoformat(raw[:10])
    except ValueError:
        notes.append(f"assured_date '{raw[:20]}' is not a date, so it was left out")
        return None
    if value > today:
        notes.append(f"assured_date {raw[:10]} is in the future, so it was left out")
        return None
    return value


def _funding(item) -> str | None:
    """Our funding type, if a funding source names one (our own feed sends the label)."""
    known = {code: code for code in FundingType.values} | {
        str(label).lower(): code for code, label in FundingType.choices
    }
    for funding in item.get("funding") or []:
        code = known.get(_text(funding.get("source")).lower())
        if code:
            return code
    return None


def _cost(item) -> tuple[bool, str] | None:
    """(free, cost text), or None if the feed says nothing about cost. Only said to be free when
    the feed says so: telling a family something is free when it is not is the worse mistake."""
    fees, options = _text(item.get("fees")), item.get("cost_options")
    if not fees and not options:
        return None
    options = options or []
    amounts = [o["amount"] for o in options if o.get("amount") is not None]
    said_free = fees.lower() == "free" or any(_text(o.get("option")).lower() == "free" for o in options)
    free = not any(amount > 0 for amount in amounts) and (said_free or (amounts and not any(amounts)))
    if free:
        return True, ""
    described = [
        ": ".join(filter(None, [_text(o.get("option")), _text(o.get("amount_description"))])) for o in options
    ]
    return False, fees or "; ".join(filter(None, described))


def _address(location) -> dict:
    addresses = location.get("addresses") or []
    physical = [a for a in addresses if a.get("address_type") == "physical"]
    return (physical or addresses or [{}])[0]


def _location(raw, notes) -> dict:
    address = _address(raw)
    postcode = _text(address.get("postal_code"))
    if postcode:
        try:
            postcode = normalise_postcode(postcode)
        except ValidationError:
            notes.append(f"'{postcode[:20]}' is not a UK postcode, so it was left out")
            postcode = ""
    latitude, longitude = raw.get("latitude"), raw.get("longitude")
    on_earth = latitude is None or longitude is None or (-90 <= latitude <= 90 and -180 <= longitude <= 180)
    if not on_earth:
        place = _text(raw.get("name"))[:50]
        notes.append(f"the map position of location '{place}' is not on Earth, so it was left out")
        latitude = longitude = None
    country = _text(address.get("country")).upper()
    return {
        "id": uuid.UUID(raw["id"]),
        "location_type": VIRTUAL if raw.get("location_type") == "virtual" else LocationType.PHYSICAL,
        "name": _text(raw.get("name"))[:200],
        "description": _text(raw.get("description")),
        "address_1": _text(address.get("address_1"))[:200],
        "city": _text(address.get("city"))[:100],
        "state_province": _text(address.get("state_province"))[:100],
        "postcode": postcode,
        "country": country if len(country) == 2 else "GB",
        "latitude": latitude if longitude is not None else None,
        "longitude": longitude if latitude is not None else None,
    }


def _contacts(item, notes) -> list:
    raw = list(item.get("contacts") or [])
    if item.get("phones"):  # HSDS 3.0 lets a service have phones of its own
        raw.append({"id": None, "title": "Enquiries", "phones": item["phones"]})
    contacts = []
    for contact in raw:
        email = _text(contact.get("email"))
        if email and not _valid(EmailValidator(), email):
            notes.append(f"contact e-mail '{email[:60]}' is not an e-mail address, so it was left out")
            email = ""
        phones = [
            {"id": phone.get("id"), "number": _text(phone.get("number"))[:30]}
            | {"description": _text(phone.get("description"))[:200]}
            for phone in contact.get("phones") or []
            if _text(phone.get("number"))
        ]
        contacts.append(
            {
                "id": contact.get("id"),
                "name": _text(contact.get("name"))[:200],
                "title": _text(contact.get("title"))[:200],
                "email": email,
                "phones": phones,
            }
        )
    return contacts


def _terms(item, context, unknown) -> list | None:
    """Our terms that the feed's attributes name by code (or by id: our own feed). A term we do
    not have is left out and reported once for the whole import.

    None if the feed tags the service only with terms we do not have: it does not use our
    taxonomy, so it cannot undo the terms the Local Offer team gave the service here."""
    attributes, found = item.get("attributes") or [], []
    for attribute in attributes:
        term = attribute.get("taxonomy_term") or {}
        code = _text(term.get("term") or term.get("name")).lower()
        raw_ids = {_text(attribute.get("taxonomy_term_id")), _text(term.get("id"))}
        by_id = [t for t in context.term_ids if str(t) in raw_ids]
        match = context.terms_by_code.get(code) or (by_id[0] if by_id else None)
        if match:
            found.append(match)
        elif code:
            unknown.add(code)
    if attributes and not found:
        return None
    return sorted(set(found), key=str)


def _organisation(item, context, problems):
    raw = item.get("organization")
    if raw:
        data = {"id": uuid.UUID(raw["id"]), "name": _text(raw["name"])}
        for name in ("description", "email", "website"):
            data[name] = _text(raw.get(name))
        if data["email"] and not _valid(EmailValidator(), data["email"]):
            problems.append(("organization.email", "Enter a real e-mail address, or leave it out"))
        if data["website"] and not _valid(URLValidator(), data["website"]):
            problems.append(("organization.website", "Enter a real web address, or leave it out"))
        if not data["name"]:
            problems.append(("organization.name", "The organisation's name is blank"))
        return data
    raw_id = item.get("organization_id")
    if raw_id and uuid.UUID(raw_id) in context.organisation_ids:
        return {"id": uuid.UUID(raw_id)}  # one we already have
    problems.append(("organization", "Give the organisation that runs the service"))
    return None


def check_service(item: dict, context: Context, unknown_terms: set):
    """(CheckedService, []) or (None, [(field, problem), ...])."""
    problems, notes = [], []
    values = {
        "name": _text(item.get("name")),
        "description": _text(item.get("description")),
        "status": item["status"],
        "url": _text(item.get("url")),
        "email": _text(item.get("email")),
    }
    if not values["name"]:
        problems.append(("name", "The service's name is blank"))
    if not values["description"]:
        problems.append(("description", "Say what the service is: the Local Offer needs a description"))
    organisation_name = _text((item.get("organization") or {}).get("name"))
    for name, text in (("name", values["name"]), ("organization.name", organisation_name)):
        if len(text) > NAME_LIMIT:
            problems.append((name, f"Use {NAME_LIMIT} characters or fewer"))
    if values["url"] and not _valid(URLValidator(), values["url"]):
        problems.append(("url", "Enter a real web address, or leave it out"))
    if values["email"] and not _valid(EmailValidator(), values["email"]):
        problems.append(("email", "Enter a real e-mail address, or leave it out"))
    values["minimum_age"] = _age(item.get("minimum_age"), "minimum_age", problems)
    values["maximum_age"] = _age(item.get("maximum_age"), "maximum_age", problems)
    low, high = values["minimum_age"], values["maximum_age"]
    if low is not None and high is not None and low > high:
        problems.append(("maximum_age", "The maximum age must be the same as or more than the minimum age"))
    cost = _cost(item)
    if cost is not None:
        values["is_free"], values["fees"] = cost
    # HSDS 3.0 fields the UK profile leaves out: only a feed that has them can change ours.
    for source, target in HSDS_ONLY.items():
        if source in item:
            values[target] = _text(item[source])
    if "schedules" in item:
        values["when_available"] = "\n".join(
            filter(None, (_text(s.get("description")) for s in item["schedules"]))
        )
    if "languages" in item:
        names = [_text(lang.get("name")) for lang in item["languages"] if _text(lang.get("name"))]
        values["languages"] = ", ".join(dict.fromkeys(names))[:300]
    organisation = _organisation(item, context, problems)
    if problems:
        return None, problems
    checked = CheckedService(
        id=uuid.UUID(item["id"]),
        values=values,
        organisation=organisation,
        funding_type=_funding(item),
        assured=_assured(_text(item.get("assured_date")), context.today, notes),
        notes=notes,
    )
    if "service_at_locations" in item:
        links = [link for link in item["service_at_locations"] if link.get("location")]
        checked.locations = [(link.get("id"), _location(link["location"], notes)) for link in links]
        access = [
            _text(a.get("description"))
            for link in links
            for a in link["location"].get("accessibility") or []
            if _text(a.get("description"))
        ]
        values["accessibility"] = "\n\n".join(dict.fromkeys(access))
    if "contacts" in item or "phones" in item:
        checked.contacts = _contacts(item, notes)
    if "attributes" in item:
        checked.term_ids = _terms(item, context, unknown_terms)
    return checked, []
