"""Checks across the fields of a child's record that each field alone cannot make: the reason a
child has no UPN against where they are (DfE common basic data set, "UPN unknown", UN1-UN10; SEN2
guide). One home for the rule: the child's form (people.forms) and the SEN2 return's checks
(performance.returns.sen2_checks) both ask here.
"""

# State-funded schools give every pupil a UPN (DfE UPN guidance), so a pupil on the roll of one
# has a UPN to record, whatever the reason says. Early years settings, colleges and independent
# schools need not issue one.
UPN_SCHOOL_TYPES = frozenset({"mainstream", "special", "resourced", "pru"})
# A school in another area is state-funded, so gives UPNs, when GIAS's type of establishment says so
# (its maintained schools, academies and free schools); independent and non-maintained ones need not.
STATE_FUNDED_ESTABLISHMENTS = frozenset(
    {
        "Community school", "Voluntary aided school", "Voluntary controlled school", "Foundation school",
        "Community special school", "Foundation special school", "Pupil referral unit",
        "City technology college", "Academy converter", "Academy sponsor led",
        "Academy special converter", "Academy special sponsor led",
        "Academy alternative provision converter", "Academy alternative provision sponsor led",
        "Free schools", "Free schools special", "Free schools alternative provision",
        "University technical college", "Studio schools",
    }
)  # fmt: skip
NOT_IN_EDUCATION = frozenset({"NEET", "NIEC", "NIEO"})
ABROAD = frozenset({"UN3", "UN4"})  # lives abroad; has moved abroad
NEVER_AT_SCHOOL = frozenset({"UN1", "UN2", "UN8"})  # not yet attended; never attended in England


def at_upn_school(setting) -> bool:
    if setting is None or not setting.urn:
        return False
    if setting.setting_type == "out_of_area":
        return getattr(setting, "establishment_type", "") in STATE_FUNDED_ESTABLISHMENTS
    return setting.setting_type in UPN_SCHOOL_TYPES


def upn_reason_problems(*, reason: str, upn: str, uln: str, setting, sen2_setting: str) -> list:
    """(field, message) for each contradiction between the UPN-unknown reason and the rest of
    the record; none when the reason is blank."""
    if not reason:
        return []
    if upn or uln:
        return [("upn_unknown_reason", "Leave this blank: the child has a UPN or ULN")]
    problems = []
    if at_upn_school(setting):
        problems.append(
            (
                "upn_unknown_reason",
                f"{setting.name} (URN {setting.urn}) gives its pupils a UPN: enter the child's UPN "
                "and leave the reason blank",
            )
        )
    if not at_upn_school(setting) and _contradicts_never_attended(reason, setting):
        problems.append(
            (
                "upn_unknown_reason",
                f"{reason} says the child has not attended a school or college in England, "
                f"but they are at {setting.name}",
            )
        )
    if reason in ABROAD and setting is not None:
        problems.append(
            ("upn_unknown_reason", f"{reason} says the child lives abroad, but they are at {setting.name}")
        )
    if reason == "UN9" and sen2_setting in NOT_IN_EDUCATION:
        problems.append(
            (
                "upn_unknown_reason",
                "UN9 is for a child in education or training, but they are recorded as not in education",
            )
        )
    return problems


def _contradicts_never_attended(reason: str, setting) -> bool:
    """UN1/UN2/UN8 say the child has not attended a school (UN8: nor a college) in England."""
    if setting is None or reason not in NEVER_AT_SCHOOL:
        return False
    if setting.setting_type == "post16":
        return reason == "UN8" and bool(setting.ukprn or setting.urn)
    return bool(setting.urn) and setting.setting_type != "early_years"
