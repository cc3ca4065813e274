"""XLSX exports store dates as spreadsheet dates (they sort and filter as dates); CSV keeps the
dd/mm/yyyy text; formula injection is still refused."""

import io
from datetime import date, datetime

from django.test import RequestFactory
from openpyxl import load_workbook

from core import exports


def _workbook(rows):
    response = exports.export_response("xlsx", "test", ["Name", "Born", "Due", "Note"], rows)
    return load_workbook(io.BytesIO(response.content)).active


def test_xlsx_dates_are_dates():
    sheet = _workbook([["Amira", "14/05/2015", date(2026, 7, 13), "=HYPERLINK(1)"]])
    name, born, due, note = next(sheet.iter_rows(min_row=2, values_only=True))
    assert name == "Amira"
    assert born == datetime(2015, 5, 14) and due == datetime(2026, 7, 13)
    assert sheet.cell(row=2, column=2).number_format == "dd/mm/yyyy"
    assert note == "'=HYPERLINK(1)"


def test_text_that_only_looks_like_a_date_stays_text():
    sheet = _workbook([["x", "31/02/2015", "14/5/2015", ""]])
    assert next(sheet.iter_rows(min_row=2, values_only=True))[1:3] == ("31/02/2015", "14/5/2015")


def test_csv_writes_dates_as_uk_text():
    response = exports.export_response("csv", "test", ["Born"], [[date(2015, 5, 14)]])
    assert b"".join(response.streaming_content).decode().splitlines()[1] == "14/05/2015"
    assert exports.wants_export(RequestFactory().get("/?format=xlsx")) == "xlsx"
