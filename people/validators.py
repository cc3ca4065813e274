"""Identifier checks: UPN check letter, NHS number modulus 11, ULN and postcode formats; and the
one check of a plausible date of birth (people forms, imports, the API and the portal request).

Each returns the normalised value or raises ValidationError with a message a person can act on.
"""

import re
from datetime import date

from django.core.exceptions import ValidationError

from clock import dates

UPN_ALPHABET = "ABCDEFGHJKLMNPQRTUVWXYZ"
UPN_PATTERN = re.compile(r"^[A-Z]\d{11}[0-9A-Z]$")
POSTCODE_PATTERN = re.compile(r"^([A-Z]{1,2}\d[A-Z\d]?) ?(\d[A-Z]{2})$")


def upn_check_letter(upn_body: str) -> str:
    """The check letter for characters 2-13 of a UPN (DfE "Unique Pupil Numbers" guidance):
    each character's value times its position (2-13), summed, mod 23, onto UPN_ALPHABET. A letter
    in the last place (a temporary UPN) counts as its index in that alphabet."""
    total = 0
    for position, char in enumerate(upn_body, start=2):
        value = UPN_ALPHABET.index(char) if char.isalpha() else int(char)
        total += value * position
    return UPN_ALPHABET[total % 23]


def validate_upn(value: str) -> str:
    upn = (value or "").strip().upper().replace(" ", "")
    if not UPN_PATTERN.match(upn) or (upn[-1].isalpha() and upn[-1] not in UPN_ALPHABET):
        raise ValidationError(
            "Enter a UPN in the correct format, like B801200005001: a letter then 12 characters",
            code="upn_format",
        )
    if upn_check_letter(upn[1:]) != upn[0]:
        raise ValidationError(
            "Enter a valid UPN: the check letter does not match the rest of the number",
            code="upn_check",
        )
    return upn


def nhs_check_digit(first_nine: str) -> int | None:
    """Modulus 11 check digit (NHS Data Dictionary): weights 10 down to 2; 11 becomes 0;
    10 means no valid number has these first nine digits."""
    total = sum(int(d) * w for d, w in zip(first_nine, range(10, 1, -1), strict=True))
    check = 11 - (total % 11)
    if check == 11:
        return 0
    if check == 10:
        return None
    return check


def validate_nhs_number(value: str) -> str:
    digits = re.sub(r"[\s-]", "", value or "")
    if not re.fullmatch(r"\d{10}", digits):
        raise ValidationError("Enter an NHS number with 10 digits", code="nhs_format")
    if nhs_check_digit(digits[:9]) != int(digits[9]):
        raise ValidationError(
            "Enter a valid NHS number: the last digit does not match the others", code="nhs_check"
        )
    return digits


def validate_uln(value: str) -> str:
    digits = (value or "").strip()
    if not re.fullmatch(r"\d{10}", digits):
        raise ValidationError("Enter a ULN with 10 digits", code="uln_format")
    return digits


def normalise_postcode(value: str) -> str:
    compact = re.sub(r"\s+", "", (value or "").upper())
    match = POSTCODE_PATTERN.match(compact)
    if not match:
        raise ValidationError("Enter a real postcode, like BD1 1HY", code="postcode")
    return f"{match.group(1)} {match.group(2)}"


EARLIEST_BIRTH = date(1990, 1, 1)  # no one born before this is still within the SEND system's 0 to 25
NEW_REQUEST_MAX_AGE = 25  # an EHC needs assessment is for children and young people up to 25


def validate_date_of_birth(born: date, *, new_request: bool = False, today: date | None = None) -> date:
    """Refuse an implausible date of birth: in the future, before 1990, or (for a new record or
    request) someone over 25. A typo here could otherwise put a record past retention."""
    today = today or dates.today()
    if born > today:
        raise ValidationError("Date of birth must be today or in the past")
    if born < EARLIEST_BIRTH:
        raise ValidationError(f"Date of birth must be on or after {EARLIEST_BIRTH:%-d %B %Y}")
    if new_request and dates.age_on(born, today) > NEW_REQUEST_MAX_AGE:
        raise ValidationError(
            f"Date of birth must be for someone aged {NEW_REQUEST_MAX_AGE} or under: "
            "check the year"
        )
    return born
