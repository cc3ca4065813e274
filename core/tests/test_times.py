"""Times are shown GOV.UK style, "12:23pm" and "10am", never Django's "12:23 p.m." or a 24-hour
"12:23" on an English page (opensend/formats/en_GB, locale/en_GB; settings.FORMAT_MODULE_PATH)."""

import datetime
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format, time_format

from casework.models import CaseNote
from casework.tests.factories import open_case

BASE_DIR = Path(settings.BASE_DIR)
LUNCHTIME = timezone.make_aware(datetime.datetime(2026, 12, 7, 12, 23))
AM_PM = re.compile(r"\b[ap]\.m\.|\d [ap]m\b|\d\s?[AP]M\b")
# A |date or |time filter's format string.
FORMAT = re.compile(r"\|(?:date|time):\"([^\"]*)\"")
# Date format characters for a time of day (backslash-escaped ones are text).
TIME_CHARACTERS = re.compile(r"(?<!\\)[aAfgGhHisP]")
NAMED = {"DATE_FORMAT", "TIME_FORMAT", "DATETIME_FORMAT", "SHORT_DATE_FORMAT", "SHORT_DATETIME_FORMAT"}
def _templates():
    for folder in [BASE_DIR / "templates", *BASE_DIR.glob("*/templates")]:
        yield from folder.rglob("*.html")
        yield from folder.rglob("*.txt")


def _render(source, **context):
    return Template("{% load i18n %}" + source).render(Context(context))


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (LUNCHTIME, "12:23pm"),
        (LUNCHTIME.replace(hour=9, minute=30), "9:30am"),
        (LUNCHTIME.replace(hour=10, minute=0), "10am"),
        (LUNCHTIME.replace(hour=17, minute=5), "5:05pm"),
    ],
)
def test_the_default_formats_say_a_time_govuk_style(moment, expected):
    with translation.override("en-gb"):
        assert time_format(timezone.localtime(moment)) == expected
        assert date_format(timezone.localtime(moment), "DATETIME_FORMAT").endswith(f", {expected}")
        assert _render("{{ t|time }}", t=moment) == expected
        assert _render("{{ t }}", t=moment).endswith(f", {expected}")  # a datetime shown as it is


def test_an_explicit_am_pm_format_says_pm_without_stops():
    with translation.override("en-gb"):
        assert _render('{{ t|date:"j F Y, g:ia" }}', t=LUNCHTIME) == "7 December 2026, 12:23pm"
        assert _render('{{ t|time:"P" }}', t=LUNCHTIME.replace(minute=0)) == "midday"


def test_a_polish_page_keeps_the_polish_24_hour_clock():
    with translation.override("pl"):
        assert _render("{{ t|time }}", t=LUNCHTIME.replace(hour=17)) == "17:23"


def test_every_template_formats_times_in_12_hours_with_am_or_pm():
    """Render every time format a template uses at 12:23 and at 9:05 in English: each must read
    "12:23pm" / "9:05am", with no "p.m.", no 24-hour clock and no "PM"."""
    offenders, found = [], set()
    for path in _templates():
        relative = str(path.relative_to(BASE_DIR))
        for pattern in FORMAT.findall(path.read_text()):
            if pattern in NAMED or not TIME_CHARACTERS.search(pattern):
                continue
            found.add(pattern)
            with translation.override("en-gb"):
                noon = _render(f'{{{{ t|date:"{pattern}" }}}}', t=LUNCHTIME)
                morning = _render(f'{{{{ t|date:"{pattern}" }}}}', t=LUNCHTIME.replace(hour=9, minute=5))
            if (
                AM_PM.search(noon)
                or not re.search(r"\b12:23(:00)?pm", noon)
                or not re.search(r"\b9:05(:00)?am", morning)
            ):
                offenders.append(f"{relative}: {pattern!r} shows {noon!r} / {morning!r}")
    assert found, "the scan found no time formats at all: is FORMAT still right?"
    assert not offenders, "\n".join(offenders)


@pytest.mark.django_db
def test_a_case_note_written_at_lunchtime_says_1223pm(area, login):
    case = open_case(area.own_child)
    note = CaseNote.objects.create(case=case, text="Rang the school")
    CaseNote.objects.filter(pk=note.pk).update(created_at=LUNCHTIME)
    page = login("caseworker").get(reverse("casework:case_detail", args=[case.public_id])).content.decode()
    assert "7 December 2026 at 12:23pm" in page
    assert not AM_PM.search(page)


def test_the_lockout_message_says_the_time_govuk_style():
    from datetime import datetime

    from core.throttle import try_again_at

    until = timezone.make_aware(datetime(2026, 12, 7, 14, 5))
    assert try_again_at(until) == "2:05pm"
    assert try_again_at(until.replace(hour=9, minute=0)) == "9am"
