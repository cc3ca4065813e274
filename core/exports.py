"""CSV and XLSX downloads of any table: one function, so every list exports the same way."""

import csv
import io
import re
from datetime import date, datetime

from django.http import HttpResponse, StreamingHttpResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
UK_DATE = re.compile(r"^(\d{2})/(\d{2})/(\d{4})$")  # how the lists write dates: 27/03/2015


class _Echo:
    def write(self, value):
        return value


def safe_cell(value):
    """Stop spreadsheet formula injection: a cell starting with = + - @ is shown as text."""
    if value is None:
        return ""
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    text = str(value)
    if text and text[0] in "=+-@\t\r":
        return "'" + text
    return text


def _as_date(value):
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    match = UK_DATE.match(value) if isinstance(value, str) else None
    if match:
        try:
            return date(int(match[3]), int(match[2]), int(match[1]))
        except ValueError:
            return None
    return None


def _xlsx_cell(sheet, value):
    """A date (or a dd/mm/yyyy string) as a real spreadsheet date, so it sorts and filters as one."""
    day = _as_date(value)
    if day is None:
        return safe_cell(value)
    cell = WriteOnlyCell(sheet, value=day)
    cell.number_format = "dd/mm/yyyy"
    return cell


def export_file(fmt: str, filename: str, headers: list[str], rows) -> tuple[bytes, str]:
    """`rows` as a whole CSV or XLSX file: (content, content type), for a job to keep for download."""
    if fmt == "xlsx":
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(title=filename[:31])
        sheet.append(headers)
        for row in rows:
            sheet.append([_xlsx_cell(sheet, v) for v in row])
        buffer = io.BytesIO()
        workbook.save(buffer)
        return buffer.getvalue(), XLSX_TYPE
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headers)
    for row in rows:
        writer.writerow([safe_cell(v) for v in row])
    return buffer.getvalue().encode(), "text/csv; charset=utf-8"


def export_response(fmt: str, filename: str, headers: list[str], rows):
    """Stream `rows` (an iterable of sequences) as CSV, or build an XLSX, for download."""
    if fmt == "xlsx":
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(title=filename[:31])
        sheet.append(headers)
        for row in rows:
            sheet.append([_xlsx_cell(sheet, v) for v in row])
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
        return response
    writer = csv.writer(_Echo())

    def stream():
        yield writer.writerow(headers)
        for row in rows:
            yield writer.writerow([safe_cell(v) for v in row])

    response = StreamingHttpResponse(stream(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def wants_export(request) -> str | None:
    fmt = request.GET.get("format")
    return fmt if fmt in ("csv", "xlsx") else None
