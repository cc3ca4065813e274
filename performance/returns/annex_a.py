"""Ofsted Annex A lists for an area SEND inspection (STATUTORY_RULES.md, "Ofsted Annex A").

List 1: children and young people with a live EHC plan. List 2: children on SEN support. The column
headings are Ofsted's, word for word (note the en dashes). Codes come from the DfE lists (sex,
ethnicity, SEN type); dates are DD/MM/YYYY: real dates shown that way in the XLSX, text in the CSV.
One query per list, however many children.
"""

import io
from datetime import date

from django.db.models import Max
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from core.exports import export_response
from people import codelists
from people.codelists import SenProvision
from people.models import Child
from plans.codes import KNOWN_TO_SOCIAL_CARE
from plans.models import EHCPlan

DATE_FORMAT = "DD/MM/YYYY"
PLAN_DATES = [
    "Date initial EHC plan issued",
    "Date updated EHC plan issued",
    "Date EHC plan last reviewed",
]
LIST_1_HEADINGS = [
    "Unique ID",
    "UPN",
    "ULN",
    "Date of birth",
    "Gender",
    "Ethnicity",
    *PLAN_DATES,
    "SEN primary need",
    "Main education establishment – URN",
    "Main education establishment – phase",
    "Subsidiary education establishment – phase (dual registration)",
    "Elective home education",
    "Suspensions",
    "Permanent exclusions",
    "Absence",
    "Pupil Premium",
    "Known to children's social care?",
    "Which children's social care team?",
    "Does the child or young person have a disability?",
]
LIST_2_HEADINGS = [h for h in LIST_1_HEADINGS if h not in PLAN_DATES and h != "Elective home education"]
LISTS = {1: LIST_1_HEADINGS, 2: LIST_2_HEADINGS}
PHASES = dict(codelists.SETTING_PHASE)
TEAMS = dict(codelists.SOCIAL_CARE_TEAM)


# The child's columns, read with values() (no model objects: a list is one light query).
CHILD_FIELDS = [
    "public_id", "upn", "uln", "date_of_birth", "sex", "ethnicity", "primary_need", "setting__urn",
    "setting__phase", "subsidiary_setting__phase", "suspensions", "permanent_exclusions",
    "absence_percent", "pupil_premium", "social_care_status", "social_care_team", "disability",
    "sen2_setting",
]  # fmt: skip
DISABILITY = {"Y": "Yes", "N": "No"}


def list_1_rows():
    """One dict per child with a live plan: heading -> value (dates as `date`)."""
    plans = (
        EHCPlan.objects.filter(ceased_on__isnull=True, first_issued_on__isnull=False)
        .annotate(last_reviewed=Max("annual_reviews__meeting_held_on"))
        .order_by("child__legal_last_name", "child__legal_first_name", "pk")
        .values(
            *(f"child__{name}" for name in CHILD_FIELDS),
            "first_issued_on",
            "latest_issued__number",
            "latest_issued__issued_on",
            "last_reviewed",
        )
    )
    for plan in plans:
        child = {name: plan[f"child__{name}"] for name in CHILD_FIELDS}
        row = _child_columns(child)
        amended = (plan["latest_issued__number"] or 0) > 1
        row["Date initial EHC plan issued"] = plan["first_issued_on"]
        row["Date updated EHC plan issued"] = plan["latest_issued__issued_on"] if amended else None
        row["Date EHC plan last reviewed"] = plan["last_reviewed"]
        row["Elective home education"] = _yes_no(child["sen2_setting"] == "EHE")
        yield row


def list_2_rows():
    """One dict per child on SEN support."""
    children = (
        Child.objects.filter(sen_provision=SenProvision.SEN_SUPPORT)
        .order_by("legal_last_name", "legal_first_name", "pk")
        .values(*CHILD_FIELDS)
    )
    for child in children:
        yield _child_columns(child)


def _child_columns(child: dict) -> dict:
    team = child["social_care_team"]
    return {
        "Unique ID": str(child["public_id"]),
        "UPN": child["upn"] or "",
        "ULN": child["uln"],
        "Date of birth": child["date_of_birth"],
        "Gender": child["sex"],
        "Ethnicity": child["ethnicity"],
        "SEN primary need": child["primary_need"],
        "Main education establishment – URN": child["setting__urn"] or "",
        "Main education establishment – phase": PHASES.get(child["setting__phase"], ""),
        "Subsidiary education establishment – phase (dual registration)": PHASES.get(
            child["subsidiary_setting__phase"], ""
        ),
        "Suspensions": child["suspensions"],
        "Permanent exclusions": child["permanent_exclusions"],
        "Absence": child["absence_percent"],
        "Pupil Premium": _yes_no(child["pupil_premium"]),
        "Known to children's social care?": _yes_no(child["social_care_status"] in KNOWN_TO_SOCIAL_CARE),
        "Which children's social care team?": TEAMS.get(team, "") if team else "",
        "Does the child or young person have a disability?": DISABILITY.get(child["disability"], ""),
    }


def _yes_no(value: bool) -> str:
    return "Yes" if value else "No"


def rows_for(number: int):
    return list_1_rows() if number == 1 else list_2_rows()


def _csv_value(value):
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return "" if value is None else value


def csv_response(number: int, filename: str):
    headings = LISTS[number]
    rows = ([_csv_value(row[h]) for h in headings] for row in rows_for(number))
    return export_response("csv", filename, headings, rows)


def sheet_name(number: int) -> str:
    """Ofsted's template names its sheets List_1 and List_2 (data-to-insight's validator reads
    them by these names)."""
    return f"List_{number}"


def _add_sheet(workbook, number: int) -> None:
    headings = LISTS[number]
    sheet = workbook.create_sheet(title=sheet_name(number))
    sheet.append(headings)
    for row in rows_for(number):
        sheet.append([_xlsx_cell(sheet, row[h]) for h in headings])


def xlsx_bytes(number: int) -> bytes:
    """One list on its own, in a workbook of one sheet."""
    workbook = Workbook(write_only=True)
    _add_sheet(workbook, number)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def workbook_bytes() -> bytes:
    """Ofsted's template: one workbook, sheets List_1 and List_2, its columns in its order."""
    workbook = Workbook(write_only=True)
    for number in LISTS:
        _add_sheet(workbook, number)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _xlsx_cell(sheet, value):
    if isinstance(value, date):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = DATE_FORMAT
        return cell
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value  # never a formula (core.exports does the same)
    return "" if value is None else value
