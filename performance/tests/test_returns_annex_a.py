"""Ofsted Annex A: exactly Ofsted's headings, the right children on each list, DfE codes, dates as
DD/MM/YYYY; one query per list."""

import csv
import io
from datetime import date, datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from people.tests.factories import ChildFactory, SettingFactory
from performance.returns import annex_a
from plans.models import EHCPlan
from reviews.models import AnnualReview

pytestmark = pytest.mark.django_db

LIST_1 = [
    "Unique ID", "UPN", "ULN", "Date of birth", "Gender", "Ethnicity", "Date initial EHC plan issued",
    "Date updated EHC plan issued", "Date EHC plan last reviewed", "SEN primary need",
    "Main education establishment \u2013 URN", "Main education establishment \u2013 phase",
    "Subsidiary education establishment \u2013 phase (dual registration)", "Elective home education",
    "Suspensions", "Permanent exclusions", "Absence", "Pupil Premium", "Known to children's social care?",
    "Which children's social care team?", "Does the child or young person have a disability?",
]  # fmt: skip


@pytest.fixture
def children(db):
    school = SettingFactory(phase="secondary", urn=123456)
    college = SettingFactory(phase="post16", urn=None, ukprn="10001234")
    planned = ChildFactory(
        setting=school,
        subsidiary_setting=college,
        date_of_birth=date(2012, 3, 4),
        sex="F",
        ethnicity="BAFR",
        primary_need="SEMH",
        suspensions=2,
        permanent_exclusions=0,
        absence_percent=Decimal("12.5"),
        pupil_premium=True,
        social_care_status="CIN",
        social_care_team="disabled_children",
        disability="Y",
    )
    plan = EHCPlan.objects.create(child=planned, first_issued_on=date(2022, 9, 5))
    AnnualReview.objects.create(
        reference="AR-1", plan=plan, child=planned, cycle_start=date(2024, 9, 1), due_on=date(2025, 8, 31),
        stage="completed", meeting_held_on=date(2025, 6, 10),
    )  # fmt: skip
    AnnualReview.objects.create(
        reference="AR-2", plan=plan, child=planned, cycle_start=date(2023, 9, 1), due_on=date(2024, 8, 31),
        stage="completed", meeting_held_on=date(2024, 6, 3),
    )  # fmt: skip
    home = ChildFactory(setting=None, sen2_setting="EHE", upn=None, uln="1234567890", primary_need="ASD")
    EHCPlan.objects.create(child=home, first_issued_on=date(2021, 1, 11))
    ceased = ChildFactory()
    EHCPlan.objects.create(child=ceased, first_issued_on=date(2020, 1, 1), ceased_on=date(2024, 1, 1))
    support = ChildFactory(
        sen_provision="K", setting=school, primary_need="SPLD", date_of_birth=date(2016, 12, 25)
    )
    ChildFactory(sen_provision="N")
    return {"planned": planned, "home": home, "support": support, "school": school}


def test_the_headings_are_ofsteds_word_for_word():
    assert annex_a.LIST_1_HEADINGS == LIST_1
    removed = {"Date initial EHC plan issued", "Date updated EHC plan issued", "Date EHC plan last reviewed"}
    removed.add("Elective home education")
    assert [h for h in LIST_1 if h not in removed] == annex_a.LIST_2_HEADINGS


def test_list_1_holds_each_child_with_a_live_plan(children):
    rows = {row["Unique ID"]: row for row in annex_a.list_1_rows()}
    assert set(rows) == {str(children["planned"].public_id), str(children["home"].public_id)}
    row = rows[str(children["planned"].public_id)]
    assert row["UPN"] == children["planned"].upn
    assert (row["Date of birth"], row["Gender"], row["Ethnicity"]) == (date(2012, 3, 4), "F", "BAFR")
    assert row["Date initial EHC plan issued"] == date(2022, 9, 5)
    assert row["Date updated EHC plan issued"] is None
    assert row["Date EHC plan last reviewed"] == date(2025, 6, 10)
    assert row["SEN primary need"] == "SEMH"
    assert row["Main education establishment \u2013 URN"] == 123456
    assert row["Main education establishment \u2013 phase"] == "Secondary"
    assert row["Subsidiary education establishment \u2013 phase (dual registration)"] == "16 plus"
    assert row["Elective home education"] == "No"
    assert (row["Suspensions"], row["Permanent exclusions"], row["Absence"]) == (2, 0, Decimal("12.5"))
    assert row["Pupil Premium"] == "Yes"
    assert row["Known to children's social care?"] == "Yes"
    assert row["Which children's social care team?"] == "Disabled children's team"
    assert row["Does the child or young person have a disability?"] == "Yes"
    home = rows[str(children["home"].public_id)]
    assert (home["UPN"], home["ULN"], home["Elective home education"]) == ("", "1234567890", "Yes")
    assert home["Main education establishment \u2013 URN"] == ""
    assert home["Known to children's social care?"] == "No"


def test_list_2_holds_children_on_sen_support(children):
    rows = list(annex_a.list_2_rows())
    assert [row["Unique ID"] for row in rows] == [str(children["support"].public_id)]
    assert set(rows[0]) == set(annex_a.LIST_2_HEADINGS)
    assert rows[0]["SEN primary need"] == "SPLD"


def test_each_list_is_one_query(children):
    for number in (1, 2):
        with CaptureQueriesContext(connection) as captured:
            list(annex_a.rows_for(number))
        assert len(captured) == 1


def test_the_csv_has_the_headings_and_dd_mm_yyyy_dates(children):
    response = annex_a.csv_response(1, "annex-a-list-1")
    text = b"".join(response.streaming_content).decode()
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == LIST_1
    planned = next(r for r in rows[1:] if r[0] == str(children["planned"].public_id))
    assert planned[3] == "04/03/2012"
    assert planned[6] == "05/09/2022"
    assert planned[8] == "10/06/2025"
    assert planned[7] == ""


def test_the_xlsx_has_real_dates_shown_dd_mm_yyyy(children):
    workbook = load_workbook(io.BytesIO(annex_a.xlsx_bytes(2)))
    sheet = workbook.active
    rows = list(sheet.iter_rows())
    assert [cell.value for cell in rows[0]] == annex_a.LIST_2_HEADINGS
    birth = rows[1][annex_a.LIST_2_HEADINGS.index("Date of birth")]
    assert birth.value == datetime(2016, 12, 25)
    assert birth.number_format == "DD/MM/YYYY"
