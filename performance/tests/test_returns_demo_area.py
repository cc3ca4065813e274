"""The SEN2 return of a small seeded demo area: no errors in its checks, its counts agree with the
records (new plans in the year are the plans first issued in it), and the 2026 items are there."""

from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command
from lxml import etree

from core import dates
from performance.returns import reconcile, sen2, sen2_checks, sen2_files

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(settings, tmp_path):
    settings.DEBUG = True  # seed_demo refuses to run without it
    logins = str(tmp_path / "logins.json")
    call_command("seed_demo", scale=0.05, seed=11, logins_file=logins, stdout=StringIO(), stderr=StringIO())


def test_the_demo_areas_return_has_no_errors_and_agrees_with_the_records(seeded):
    latest = sen2.default_census_date(dates.today())
    written = set()
    for census in (latest, sen2.census_date_for(latest.year + 1)):  # the last census and the next
        the_return = sen2.collect(census, "999")
        errors = [i for i in sen2_checks.check(the_return) if i.is_error]
        assert errors == [], Counter(i.code for i in errors).most_common(5)
        lines = {line.key: line for line in reconcile.lines(the_return)}
        assert lines["new_plans"].recorded > 0
        for line in lines.values():
            assert line.agrees, (census, line)
        written |= {element.tag for element in etree.fromstring(sen2_files.to_xml(the_return)).iter()}
    for record, items in sen2_files.ITEMS.items():
        # Written only when there is something to say: a move away before the assessment was
        # done, an "Other" arrangement, a college with no URN, or a ceased plan (the demo area
        # ceases none yet); LeavingDate is for a placement that ended, and the return reports
        # the placements held on the census day.
        optional = {"Exported", "SENSettingOther", "UKPRN", "CeaseDate", "CeaseReason", "LeavingDate"}
        assert set(items) - optional <= written, record
