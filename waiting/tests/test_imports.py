import io
from datetime import date
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from audit.models import Action, AuditEvent
from people.tests.factories import ChildFactory
from waiting.imports import COLUMNS, import_extract
from waiting.models import Referral
from waiting.tests.factories import pathways

pytestmark = pytest.mark.django_db

SAMPLE = (Path(__file__).resolve().parent.parent / "samples" / "provider_extract_sample.csv").read_text()
TODAY = date(2025, 7, 10)
JUNE = date(2025, 6, 30)


def csv_upload(text, name="extract.csv"):
    return SimpleUploadedFile(name, text.encode(), content_type="text/csv")


def run(text, month=JUNE):
    pathways()
    return import_extract(csv_upload(text), month, today=TODAY)


def test_the_sample_extract_imports_and_links_known_children():
    child = ChildFactory(nhs_number="4000630148")
    result = run(SAMPLE)
    assert result.ok, result.problems
    assert (result.created, result.updated) == (6, 0)
    camhs = Referral.objects.get(provider_reference="BDCFT-C-2001")
    assert camhs.child == child and camhs.treatment_start == date(2025, 5, 20)
    assert camhs.extract_month == JUNE
    assert Referral.objects.get(provider_reference="BTHFT-S-3001").end_reason == "seen"
    assert AuditEvent.objects.get(action=Action.IMPORT).detail["created"] == 6


def test_one_bad_row_refuses_the_whole_file_with_row_and_column_errors():
    lines = SAMPLE.splitlines()
    lines[2] = "BDCFT-A-1002,autism,4000630076,02/11/2013,10/02/2026,21/04/2025,,,,"
    lines[4] = "BDCFT-C-2002,dentistry,4000630210,19/09/2009,2025-06-31,,,,,"
    result = run("\n".join(lines))
    assert not result.ok
    found = {(p.row, p.column): p.message for p in result.problems}
    assert found == {
        (3, "NHS number"): "Enter a valid NHS number: the last digit does not match the others",
        (3, "Referral date"): "Referral date must be today or in the past",
        (5, "Pathway"): "No pathway with the code 'dentistry'. Use one of: adhd, autism, camhs, equipment, "
        "salt, wheelchairs",
        (5, "Referral date"): "Enter the date as DD/MM/YYYY, for example 27/03/2015",
    }
    assert not Referral.objects.exists()
    assert not AuditEvent.objects.filter(action=Action.IMPORT).exists()


def test_treatment_before_referral_in_a_row_is_refused():
    lines = SAMPLE.splitlines()
    lines[3] = "BDCFT-C-2001,camhs,4000630148,30/07/2010,15/03/2025,01/04/2025,,20/02/2025,,"
    result = run("\n".join(lines))
    assert [(p.row, p.column, p.message) for p in result.problems] == [
        (4, "Treatment start", "Treatment start must be on or after the referral date")
    ]


def test_reimporting_the_month_updates_by_provider_reference_rather_than_duplicating():
    assert run(SAMPLE).ok
    changed = SAMPLE.replace(
        "BDCFT-C-2002,camhs,4000630210,19/09/2009,02/06/2025,,,,,",
        "BDCFT-C-2002,camhs,4000630210,19/09/2009,02/06/2025,,,01/07/2025,,",
    )
    result = run(changed)
    assert result.ok, result.problems
    assert (result.created, result.updated) == (0, 6)
    assert Referral.objects.count() == 6
    again = Referral.objects.get(provider_reference="BDCFT-C-2002")
    assert again.treatment_start == date(2025, 7, 1) and again.version == 2


def test_the_same_child_pathway_and_date_under_a_new_reference_is_a_duplicate():
    assert run(SAMPLE).ok
    extra = SAMPLE.splitlines()[0] + "\nNEW-9,autism,4000630008,14/05/2015,03/01/2025,,,,,\n"
    result = run(extra)
    assert [(p.row, p.column, p.message) for p in result.problems] == [
        (
            2,
            "Referral date",
            "This child already has a referral to Autism diagnostic assessment on 3 January 2025",
        )
    ]
    assert Referral.objects.count() == 6


def test_repeated_references_and_referrals_in_one_file_are_named_by_row():
    lines = SAMPLE.splitlines()
    result = run("\n".join([*lines, lines[1], lines[1].replace("BDCFT-A-1001", "BDCFT-A-1009")]))
    messages = [(p.row, p.message) for p in result.problems]
    assert (8, "Same provider reference as row 2") in messages
    assert (9, "Same child, pathway and referral date as row 2") in messages


def test_a_missing_column_is_reported_before_any_row():
    result = run("Provider reference,Pathway\nX,autism\n")
    assert {p.column for p in result.problems} == {"NHS number", "Date of birth", "Referral date"}
    assert all(p.row == 1 for p in result.problems)


def test_an_xlsx_extract_imports_with_real_dates():
    book = Workbook()
    sheet = book.active
    sheet.append(list(COLUMNS))
    sheet.append(
        ["X-1", "camhs", "4000630008", date(2012, 1, 9), date(2025, 2, 3), None, None, date(2025, 4, 1)]
    )
    sheet.append(["X-2", "salt", "4000630075", "09/01/2019", "03/03/2025"])
    buffer = io.BytesIO()
    book.save(buffer)
    pathways()
    upload = SimpleUploadedFile("extract.xlsx", buffer.getvalue())
    result = import_extract(upload, JUNE, today=TODAY)
    assert result.ok, result.problems
    assert Referral.objects.get(provider_reference="X-1").treatment_start == date(2025, 4, 1)
    assert Referral.objects.get(provider_reference="X-2").referral_date == date(2025, 3, 3)
