"""The public search: filters, distance and words together, and what the results page shows."""

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.urls import reverse

from directory import geo, queries, search
from directory.forms import SearchForm

DEFAULT_MILES = 5
EXPORT_LIMIT = 5000
EXPORT_HEADERS = [
    "Service",
    "Run by",
    "What it is",
    "Who it is for",
    "Ages",
    "Cost",
    "How to get it",
    "Phone",
    "Email",
    "Website",
    "Address",
    "Postcode",
    "Distance (miles)",
    "Last checked",
    "Local Offer page",
]


@dataclass
class Results:
    services: QuerySet
    outcome: search.Outcome
    place: geo.Place | None


def find(form: SearchForm) -> Results:
    chosen = form.usable()
    services = queries.listed_services()
    if "age" in chosen:
        age = chosen["age"]
        services = services.filter(
            Q(minimum_age__isnull=True) | Q(minimum_age__lte=age),
            Q(maximum_age__isnull=True) | Q(maximum_age__gte=age),
        )
    for name in ("need", "category", "pathway"):
        if name in chosen:
            services = queries.with_terms(services, [chosen[name]])
    if "cost" in chosen:
        services = services.filter(is_free=chosen["cost"] == "free")
    if "funding" in chosen:
        services = services.filter(funding_type=chosen["funding"])
    if "area" in chosen:
        services = queries.in_area(services, chosen["area"])
    place = None
    if chosen.get("postcode"):
        place = geo.locate(chosen["postcode"])
        if place is None:
            form.add_error("postcode", "We could not find that postcode. Check it and try again")
        else:
            miles = float(chosen.get("distance") or DEFAULT_MILES)
            services = geo.with_distance(services, place, miles)
    outcome = search.search(services, chosen.get("q", ""))
    found = outcome.services
    if place:
        # Nearest first when a postcode is given; among equally near, the best match.
        found = found.order_by("distance", *(["-rank"] if outcome.ranked else []), "name", "pk")
    elif not outcome.ranked:
        found = found.order_by("name", "pk")
    return Results(found.select_related("organization"), outcome, place)


def export_rows(request, results: Results):
    """One row per service found, for the CSV or XLSX download of a search."""
    services = results.services.prefetch_related("service_at_locations__location", "contacts__phones")
    for service in services[:EXPORT_LIMIT]:
        location = next((link.location for link in service.service_at_locations.all()), None)
        phone = next((p.number for c in service.contacts.all() for p in c.phones.all()), "")
        distance = getattr(service, "distance", None)
        yield [
            service.name,
            service.organization.name,
            service.description,
            service.eligibility,
            service.age_range,
            "Free" if service.is_free else (service.fees or "There is a cost"),
            service.get_referral_route_display(),
            phone,
            service.email,
            service.url,
            location.address_1 if location else "",
            location.postcode if location else "",
            f"{distance:.1f}" if distance is not None else "",
            service.last_checked.strftime("%d/%m/%Y") if service.last_checked else "",
            request.build_absolute_uri(reverse("directory:service_detail", args=[service.pk])),
        ]
