"""The templates' `date` filter (core/templatetags/dates_fast.py, a builtin that replaces
Django's) spells the common formats out directly: it must draw exactly what Django's filter does."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.template import Context, Template, engines
from django.template.defaultfilters import date as django_date
from django.utils import timezone as django_timezone

FORMATS = ["j F Y", "j M Y", "F Y", "j F Y, g:ia", "Y"]
DAYS = [date(2026, month, day) for month in range(1, 13) for day in (1, 9, 28)] + [date(999, 9, 3)]
# Aware datetimes either side of midnight in London, in summer time and out of it: the day shown
# is London's, as with Django's filter.
MOMENTS = [
    datetime(2026, 7, 14, 23, 30, tzinfo=UTC),
    datetime(2026, 12, 31, 23, 59, tzinfo=UTC),
    datetime(2026, 3, 29, 0, 30, tzinfo=UTC),
]


def drawn(value, fmt):
    return Template(f'{{{{ value|date:"{fmt}" }}}}').render(Context({"value": value}))


def django_drew(value, fmt):
    if isinstance(value, datetime) and django_timezone.is_aware(value):
        value = django_timezone.localtime(value)  # what the engine does for Django's filter
    return django_date(value, fmt)


def test_the_builtin_date_filter_is_this_one():
    # The last builtin library that names a filter is the one templates use.
    libraries = engines["django"].engine.template_builtins
    used = [library.filters["date"] for library in libraries if "date" in library.filters][-1]
    assert used.__module__ == "core.templatetags.dates_fast"


@pytest.mark.parametrize("fmt", FORMATS)
def test_it_draws_what_djangos_date_filter_draws(fmt):
    days = DAYS if "g" not in fmt else []  # Django refuses a time of day from a date
    for value in [*days, *MOMENTS, *(m + timedelta(hours=1) for m in MOMENTS)]:
        assert drawn(value, fmt) == django_drew(value, fmt), (value, fmt)


@pytest.mark.parametrize("value", [None, "", "not a date"])
def test_what_is_not_a_date_is_left_to_django(value):
    assert drawn(value, "j F Y") == ""
