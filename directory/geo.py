"""Where a postcode is, and how far services are from it.

Distances are great-circle (haversine) miles worked out in SQL, after a bounding box on the
indexed latitude and longitude has cut the places down to the few that could be near enough.
"""

import math
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import Avg, F, FloatField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import ASin, Cos, Power, Radians, Sin, Sqrt

from directory.models import Location, Postcode
from people.validators import normalise_postcode

EARTH_RADIUS_MILES = 3958.8
MILES_PER_DEGREE = 69.09  # of latitude, and of longitude at the equator
OUTWARD_CODE = re.compile(r"^[A-Z]{1,2}\d[A-Z\d]?$")
METRES_PER_MILE = 1609.344


@dataclass(frozen=True)
class Place:
    label: str  # what we found: "BF3 4XY", or "BF3 4" when only the postcode's sector is known
    latitude: float
    longitude: float
    exact: bool


def locate(text: str) -> Place | None:
    """The centre of a postcode; failing that, of its sector ("BF3 4") or district ("BF3")."""
    compact = re.sub(r"\s+", "", str(text or "").upper())[:8]
    if OUTWARD_CODE.match(compact):
        return _centre(compact, outward=compact)
    try:
        postcode = normalise_postcode(compact)
    except ValidationError:
        return None
    row = Postcode.objects.filter(pk=postcode).first()
    if row:
        return Place(postcode, row.latitude, row.longitude, exact=True)
    outward, inward = postcode.split(" ")
    return _centre(f"{outward} {inward[0]}", sector=f"{outward} {inward[0]}") or _centre(
        outward, outward=outward
    )


def _centre(label, **where) -> Place | None:
    centre = Postcode.objects.filter(**where).aggregate(lat=Avg("latitude"), lon=Avg("longitude"))
    if centre["lat"] is None:
        return None
    return Place(label, centre["lat"], centre["lon"], exact=False)


def haversine_miles(lat1, lon1, lat2, lon2) -> float:
    """The same sum in Python, for tests and for places already in memory."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    a = (
        math.sin((phi2 - phi1) / 2) ** 2
        + math.cos(phi1) * math.cos(phi2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_MILES * math.asin(math.sqrt(a))


def _distance_expression(place: Place):
    lat = Value(math.radians(place.latitude), output_field=FloatField())
    lon = Value(math.radians(place.longitude), output_field=FloatField())
    cos_lat = Value(math.cos(math.radians(place.latitude)), output_field=FloatField())
    here_lat, here_lon = Radians(F("latitude")), Radians(F("longitude"))
    a = Power(Sin((here_lat - lat) / 2), 2) + cos_lat * Cos(here_lat) * Power(Sin((here_lon - lon) / 2), 2)
    return Value(2 * EARTH_RADIUS_MILES, output_field=FloatField()) * ASin(Sqrt(a))


def nearby_locations(place: Place, miles: float) -> QuerySet:
    """Locations inside the box around `place` that holds every point within `miles`."""
    dlat = miles / MILES_PER_DEGREE
    dlon = miles / (MILES_PER_DEGREE * max(math.cos(math.radians(place.latitude)), 0.01))
    return Location.objects.filter(
        latitude__range=(place.latitude - dlat, place.latitude + dlat),
        longitude__range=(place.longitude - dlon, place.longitude + dlon),
    )


def with_distance(
    services: QuerySet, place: Place, miles: float, link="service_at_locations__service"
) -> QuerySet:
    """`services` that have a location within `miles` of `place`, each with `distance` (miles) to
    its nearest one. `link` is the path from Location back to the rows of `services`."""
    nearest = (
        nearby_locations(place, miles)
        .filter(**{link: OuterRef("pk")})
        .annotate(miles=_distance_expression(place))
        .order_by("miles")
        .values("miles")[:1]
    )
    return services.annotate(distance=Subquery(nearest, output_field=FloatField())).filter(
        distance__lte=miles
    )
