"""Demo values for the fields the statutory returns need (SEN2, Ofsted Annex A).

Drawn from a random stream of their own (seeded from the demo seed), so adding them leaves every
other choice the demo generator makes, and so the rest of the demo area, exactly as it was.
Proportions are round national figures: about 1 in 12 pupils with a plan suspended in a year,
1 in 4 eligible for the pupil premium, absence of 8 to 10% of sessions.
"""

import random
from datetime import date, timedelta

from core import dates

SOCIAL_CARE_TEAMS = {
    "CIN": "cin",
    "CP": "child_protection",
    "LAC": "children_in_care",
    "CL": "leaving_care",
}
# Where a child with no school or college is (SEN2 SENSetting), by age band.
NO_SETTING_UNDER_5 = ["EYP", "EYP", "OTH"]
NO_SETTING_SCHOOL_AGE = ["EHE", "EHE", "OLA", "OLA", "OPA", "NIEC", "NIEO"]
NO_SETTING_POST_16 = ["NEET", "NEET", "OTH", "NIEO"]


def add_return_fields(context, children) -> None:
    """Set the return fields on unsaved `children` (before bulk_create)."""
    rng = random.Random(f"statutory-returns-{context.data.get('seed', 0)}")
    today = context.today
    for child in children:
        _fill(rng, child, today)


def _fill(rng: random.Random, child, today: date) -> None:
    age = dates.age_on(child.date_of_birth, today)
    if not child.upn and not child.uln:
        if age >= 16 and rng.random() < 0.6:
            child.uln = _uln(rng)
        elif rng.random() < 0.97:  # a few left blank: the return's checks find them
            child.upn_unknown_reason = _unknown_reason(rng, age)
    if child.setting is None:
        bands = NO_SETTING_UNDER_5 if age < 5 else NO_SETTING_SCHOOL_AGE if age < 16 else NO_SETTING_POST_16
        child.sen2_setting = rng.choice(bands)
    else:
        start = dates.academic_year_start(today) - rng.randint(0, 4)
        child.setting_started_on = min(date(start, 9, 1) + timedelta(days=rng.randint(0, 20)), today)
    school_age = 5 <= age < 16 and child.setting is not None
    if school_age:
        plan = child.sen_provision == "E"
        if rng.random() < (0.09 if plan else 0.06):
            child.suspensions = rng.choice([1, 1, 1, 2, 2, 3, 4])
        else:
            child.suspensions = 0
        child.permanent_exclusions = 1 if rng.random() < 0.003 else 0
        child.absence_percent = round(rng.uniform(2, 14) if rng.random() < 0.8 else rng.uniform(14, 45), 1)
        child.pupil_premium = rng.random() < 0.38
    child.social_care_team = SOCIAL_CARE_TEAMS.get(child.social_care_status, "")
    if child.social_care_status == "CIN" and child.sen_provision == "E" and rng.random() < 0.5:
        child.social_care_team = "disabled_children"
    child.disability = "Y" if rng.random() < (0.7 if child.sen_provision == "E" else 0.2) else "N"


def _unknown_reason(rng: random.Random, age: int) -> str:
    if age < 6:
        return "UN1"
    return rng.choice(["UN2", "UN2", "UN3", "UN5", "UN6", "UN8", "UN9", "UN10"])


def _uln(rng: random.Random) -> str:
    """A ULN-shaped number: 10 digits, the first not 0 (people.validators.validate_uln)."""
    return str(rng.randint(1_000_000_000, 9_999_999_999))
