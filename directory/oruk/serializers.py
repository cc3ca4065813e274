"""Local Offer records as Open Referral UK (HSDS 3.0) JSON.

Optional fields are left out rather than sent empty, because an empty string is not a valid
e-mail address or URI. Objects the model keeps as plain fields (languages, funding, cost, the
opening-times text) get ids derived from their service's id, so they stay the same between calls.
"""

import uuid
from datetime import UTC

from django.conf import settings

from directory.choices import ServiceStatus

OUT_OF_DATE_ALERT = "This information may be out of date. Check with the service before you go."


def _derived_id(parent_id, kind: str, key: str = "") -> str:
    return str(uuid.uuid5(parent_id, f"{kind}:{key}"))


def _optional(**fields) -> dict:
    return {name: value for name, value in fields.items() if value not in (None, "")}


def _timestamp(moment) -> str:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def organization(org) -> dict:
    return {
        "id": str(org.id),
        "name": org.name,
        "description": org.description or org.name,
        **_optional(email=org.email, website=org.website),
    }


def service_summary(service, today) -> dict:
    """The one-to-one fields of a service, as in the profile's service_list."""
    data = {
        "id": str(service.id),
        "organization_id": str(service.organization_id),
        "name": service.name,
        "description": service.description,
        "status": service.status,
        "fees": "Free" if service.is_free else (service.fees or "There is a cost"),
        "last_modified": _timestamp(service.modified_at),
        "organization": organization(service.organization),
        **_optional(
            url=service.url,
            email=service.email,
            minimum_age=service.minimum_age,
            maximum_age=service.maximum_age,
            assured_date=service.last_checked.isoformat() if service.last_checked else None,
        ),
    }
    if service.status == ServiceStatus.ACTIVE and service.is_out_of_date(today):
        data["alert"] = OUT_OF_DATE_ALERT
    return data


def taxonomy_term(term) -> dict:
    return {
        "id": str(term.id),
        "name": term.name,
        "description": term.description,
        "taxonomy": term.taxonomy.name,
        "taxonomy_id": str(term.taxonomy_id),
        "term": term.code,
        **_optional(parent_id=str(term.parent_id) if term.parent_id else None),
    }


def taxonomy(tax, terms=None) -> dict:
    data = {
        "id": str(tax.id),
        "name": tax.name,
        "description": tax.description,
        **_optional(uri=tax.uri, version=tax.version),
    }
    if terms is not None:
        data["taxonomy_terms"] = [taxonomy_term(t) for t in terms]
    return data


def location(loc, accessibility: str = "") -> dict:
    data = {
        "id": str(loc.id),
        "location_type": loc.location_type,
        "name": loc.name,
        **_optional(description=loc.description, latitude=loc.latitude, longitude=loc.longitude),
        "addresses": [],
        "accessibility": [],
        "attributes": [],
    }
    if loc.address_1 or loc.postcode:
        data["addresses"].append(
            {
                "id": _derived_id(loc.id, "address"),
                "location_id": str(loc.id),
                "address_1": loc.address_1,
                "city": loc.city,
                "state_province": loc.state_province,
                "postal_code": loc.postcode,
                "country": loc.country,
                "address_type": "physical",
            }
        )
    if accessibility:
        data["accessibility"].append(
            {
                "id": _derived_id(loc.id, "accessibility"),
                "location_id": str(loc.id),
                "description": accessibility,
            }
        )
    return data


def service_at_location_summary(link, today) -> dict:
    loc = location(link.location)
    for nested in ("addresses", "accessibility", "attributes"):
        loc.pop(nested)
    return {
        "id": str(link.id),
        "service_id": str(link.service_id),
        "location_id": str(link.location_id),
        "location": loc,
        "service": service_summary(link.service, today),
    }


def service_at_location_full(link, today) -> dict:
    full_service = service_full(link.service, today)
    full_service.pop("service_at_locations")
    return {
        "id": str(link.id),
        "service_id": str(link.service_id),
        "location_id": str(link.location_id),
        "location": location(link.location, link.service.accessibility),
        "service": full_service,
    }


def _contact(contact) -> dict:
    return {
        "id": str(contact.id),
        "service_id": str(contact.service_id),
        **_optional(name=contact.name, title=contact.title, email=contact.email),
        # HSDS 3.0 keeps phones on the contact; the UK profile allows the extra array.
        "phones": [
            {
                "id": str(p.id),
                "contact_id": str(contact.id),
                "number": p.number,
                **_optional(description=p.description),
            }
            for p in contact.phones.all()
        ],
    }


def service_full(service, today) -> dict:
    """A fully nested service (profile: compiled/service.json). Needs the prefetches in
    directory.oruk.views.FULL_SERVICE."""
    sid = service.id
    data = service_summary(service, today)
    data["organization"] = organization(service.organization)
    data["schedules"] = (
        [{"id": _derived_id(sid, "schedule"), "service_id": str(sid), "description": service.when_available}]
        if service.when_available
        else []
    )
    data["service_areas"] = [
        {
            "id": _derived_id(sid, "area"),
            "service_id": str(sid),
            "name": settings.AREA_NAME,
            "extent_type": "local authority",
        }
    ]
    data["languages"] = [
        {"id": _derived_id(sid, "language", name), "service_id": str(sid), "name": name}
        for name in service.language_list
    ]
    data["funding"] = [
        {
            "id": _derived_id(sid, "funding"),
            "service_id": str(sid),
            "source": service.get_funding_type_display(),
        }
    ]
    cost = {
        "id": _derived_id(sid, "cost"),
        "service_id": str(sid),
        "option": "Free" if service.is_free else "Paid",
    }
    if service.is_free:
        cost["amount"] = 0
    data["cost_options"] = [cost | _optional(amount_description=service.fees)]
    data["contacts"] = [_contact(c) for c in service.contacts.all()]
    data["attributes"] = [
        {
            "id": _derived_id(sid, "attribute", str(term.id)),
            "link_id": str(sid),
            "link_type": "service",
            "taxonomy_term_id": str(term.id),
            "taxonomy_term": taxonomy_term(term),
        }
        for term in service.taxonomy_terms.all()
    ]
    data["service_at_locations"] = [
        {
            "id": str(link.id),
            "service_id": str(sid),
            "location_id": str(link.location_id),
            "location": location(link.location, service.accessibility),
        }
        for link in service.service_at_locations.all()
    ]
    return data
