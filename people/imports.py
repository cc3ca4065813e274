"""Imports of schools (DfE Get Information about Schools CSV) and children (CSV or XLSX).

Every row is checked first and every problem is reported by row and column; only a file with no
problems is written, in one transaction, so an import with any error changes nothing.
"""

import csv
import io
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime

from django.conf import settings as django_settings
from django.core.exceptions import ValidationError
from django.db import transaction
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException
from simple_history.utils import bulk_create_with_history

from clock.dates import today as local_today
from people import codelists, validators
from people.models import Child, Setting


@dataclass
class ImportProblem:
    row: int  # the spreadsheet row number, counting the heading row as 1
    column: str
    message: str


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    problems: list[ImportProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


class UnreadableFile(Exception):
    message = (
        "The file could not be read. Check it is a CSV file saved as UTF-8, or an Excel "
        "workbook (.xlsx), and upload it again"
    )


def read_rows(upload) -> tuple[list[str], list[dict]]:
    """Headings and rows (as dicts of text) from an uploaded CSV or XLSX file."""
    try:
        return _read_rows(upload)
    except (ValueError, KeyError, OSError, csv.Error, zipfile.BadZipFile, InvalidFileException) as error:
        raise UnreadableFile(UnreadableFile.message) from error


def _read_rows(upload):
    name = upload.name.lower()
    if name.endswith(".xlsx"):
        sheet = load_workbook(upload, read_only=True, data_only=True).worksheets[0]
        values = list(sheet.iter_rows(values_only=True))
        if not values:
            return [], []
        headings = [str(h).strip() if h is not None else "" for h in values[0]]
        rows = [
            {h: _cell_text(v) for h, v in zip(headings, row, strict=False)}
            for row in values[1:]
            if any(v not in (None, "") for v in row)
        ]
        return headings, rows
    raw = upload.read()
    text = raw.decode("utf-8-sig") if isinstance(raw, bytes) else raw
    reader = csv.DictReader(io.StringIO(text))
    rows = [{k: (v or "").strip() for k, v in r.items() if k} for r in reader]
    return [h.strip() for h in (reader.fieldnames or [])], rows


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _missing_columns(headings, required) -> list[ImportProblem]:
    return [
        ImportProblem(1, column, f"The file has no '{column}' column")
        for column in required
        if column not in headings
    ]


# --- Schools and settings: DfE "Get Information about Schools" establishment fields ----------

GIAS_REQUIRED = [
    "URN",
    "LA (code)",
    "EstablishmentName",
    "TypeOfEstablishment (name)",
    "EstablishmentStatus (name)",
    "PhaseOfEducation (name)",
    "Postcode",
]

GIAS_PHASES = {
    "Nursery": "nursery",
    "Primary": "primary",
    "Middle deemed primary": "middle",
    "Middle deemed secondary": "middle",
    "Secondary": "secondary",
    "All-through": "all_through",
    "16 plus": "post16",
    "Not applicable": "not_applicable",
}


def gias_setting_type(row: dict) -> str:
    """Our setting type from the GIAS establishment type, resourced provision and LA."""
    kind = row.get("TypeOfEstablishment (name)", "").lower()
    group = row.get("EstablishmentTypeGroup (name)", "").lower()
    resourced = row.get("TypeOfResourcedProvision (name)", "").lower()
    if row.get("LA (code)") and row.get("LA (code)") != django_settings.AREA_LA_CODE:
        return "out_of_area"
    if "special" in kind and "independent" not in kind and "non-maintained" not in kind:
        return "special"
    if "independent" in kind or "independent" in group or "non-maintained" in kind:
        return "independent"
    if "pupil referral" in kind or "alternative provision" in kind:
        return "pru"
    if "further education" in kind or "sixth form" in kind or group == "colleges":
        return "post16"
    if "nursery" in kind or row.get("PhaseOfEducation (name)") == "Nursery":
        return "early_years"
    if resourced and "not applicable" not in resourced:
        return "resourced"
    return "mainstream"


def import_gias(upload) -> ImportResult:
    headings, rows = read_rows(upload)
    result = ImportResult(problems=_missing_columns(headings, GIAS_REQUIRED))
    if result.problems:
        return result
    parsed = []
    seen = set()
    for number, row in enumerate(rows, start=2):
        problems_before = len(result.problems)
        urn = row.get("URN", "")
        if not urn.isdigit():
            result.problems.append(ImportProblem(number, "URN", "Enter a URN made of digits"))
        elif urn in seen:
            result.problems.append(ImportProblem(number, "URN", f"URN {urn} appears twice"))
        seen.add(urn)
        if not row.get("EstablishmentName"):
            result.problems.append(ImportProblem(number, "EstablishmentName", "Enter the establishment name"))
        phase = row.get("PhaseOfEducation (name)", "")
        if phase not in GIAS_PHASES:
            result.problems.append(
                ImportProblem(
                    number, "PhaseOfEducation (name)", f"'{phase}' is not a GIAS phase of education"
                )
            )
        postcode = row.get("Postcode", "")
        if postcode:
            try:
                postcode = validators.normalise_postcode(postcode)
            except ValidationError as error:
                result.problems.append(ImportProblem(number, "Postcode", error.messages[0]))
        if len(result.problems) == problems_before:
            parsed.append(
                {
                    "urn": int(urn),
                    "ukprn": row.get("UKPRN", "")[:8],
                    "name": row["EstablishmentName"][:200],
                    "la_code": row.get("LA (code)", "")[:3],
                    "establishment_type": row.get("TypeOfEstablishment (name)", "")[:100],
                    "phase": GIAS_PHASES[phase],
                    "setting_type": gias_setting_type(row),
                    "is_open": not row.get("EstablishmentStatus (name)", "").lower().startswith("closed"),
                    "statutory_low_age": _small_int(row.get("StatutoryLowAge")),
                    "statutory_high_age": _small_int(row.get("StatutoryHighAge")),
                    "address": ", ".join(
                        filter(None, (row.get("Street"), row.get("Locality"), row.get("Address3")))
                    )[:300],
                    "town": row.get("Town", "")[:100],
                    "postcode": postcode,
                }
            )
    if result.problems:
        return result
    with transaction.atomic():
        existing = {s.urn: s for s in Setting.objects.filter(urn__in=[p["urn"] for p in parsed])}
        for values in parsed:
            setting = existing.get(values["urn"])
            if setting is None:
                Setting.objects.create(**values)
                result.created += 1
            else:
                for key, value in values.items():
                    setattr(setting, key, value)
                setting.save_edit()
                result.updated += 1
    return result


def _small_int(value):
    return int(value) if value and value.isdigit() else None


# --- Children: the columns an area's old case system exports -----------------------------------

CHILD_COLUMNS = [
    "Legal first name",
    "Legal last name",
    "Preferred name",
    "Date of birth",
    "Sex",
    "UPN",
    "NHS number",
    "ULN",
    "Ethnicity",
    "First language",
    "Postcode",
    "School URN",
    "SEN provision",
    "Primary need",
    "Secondary need",
]
CHILD_REQUIRED = ["Legal first name", "Legal last name", "Date of birth"]


def parse_import_date(text: str) -> date:
    for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValidationError("Enter the date as DD/MM/YYYY, for example 27/03/2015")


def _coded(value, codes, column):
    if value and value not in dict(codes):
        allowed = ", ".join(code for code, _ in codes if code)
        raise ValidationError(f"'{value}' is not a code for {column}. Use one of: {allowed}")
    return value


def _check_child_row(row, urns, today) -> tuple[dict, list[tuple[str, str]]]:
    """Cleaned values for one row, and (column, message) for each problem in it."""
    values, problems = {}, []

    def check(column, attribute, convert):
        raw = row.get(column, "").strip()
        try:
            values[attribute] = convert(raw)
        except ValidationError as error:
            problems.append((column, error.messages[0]))

    for column in CHILD_REQUIRED:
        if not row.get(column, "").strip():
            problems.append((column, f"Enter the {column.lower()}"))
    values["legal_first_name"] = row.get("Legal first name", "").strip()[:100]
    values["legal_last_name"] = row.get("Legal last name", "").strip()[:100]
    values["preferred_name"] = row.get("Preferred name", "").strip()[:100]
    if row.get("Date of birth", "").strip():
        check(
            "Date of birth",
            "date_of_birth",
            lambda v: validators.validate_date_of_birth(parse_import_date(v), today=today),
        )
    check("Sex", "sex", lambda v: _coded(v, codelists.SEX, "sex") or "U")
    check("UPN", "upn", lambda v: validators.validate_upn(v) if v else None)
    check("NHS number", "nhs_number", lambda v: validators.validate_nhs_number(v) if v else None)
    check("ULN", "uln", lambda v: validators.validate_uln(v) if v else "")
    check("Ethnicity", "ethnicity", lambda v: _coded(v, codelists.ETHNICITY, "ethnicity") or "NOBT")
    check(
        "First language",
        "first_language",
        lambda v: _coded(v, codelists.FIRST_LANGUAGE, "first language") or "ENG",
    )
    check("Postcode", "postcode", lambda v: validators.normalise_postcode(v) if v else "")
    check(
        "SEN provision", "sen_provision", lambda v: _coded(v, codelists.SEN_PROVISION, "SEN provision") or "N"
    )
    check("Primary need", "primary_need", lambda v: _coded(v, codelists.SEN_TYPE, "need"))
    check("Secondary need", "secondary_need", lambda v: _coded(v, codelists.SEN_TYPE, "need"))
    urn = row.get("School URN", "").strip()
    if urn and urn not in urns:
        problems.append(("School URN", f"No school or setting with URN {urn}: import it first"))
    values["setting_id"] = urns.get(urn)
    return values, problems


PROGRESS_EVERY_ROWS = 500


def import_children(upload, user=None, today=None, progress=None) -> ImportResult:
    """`progress(done, total, stage)` hears how many rows have been checked (a background job's
    progress bar); the last step, saving every record in one transaction, counts as one more."""

    today = today or local_today()
    progress = progress or (lambda *args, **kwargs: None)
    headings, rows = read_rows(upload)
    progress(0, len(rows) + 1, "Checking each row")
    result = ImportResult(problems=_missing_columns(headings, CHILD_REQUIRED))
    if not rows and not result.problems:
        result.problems.append(ImportProblem(1, "", "The file has no rows to import"))
    if result.problems:
        return result
    urns = {str(urn): pk for pk, urn in Setting.objects.filter(urn__isnull=False).values_list("pk", "urn")}
    cleaned = []
    seen_upn, seen_nhs = {}, {}
    for number, row in enumerate(rows, start=2):
        if number % PROGRESS_EVERY_ROWS == 0:
            progress(number - 1)
        values, problems = _check_child_row(row, urns, today)
        for key, seen, column in (("upn", seen_upn, "UPN"), ("nhs_number", seen_nhs, "NHS number")):
            if values.get(key):
                if values[key] in seen:
                    problems.append((column, f"Same {column} as row {seen[values[key]]}"))
                seen.setdefault(values[key], number)
        result.problems += [ImportProblem(number, c, m) for c, m in problems]
        cleaned.append((number, values))
    _check_existing_identifiers(cleaned, result)
    if result.problems:
        return result
    progress(len(rows), stage=f"Saving {len(rows):,} records")
    children = [Child(created_by=user, modified_by=user, **values) for _, values in cleaned]
    for child in children:
        child.search_name = child.build_search_name()
    with transaction.atomic():
        bulk_create_with_history(children, Child, batch_size=1000, default_user=user)
    result.created = len(children)
    return result


def _check_existing_identifiers(cleaned, result):
    upns = [v["upn"] for _, v in cleaned if v.get("upn")]
    nhs = [v["nhs_number"] for _, v in cleaned if v.get("nhs_number")]
    taken_upn = set(Child.objects.filter(upn__in=upns).values_list("upn", flat=True))
    taken_nhs = set(Child.objects.filter(nhs_number__in=nhs).values_list("nhs_number", flat=True))
    for number, values in cleaned:
        if values.get("upn") in taken_upn:
            result.problems.append(ImportProblem(number, "UPN", "A child with this UPN is already recorded"))
        if values.get("nhs_number") in taken_nhs:
            result.problems.append(
                ImportProblem(number, "NHS number", "A child with this NHS number is already recorded")
            )
