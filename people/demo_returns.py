"""Demo values for the fields the statutory returns need (SEN2, Ofsted Annex A).

Drawn from a random stream of their own (seeded from the demo seed), so adding them leaves every
other choice the demo generator makes, and so the rest of the demo area, exactly as it was.
Proportions are round national figures: about 1 in 12 pupils with a plan suspended in a year,
1 in 4 eligible for the pupil premium, absence of 8 to 10% of sessions.

Identifiers are as real records hold them (Ofsted's Annex A, validator rules 107/207): a UPN stays
with a pupil for life (DfE UPN guidance), so a child of school age at an independent school, or
educated at home or otherwise, carries the UPN of the state school they were at before; a young
person of 16 or over has a ULN (Learning Records Service). Only a child under compulsory school age
who has never been at a state school may have neither, with the reason (UN1-UN10).
A child of school age with no school is educated "otherwise" (Education Act 1996 s.7): at home, or
by arrangements the area (CFA 2014 s.61) or the family make; never left out of education in the demo.
"""

import random
from datetime import date, timedelta

from clock import dates
from people import crossfield
from people.validators import upn_check_letter

SOCIAL_CARE_TEAMS = {
    "CIN": "cin",
    "CP": "child_protection",
    "LAC": "children_in_care",
    "CL": "leaving_care",
}
# Where a child with no school or college is (SEN2 SENSetting), by age band.
NO_SETTING_UNDER_5 = ["EYP", "EYP", "OTH"]
NO_SETTING_SCHOOL_AGE = ["EHE", "EHE", "OLA", "OLA", "OPA"]
COMPULSORY_SCHOOL_AGE = 5  # from here a child has been at school (or is educated otherwise)
NO_SETTING_POST_16 = ["NEET", "NEET", "OTH", "NIEO"]
# SEN2 SENSettingOther: what an "Other" or "Not in education or training: other" arrangement is.
OTHER_ARRANGEMENTS = {
    "OTH": [
        "Hospital education service",
        "Tuition at home arranged with health",
        "Specialist unit in a hospital",
    ],
    "NIEO": [
        "Moved in with a plan, awaiting a placement",
        "Awaiting a placement after a move",
        "Medical absence",
    ],
}


def add_return_fields(context, children) -> None:
    """Set the return fields on unsaved `children` (before bulk_create)."""
    rng = random.Random(f"statutory-returns-{context.data.get('seed', 0)}")
    today = context.today
    upns = {child.upn for child in children if child.upn}
    primaries = [s for s in context.data.get("settings", []) if s.phase == "primary" and s.in_area]
    for child in children:
        _fill(rng, child, today, upns, primaries)
    places = random.Random(f"earlier-places-{context.data.get('seed', 0)}")
    settings = context.data.get("settings", [])
    for child in children:
        _earlier_place(places, child, today, settings)


# The kinds of setting a child is likeliest to have come from, by the kind they are at now (those
# that took their year group last year): a placement at an independent or out-of-area special school
# follows a state school's; a Reception starter comes from a nursery; a young adult from a college.
CAME_FROM = {
    "mainstream": ("mainstream", "resourced", "early_years"),
    "resourced": ("mainstream", "resourced", "early_years"),
    "special": ("special", "mainstream", "resourced", "early_years"),
    "out_of_area": ("special", "mainstream"),
    "independent": ("special", "mainstream", "resourced", "post16"),
    "pru": ("mainstream", "resourced"),
    "post16": ("mainstream", "resourced", "special", "post16", "independent"),
    "early_years": ("early_years",),
}


def _fits(setting, year: int) -> bool:
    """Statutory ages are "from" and "to": Reception (year 0) starts at 4 (people.demo)."""
    return setting.statutory_low_age <= year + 4 and year + 5 <= setting.statutory_high_age


def _earlier_place(rng: random.Random, child, today: date, settings: list) -> None:
    """A child who started at their setting this academic year was somewhere before: the setting
    they came from and when they started there, as `child.earlier_place` (people.demo writes it as
    the record's history, so the SEN2 census reads where they were on its day)."""
    started = child.setting_started_on
    if child.setting is None or started is None or started.year < dates.academic_year_start(today):
        return
    year = child.year_group(today) - 1
    kinds = CAME_FROM.get(child.setting.setting_type, ())
    choices = [s for s in settings if s is not child.setting and s.setting_type in kinds and _fits(s, year)]
    if not choices:
        return  # too young to have been anywhere
    setting = rng.choice(choices)
    back = rng.randint(1, 3)
    while back > 1 and not _fits(setting, year - back + 1):
        back -= 1  # not before the setting takes their year group
    child.earlier_place = (setting, date(started.year - back, 9, 1) + timedelta(days=rng.randint(0, 20)))


def _fill(rng: random.Random, child, today: date, upns: set, primaries: list) -> None:
    age = dates.age_on(child.date_of_birth, today)
    if not child.upn and not child.uln and crossfield.at_upn_school(child.setting):
        child.upn = _school_upn(rng, child.setting, upns)  # state schools give every pupil one
    if not child.upn and not child.uln:
        if age >= 16:  # every learner has a ULN from 14 (the Learning Records Service)
            child.uln = _uln(rng)
        elif age >= COMPULSORY_SCHOOL_AGE:  # the UPN their earlier state school gave them
            child.upn = _school_upn(rng, rng.choice(primaries), upns) if primaries else _area_upn(rng, upns)
        else:  # SEN2 needs one of a UPN, a ULN or the reason neither is known
            child.upn_unknown_reason = _unknown_reason(rng, age, child.setting)
    if child.setting is None:
        bands = NO_SETTING_UNDER_5 if age < 5 else NO_SETTING_SCHOOL_AGE if age < 16 else NO_SETTING_POST_16
        child.sen2_setting = rng.choice(bands)
        if child.sen2_setting in OTHER_ARRANGEMENTS:
            child.sen2_setting_other = rng.choice(OTHER_ARRANGEMENTS[child.sen2_setting])
    else:
        start = dates.academic_year_start(today) - rng.randint(0, 4)
        if child.setting.setting_type == "resourced" and child.sen_provision == "E":
            # Most pupils with a plan at a resourced school have their place in its unit or base.
            child.specialist_provision = rng.choice(["sen_unit", "resourced", "resourced", ""])
        child.setting_started_on = min(date(start, 9, 1) + timedelta(days=rng.randint(0, 20)), today)
        plan = child.sen_provision == "E"
        kind = child.setting.setting_type
        # A few boarding places at special and independent schools, and work-based learning
        # (supported internships, apprenticeships) for young people at college.
        child.residential_placement = plan and kind in ("special", "independent") and rng.random() < 0.08
        child.work_based_learning = plan and kind == "post16" and age >= 17 and rng.random() < 0.06
    if 14 <= age < 19 and rng.random() < 0.004:
        # Detained in youth accommodation for a spell in the last two years (SEN2 RYA).
        start = today - timedelta(days=rng.randint(60, 700))
        child.detained_from = start
        child.detained_until = min(start + timedelta(days=rng.randint(30, 200)), today)
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


def _unknown_reason(rng: random.Random, age: int, setting) -> str:
    """A reason that fits where the child is (people.crossfield holds the rules)."""
    if setting is not None:  # an early years setting, a college or an independent school
        return "UN1" if age < 6 and setting.setting_type == "early_years" else rng.choice(["UN9", "UN10"])
    if age < 6:
        return "UN1"
    return rng.choice(["UN2", "UN2", "UN3", "UN5", "UN6", "UN8", "UN10"])


def _school_upn(rng: random.Random, setting, upns: set) -> str:
    """A UPN as the school would issue it: its LA number and establishment number, the year, a
    serial (STATUTORY_RULES.md, "Identifiers")."""
    la_code = setting.la_code if (setting.la_code or "").isdigit() and len(setting.la_code) == 3 else "999"
    while True:
        body = f"{la_code}{setting.urn % 10000:04d}{rng.randint(10, 25):02d}{rng.randint(0, 999):03d}"
        upn = upn_check_letter(body) + body
        if upn not in upns:
            upns.add(upn)
            return upn


def _area_upn(rng: random.Random, upns: set) -> str:
    """A UPN from one of the area's primary schools, when their list is not to hand."""
    while True:
        body = f"999{2001 + rng.randint(0, 149):04d}{rng.randint(10, 25):02d}{rng.randint(0, 999):03d}"
        upn = upn_check_letter(body) + body
        if upn not in upns:
            upns.add(upn)
            return upn


def _uln(rng: random.Random) -> str:
    """A ULN-shaped number: 10 digits, the first not 0 (people.validators.validate_uln)."""
    return str(rng.randint(1_000_000_000, 9_999_999_999))
