"""Every rule a referral must keep, in one place: the form, the service and the import ask here.

`check(values, today)` takes the values as Python objects (dates already parsed, pathway as a
Pathway or None) and returns (field, message) for each problem, in GOV.UK words.
"""

from django.core.exceptions import ValidationError

from people import validators
from waiting.models import EndReason, Referral

# Field name -> the label the messages and the import columns use.
LABELS = {
    "nhs_number": "NHS number",
    "date_of_birth": "Date of birth",
    "pathway": "Pathway",
    "provider_reference": "Provider reference",
    "referral_date": "Referral date",
    "first_appointment": "First appointment",
    "assessment_start": "Assessment start",
    "treatment_start": "Treatment start",
    "ended_on": "Discharge or removal date",
    "end_reason": "Discharge or removal reason",
}
LATER_DATES = ["first_appointment", "assessment_start", "treatment_start", "ended_on"]


def clean_nhs_number(value: str) -> tuple[str, str | None]:
    """The NHS number as 10 digits, or the message saying what is wrong with it."""
    if not (value or "").strip():
        return "", "Enter the NHS number"
    try:
        return validators.validate_nhs_number(value), None
    except ValidationError as error:
        return "", error.messages[0]


def check(values: dict, today) -> list[tuple[str, str]]:
    problems = []
    if not values.get("pathway"):
        problems.append(("pathway", "Select the pathway"))
    if not values.get("provider_reference"):
        problems.append(("provider_reference", "Enter the provider's reference for the referral"))
    born = values.get("date_of_birth")
    if not born:
        problems.append(("date_of_birth", "Enter the date of birth"))
    elif born > today:
        problems.append(("date_of_birth", "Date of birth must be in the past"))
    referred = values.get("referral_date")
    if not referred:
        problems.append(("referral_date", "Enter the referral date"))
    elif referred > today:
        problems.append(("referral_date", "Referral date must be today or in the past"))
        referred = None  # later dates are not compared with a date that is itself wrong
    elif born and referred < born:
        problems.append(("referral_date", "Referral date must be on or after the date of birth"))
    for name in LATER_DATES:
        day = values.get(name)
        if not day:
            continue
        if day > today:
            problems.append((name, f"{LABELS[name]} must be today or in the past"))
        elif referred and day < referred:
            problems.append((name, f"{LABELS[name]} must be on or after the referral date"))
    ended, reason = values.get("ended_on"), values.get("end_reason")
    if reason and reason not in EndReason.values:
        allowed = ", ".join(EndReason.values)
        problems.append(
            ("end_reason", f"'{reason}' is not a discharge or removal reason. Use one of: {allowed}")
        )
    elif ended and not reason:
        problems.append(("end_reason", "Select why the child came off the list"))
    elif reason and not ended:
        problems.append(("ended_on", "Enter the date the child came off the list"))
    return problems


def duplicate_problems(values: dict, exclude_pk=None) -> list[tuple[str, str]]:
    """A second referral for the same child, pathway and referral date is refused."""
    if not (values.get("nhs_number") and values.get("pathway") and values.get("referral_date")):
        return []
    same = Referral.objects.filter(
        nhs_number=values["nhs_number"], pathway=values["pathway"], referral_date=values["referral_date"]
    )
    if exclude_pk is not None:
        same = same.exclude(pk=exclude_pk)
    if same.exists():
        return [("referral_date", duplicate_message(values))]
    return []


def duplicate_message(values) -> str:
    return f"This child already has a referral to {values['pathway']} on {values['referral_date']:%-d %B %Y}"
