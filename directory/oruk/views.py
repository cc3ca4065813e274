"""The Open Referral UK API: open (no key), read-only, any site may call it from a browser."""

import uuid
from functools import wraps

from django.db.models import Prefetch, Q
from django.http import JsonResponse
from django.urls import reverse

from clock import dates
from directory import geo, public_cache, search
from directory.models import Service, ServiceAtLocation, Taxonomy, TaxonomyTerm
from directory.oruk import serializers
from directory.oruk.params import BadParameter, Paging, identifier, moment, number, schedule_filters

PROFILE_URL = "https://openreferral.github.io/LGMS-SchemaVisualiser/"
OPENAPI_URL = "https://raw.githubusercontent.com/openreferral/uk-profile/main/openapi.json"
FULL_SERVICE = [
    "contacts__phones",
    "service_at_locations__location",
    Prefetch("taxonomy_terms", queryset=TaxonomyTerm.objects.select_related("taxonomy")),
]


class NotFound(Exception):
    pass


def _json(data, status=200):
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Allow-Methods"] = "GET, OPTIONS"
    response["Access-Control-Allow-Headers"] = "Accept, Content-Type"
    return response


def oruk(view):
    """GET only; bad parameters 400 and unknown ids 404, both as JSON; CORS on every answer. A
    signed-out caller's answer is kept until the Local Offer changes (directory.public_cache)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method == "OPTIONS":
            return _json({}, status=200)
        if request.method not in ("GET", "HEAD"):
            return _json({"message": "This API is read-only: use GET"}, status=405)
        try:
            key = public_cache.key_for(request, f"oruk:{view.__name__}")
            data = public_cache.get(key)
            if data is None:
                data = view(request, *args, **kwargs)
                public_cache.put(key, data)
            return _json(data)
        except BadParameter as error:
            return _json({"message": str(error)}, status=400)
        except NotFound as error:
            return _json({"message": str(error)}, status=404)

    # Nothing here changes data, so a cross-site POST gets the JSON 405, not a CSRF page.
    wrapped.csrf_exempt = True
    return wrapped


def _object(queryset, raw_id, what):
    try:
        pk = uuid.UUID(str(raw_id))
    except ValueError:
        pk = None
    found = queryset.filter(pk=pk).first() if pk else None
    if found is None:
        raise NotFound(f"No {what} has the id '{str(raw_id)[:100]}'")
    return found


@oruk
def api_info(request):
    return {
        "version": "3.0",
        "profile": PROFILE_URL,
        "openapi_url": OPENAPI_URL,
        "services_url": request.build_absolute_uri(reverse("oruk:service_list")),
    }


def _filtered_services(query):
    """Services matching the profile's filters; ranked by relevance if `search` (or `text`) is given."""
    services = Service.objects.all()
    term_id, taxonomy_id = identifier(query, "taxonomy_term_id"), identifier(query, "taxonomy_id")
    organization_id = identifier(query, "organization_id")
    minimum, maximum = number(query, "minimum_age"), number(query, "maximum_age")
    modified_after = moment(query, "modified_after")
    schedule_filters(query)
    if term_id:
        services = services.filter(
            pk__in=Service.taxonomy_terms.through.objects.filter(
                Q(taxonomyterm_id=term_id) | Q(taxonomyterm__parent_id=term_id)
            ).values("service_id")
        )
    if taxonomy_id:
        services = services.filter(
            pk__in=Service.taxonomy_terms.through.objects.filter(
                taxonomyterm__taxonomy_id=taxonomy_id
            ).values("service_id")
        )
    if organization_id:
        services = services.filter(organization_id=organization_id)
    # The profile: "minimum age of at least" and "maximum age of equal to or below" the value.
    if minimum is not None:
        services = services.filter(minimum_age__gte=minimum)
    if maximum is not None:
        services = services.filter(maximum_age__lte=maximum)
    if modified_after is not None:
        services = services.filter(modified_at__gte=modified_after)
    text = query.get("search") or query.get("text") or ""
    outcome = search.search(services, text)
    return outcome.services if outcome.ranked else outcome.services.order_by("name", "pk")


@oruk
def service_list(request):
    paging = Paging.from_query(request.GET)
    services = _filtered_services(request.GET).select_related("organization")
    today = dates.today()
    return paging.envelope(services, lambda s: serializers.service_summary(s, today))


@oruk
def service_detail(request, service_id):
    queryset = Service.objects.select_related("organization").prefetch_related(*FULL_SERVICE)
    return serializers.service_full(_object(queryset, service_id, "service"), dates.today())


@oruk
def taxonomy_list(request):
    paging = Paging.from_query(request.GET)
    return paging.envelope(Taxonomy.objects.order_by("name", "pk"), serializers.taxonomy)


@oruk
def taxonomy_detail(request, taxonomy_id):
    found = _object(Taxonomy.objects.all(), taxonomy_id, "taxonomy")
    return serializers.taxonomy(found, found.terms.select_related("taxonomy").order_by("position"))


@oruk
def taxonomy_term_list(request):
    paging = Paging.from_query(request.GET)
    terms = TaxonomyTerm.objects.select_related("taxonomy").order_by("position", "pk")
    taxonomy_id, parent_id = identifier(request.GET, "taxonomy_id"), identifier(request.GET, "parent_id")
    if taxonomy_id:
        terms = terms.filter(taxonomy_id=taxonomy_id)
    if parent_id:
        terms = terms.filter(parent_id=parent_id)
    return paging.envelope(terms, serializers.taxonomy_term)


@oruk
def taxonomy_term_detail(request, term_id):
    return serializers.taxonomy_term(
        _object(TaxonomyTerm.objects.select_related("taxonomy"), term_id, "taxonomy term")
    )


@oruk
def service_at_location_list(request):
    paging = Paging.from_query(request.GET)
    links = ServiceAtLocation.objects.filter(
        service__in=_filtered_services(request.GET).values("pk")
    ).select_related("service__organization", "location")
    postcode, proximity = request.GET.get("postcode", ""), number(request.GET, "proximity")
    if proximity is not None and not postcode:
        raise BadParameter("'proximity' needs a 'postcode' to measure from")
    if postcode:
        place = geo.locate(postcode)
        if place is None:
            raise BadParameter(f"'postcode' {postcode[:10]!r} is not a postcode we know")
        miles = (proximity or 16093.44) / geo.METRES_PER_MILE  # 10 miles unless told otherwise
        links = geo.with_distance(links, place, miles, link="service_at_locations").order_by("distance", "pk")
    else:
        links = links.order_by("service__name", "pk")
    today = dates.today()
    return paging.envelope(links, lambda link: serializers.service_at_location_summary(link, today))


@oruk
def service_at_location_detail(request, link_id):
    queryset = ServiceAtLocation.objects.select_related("service__organization", "location").prefetch_related(
        *(
            f"service__{p}" if isinstance(p, str) else Prefetch(f"service__{p.prefetch_to}", p.queryset)
            for p in FULL_SERVICE
        )
    )
    return serializers.service_at_location_full(
        _object(queryset, link_id, "service at location"), dates.today()
    )
