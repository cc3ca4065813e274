"""A provider's monthly extract (CSV or XLSX): one row a referral, matched on the provider reference.

Every row is checked first (waiting.validation) and every problem reported by row and column; only a
file with no problems is written, in one transaction, so a failed import changes nothing. Importing
the same month again (or a later month) updates the referrals it already holds rather than adding
them twice. Reading the file follows people.imports.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from audit.models import Action
from audit.services import record
from clock.dates import today as local_today
from people.imports import ImportProblem, ImportResult, _missing_columns, parse_import_date, read_rows
from people.models import Child
from waiting import validation
from waiting.models import Pathway, Referral
from waiting.services import FIELDS

# Column heading -> referral field, in the order of the template file.
COLUMNS = {
    "Provider reference": "provider_reference",
    "Pathway": "pathway",
    "NHS number": "nhs_number",
    "Date of birth": "date_of_birth",
    "Referral date": "referral_date",
    "First appointment": "first_appointment",
    "Assessment start": "assessment_start",
    "Treatment start": "treatment_start",
    "Discharge or removal date": "ended_on",
    "Discharge or removal reason": "end_reason",
}
REQUIRED = ["Provider reference", "Pathway", "NHS number", "Date of birth", "Referral date"]
DATES = [
    "date_of_birth",
    "referral_date",
    "first_appointment",
    "assessment_start",
    "treatment_start",
    "ended_on",
]
COLUMN_OF = {field: column for column, field in COLUMNS.items()}


def _check_row(row, pathways, today):
    values, problems = {}, []
    values["provider_reference"] = row.get("Provider reference", "").strip()[:40]
    values["end_reason"] = row.get("Discharge or removal reason", "").strip().lower()
    code = row.get("Pathway", "").strip()
    values["pathway"] = pathways.get(code.lower())
    if code and values["pathway"] is None:
        allowed = ", ".join(sorted(p.code for p in pathways.values()))
        problems.append(("Pathway", f"No pathway with the code '{code}'. Use one of: {allowed}"))
    elif not code:
        problems.append(("Pathway", "Enter the pathway code"))
    values["nhs_number"], message = validation.clean_nhs_number(row.get("NHS number", ""))
    if message:
        problems.append(("NHS number", message))
    unreadable = set()
    for field in DATES:
        text = row.get(COLUMN_OF[field], "").strip()
        values[field] = None
        if text:
            try:
                values[field] = parse_import_date(text)
            except ValidationError as error:
                problems.append((COLUMN_OF[field], error.messages[0]))
                unreadable.add(field)
    for field, message in validation.check(values, today):
        # A pathway or date already reported as unreadable is not reported again as missing.
        if field == "pathway" or field in unreadable:
            continue
        problems.append((COLUMN_OF[field], message))
    return values, problems


def import_extract(upload, month, request=None, user=None, today=None, progress=None) -> ImportResult:
    """Check and (only if every row is right) write one provider's extract for the month ending `month`.
    `progress(done, total, stage)` hears how many rows have been checked (a background job's
    progress bar); saving them all, in one transaction, counts as one more step."""
    today = today or local_today()
    progress = progress or (lambda *args, **kwargs: None)
    headings, rows = read_rows(upload)
    result = ImportResult(problems=_missing_columns(headings, REQUIRED))
    if not rows and not result.problems:
        result.problems.append(ImportProblem(1, "", "The file has no rows to import"))
    if result.problems:
        return result
    pathways = {p.code.lower(): p for p in Pathway.objects.filter(active=True)}
    cleaned, seen_reference, seen_referral = [], {}, {}
    progress(0, len(rows) + 1, "Checking each row")
    for number, row in enumerate(rows, start=2):
        progress(number - 2)
        values, problems = _check_row(row, pathways, today)
        if values["pathway"] and values["provider_reference"]:
            key = (values["pathway"].pk, values["provider_reference"])
            if key in seen_reference:
                problems.append(
                    ("Provider reference", f"Same provider reference as row {seen_reference[key]}")
                )
            seen_reference.setdefault(key, number)
        if values["pathway"] and values["nhs_number"] and values["referral_date"]:
            key = (values["nhs_number"], values["pathway"].pk, values["referral_date"])
            if key in seen_referral:
                problems.append(
                    ("Referral date", f"Same child, pathway and referral date as row {seen_referral[key]}")
                )
            seen_referral.setdefault(key, number)
        result.problems += [ImportProblem(number, column, message) for column, message in problems]
        cleaned.append((number, values))
    if result.problems:
        return result
    existing = _existing(cleaned)
    _check_against_recorded(cleaned, existing, result)
    if result.problems:
        return result
    progress(len(rows), stage=f"Saving {len(rows):,} referrals")
    with transaction.atomic():
        _write(cleaned, existing, month, user, result)
        record(
            request,
            Action.IMPORT,
            user=user,
            summary=f"Imported a waiting list extract for {month:%B %Y}",
            created=result.created,
            updated=result.updated,
            file=getattr(upload, "name", ""),
        )
    return result


def _existing(cleaned) -> dict:
    references = {values["provider_reference"] for _, values in cleaned}
    return {
        (r.pathway_id, r.provider_reference): r
        for r in Referral.objects.filter(provider_reference__in=references).select_related("pathway")
    }


def _check_against_recorded(cleaned, existing, result):
    """A row that is new here but the same child, pathway and date as another recorded referral."""
    nhs = {values["nhs_number"] for _, values in cleaned}
    recorded = {
        (n, p, d): pk
        for pk, n, p, d in Referral.objects.filter(nhs_number__in=nhs).values_list(
            "pk", "nhs_number", "pathway_id", "referral_date"
        )
    }
    for number, values in cleaned:
        match = existing.get((values["pathway"].pk, values["provider_reference"]))
        other = recorded.get((values["nhs_number"], values["pathway"].pk, values["referral_date"]))
        if other is not None and (match is None or match.pk != other):
            result.problems.append(
                ImportProblem(number, "Referral date", validation.duplicate_message(values))
            )


def _write(cleaned, existing, month, user, result):
    children = dict(
        Child.objects.filter(nhs_number__in={v["nhs_number"] for _, v in cleaned}).values_list(
            "nhs_number", "pk"
        )
    )
    new, changed, now = [], [], timezone.now()
    for _, values in cleaned:
        referral = existing.get((values["pathway"].pk, values["provider_reference"]))
        if referral is None:
            referral = Referral(created_by=user)
            new.append(referral)
        else:
            changed.append(referral)
        for field in FIELDS:
            setattr(referral, field, values[field] if values[field] is not None else None)
        referral.child_id = children.get(referral.nhs_number)
        referral.extract_month = month
        referral.modified_by = user
        referral.modified_at = now
    with transaction.atomic():
        Referral.objects.bulk_create(new, batch_size=1000)
        Referral.claim_all([referral.pk for referral in changed], user)
        Referral.objects.bulk_update(
            changed, [*FIELDS, "child", "extract_month", "modified_by", "modified_at"], batch_size=500
        )
    result.created, result.updated = len(new), len(changed)
