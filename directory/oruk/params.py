"""Query parameters of the Open Referral UK API, checked strictly: a bad one is a 400 with a
message saying what is wrong, never a guess."""

import math
import re
import uuid
from dataclasses import dataclass

from django.utils.dateparse import parse_datetime

DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 1000
WHOLE_NUMBER = re.compile(r"^\d+$")
NUMBER = re.compile(r"^\d+(\.\d+)?$")
TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$")
DAYS = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"}


class BadParameter(Exception):
    pass


def whole_number(query, name, default, minimum, maximum=None) -> int:
    raw = query.get(name)
    if raw is None or raw == "":
        return default
    if not WHOLE_NUMBER.match(raw) or int(raw) < minimum or (maximum is not None and int(raw) > maximum):
        limit = f" and at most {maximum}" if maximum is not None else ""
        raise BadParameter(f"'{name}' must be a whole number of at least {minimum}{limit}")
    return int(raw)


def number(query, name) -> float | None:
    raw = query.get(name)
    if raw is None or raw == "":
        return None
    if not NUMBER.match(raw) or not math.isfinite(float(raw)):
        raise BadParameter(f"'{name}' must be a number of 0 or more")
    return float(raw)


def identifier(query, name) -> uuid.UUID | None:
    raw = query.get(name)
    if raw is None or raw == "":
        return None
    try:
        return uuid.UUID(raw)
    except ValueError as error:
        raise BadParameter(f"'{name}' must be a UUID, like ac148810-d857-441c-9679-408f346de14b") from error


def moment(query, name):
    raw = query.get(name)
    if raw is None or raw == "":
        return None
    try:
        parsed = parse_datetime(raw.replace(" ", "+"))  # a "+" in a query string arrives as a space
    except ValueError:
        parsed = None
    if parsed is None:
        raise BadParameter(f"'{name}' must be a date and time, like 2024-03-15T10:30:00Z")
    return parsed


def schedule_filters(query) -> None:
    """day, start_time and end_time are checked, but this Local Offer holds opening times as text
    only, so well-formed values do not narrow the results."""
    day = query.get("day")
    if day and day.upper() not in DAYS:
        raise BadParameter("'day' must be one of MO, TU, WE, TH, FR, SA, SU")
    for name in ("start_time", "end_time"):
        raw = query.get(name)
        if raw and not TIME.match(raw):
            raise BadParameter(f"'{name}' must be a time, like 09:30")


@dataclass(frozen=True)
class Paging:
    page: int
    per_page: int

    @classmethod
    def from_query(cls, query) -> "Paging":
        return cls(
            whole_number(query, "page", 1, 1),
            whole_number(query, "per_page", DEFAULT_PER_PAGE, 1, MAX_PER_PAGE),
        )

    def envelope(self, queryset, serialise) -> dict:
        """The profile's Page object around one page of `queryset`."""
        total = queryset.count()
        pages = math.ceil(total / self.per_page)
        start = (self.page - 1) * self.per_page
        contents = (
            [serialise(item) for item in queryset[start : start + self.per_page]] if start < total else []
        )
        return {
            "total_items": total,
            "total_pages": pages,
            "page_number": self.page,
            "size": len(contents),
            "first_page": self.page == 1,
            "last_page": self.page >= pages,
            "empty": not contents,
            "contents": contents,
        }
