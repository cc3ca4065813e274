"""Quality checks on an EHC plan as it is written: plain data in, plain-English findings out.

Pure: no database, no dates of its own (the caller says what "today" and "when written" are).
plans.facts turns a stored version into these facts; the plan page shows the findings and
plans.measures counts them for the performance framework. Each check has a code, the section it
is about, and the reason it matters (reg 12; SEND Code of Practice chapter 9).
"""

import re
from dataclasses import dataclass
from datetime import date

from clock import within_months
from plans.codes import KEY_STAGE_ORDER, KNOWN_TO_SOCIAL_CARE, PFA_FROM_YEAR, PfaArea

HEALTH, SOCIAL_CARE = "health", "social_care"
ADVICE_MONTHS = 12  # advice older than this is not a current picture of the child (CoP 9.47, 9.179)
# Words that promise nothing anyone could check (CoP 9.69: provision "must be detailed and specific").
VAGUE = re.compile(
    r"\b(access to|opportunit(y|ies) (for|to)|as appropriate|where appropriate|as and when|regular(ly)?"
    r"|support as needed|as needed|as required|if needed|when needed)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Finding:
    code: str
    section: str  # "A" to "K"
    where: str  # the key of the item concerned, the missing area for preparing for adulthood, or ""
    message: str  # what is wrong, in plain English
    why: str  # why it matters


@dataclass(frozen=True)
class NeedFact:
    key: str
    section: str  # "B", "C" or "D"
    text: str = ""


@dataclass(frozen=True)
class OutcomeFact:
    key: str
    text: str = ""
    key_stage: str = ""
    pfa_area: str = ""
    need_keys: frozenset = frozenset()


@dataclass(frozen=True)
class ProvisionFact:
    key: str
    section: str  # "F", "G", "H1" or "H2"
    what: str = ""
    who: str = ""
    frequency: str = ""
    duration: str = ""
    need_keys: frozenset = frozenset()
    outcome_keys: frozenset = frozenset()


@dataclass(frozen=True)
class AdviceFact:
    adviser_type: str
    received_on: date | None


@dataclass(frozen=True)
class PlanFacts:
    today: date  # for where the child is now: year group and key stage
    written_on: date  # the issue date, or today for a draft: advice must be current then
    year_group: int
    key_stage: str
    social_care_status: str = ""
    needs: tuple = ()
    outcomes: tuple = ()
    provision: tuple = ()
    advice: tuple = ()
    named_setting: bool = False
    setting_type: str = ""
    pfa_reason: str = ""


# code -> (section, why): the catalogue the page, the measures and the tests read.
CHECKS = {
    "pfa_missing": (
        "E",
        "From Year 9 every plan prepares for adulthood: work, independent living, friends and "
        "community, and health (CoP 8.9).",
    ),
    "key_stage_left": (
        "E",
        "Outcomes should be for the stage the child is at now, so they stay within reach (CoP 9.66).",
    ),
    "health_advice_old": (
        "K",
        "Health advice more than 12 months old may not describe the child as they are now (CoP 9.47).",
    ),
    "health_advice_missing": ("K", "Health needs in section C must come from health advice (reg 6(1)(c))."),
    "social_care_advice_missing": (
        "K",
        "Social care must give advice when the child is known to them or has social care needs "
        "(reg 6(1)(e)).",
    ),
    "provision_no_frequency": (
        "F",
        "Provision must say how often, so everyone can tell whether it happens (CoP 9.69).",
    ),
    "provision_no_duration": ("F", "Provision must say for how long, so it is quantified (CoP 9.69)."),
    "provision_no_deliverer": (
        "F",
        "Provision must say who gives it, so someone is responsible for it (CoP 9.69).",
    ),
    "provision_vague": (
        "F",
        "Words like 'access to' or 'as appropriate' promise nothing that can be checked or enforced "
        "(CoP 9.69).",
    ),
    "provision_unlinked": (
        "F",
        "Each piece of help should meet a need or work towards an outcome: the golden thread.",
    ),
    "need_no_provision": ("B", "Every special educational need must be met by provision (reg 12(1)(f))."),
    "need_no_outcome": ("B", "Every need should lead to an outcome, so progress can be seen."),
    "outcome_no_need": ("E", "An outcome should say which need it addresses: the golden thread."),
    "no_base": ("I", "The plan must name the school or setting, or at least its type (reg 12(1)(i))."),
}


# What passing each check means, as the measures page says it.
PASSING = {
    "pfa_missing": "Year 9 and above: an outcome in each preparing for adulthood area",
    "key_stage_left": "No outcome set for a key stage the child has left",
    "health_advice_old": "Health advice under 12 months old when the plan was issued",
    "health_advice_missing": "Health advice where there are health needs",
    "social_care_advice_missing": "Social care advice where the child is known to social care",
    "provision_no_frequency": "Every provision item says how often",
    "provision_no_duration": "Every provision item says for how long",
    "provision_no_deliverer": "Every provision item says who gives it",
    "provision_vague": "No vague provision ('access to', 'as appropriate')",
    "provision_unlinked": "Every provision item linked to a need or outcome",
    "need_no_provision": "Every need in section B met by provision",
    "need_no_outcome": "Every need in section B leads to an outcome",
    "outcome_no_need": "Every outcome linked to a need",
    "no_base": "A school, setting or type of setting in section I",
}


def _finding(code, message, where="", section=None) -> Finding:
    default_section, why = CHECKS[code]
    return Finding(code, section or default_section, where, message, why)


def _short(text: str, limit=60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def check_preparing_for_adulthood(facts: PlanFacts) -> list[Finding]:
    if facts.year_group < PFA_FROM_YEAR or facts.pfa_reason.strip():
        return []
    covered = {o.pfa_area for o in facts.outcomes}
    return [
        _finding("pfa_missing", f"No outcome for preparing for adulthood: {area.label.lower()}", area.value)
        for area in PfaArea
        if area.value not in covered
    ]


def check_key_stages(facts: PlanFacts) -> list[Finding]:
    now = KEY_STAGE_ORDER.get(facts.key_stage, 0)
    return [
        _finding("key_stage_left", f"“{_short(o.text)}” is set for a key stage the child has left", o.key)
        for o in facts.outcomes
        if o.key_stage and KEY_STAGE_ORDER.get(o.key_stage, now) < now
    ]


def newest(facts, adviser_type):
    dates = [a.received_on for a in facts.advice if a.adviser_type == adviser_type and a.received_on]
    return max(dates, default=None)


def advice_is_current(received_on, on) -> bool:
    return received_on is not None and on <= within_months(received_on, ADVICE_MONTHS)


def check_advice(facts: PlanFacts) -> list[Finding]:
    findings = []
    health = newest(facts, HEALTH)
    if health is None and any(n.section == "C" for n in facts.needs):
        findings.append(
            _finding("health_advice_missing", "Section C has health needs but there is no health advice")
        )
    elif health is not None and not advice_is_current(health, facts.written_on):
        findings.append(
            _finding(
                "health_advice_old",
                f"The newest health advice is from {health:%-d %B %Y}, more than 12 months before the plan",
            )
        )
    known = facts.social_care_status in KNOWN_TO_SOCIAL_CARE
    if newest(facts, SOCIAL_CARE) is None and (known or any(n.section == "D" for n in facts.needs)):
        why = "the child is known to social care" if known else "section D has social care needs"
        findings.append(_finding("social_care_advice_missing", f"There is no social care advice, but {why}"))
    return findings


def check_provision(facts: PlanFacts) -> list[Finding]:
    findings = []
    for item in facts.provision:
        name = f"“{_short(item.what)}”"
        here = {"where": item.key, "section": item.section}
        if not item.frequency.strip():
            findings.append(_finding("provision_no_frequency", f"{name} does not say how often", **here))
        if not item.duration.strip():
            findings.append(_finding("provision_no_duration", f"{name} does not say for how long", **here))
        if not item.who.strip():
            findings.append(_finding("provision_no_deliverer", f"{name} does not say who gives it", **here))
        vague = VAGUE.search(" ".join((item.what, item.frequency, item.duration)))
        if vague:
            findings.append(
                _finding("provision_vague", f"{name} says “{vague.group(0)}”: say exactly what help", **here)
            )
        if not item.need_keys and not item.outcome_keys:
            findings.append(
                _finding("provision_unlinked", f"{name} is not linked to any need or outcome", **here)
            )
    return findings


def check_golden_thread(facts: PlanFacts) -> list[Finding]:
    findings = []
    provided = set().union(*(p.need_keys for p in facts.provision))
    aimed = set().union(*(o.need_keys for o in facts.outcomes))
    for need in facts.needs:
        if need.section != "B":
            continue
        if need.key not in provided:
            findings.append(
                _finding("need_no_provision", f"No provision meets the need “{_short(need.text)}”", need.key)
            )
        if need.key not in aimed:
            findings.append(
                _finding("need_no_outcome", f"No outcome addresses the need “{_short(need.text)}”", need.key)
            )
    findings += [
        _finding("outcome_no_need", f"“{_short(o.text)}” is not linked to a need", o.key)
        for o in facts.outcomes
        if not o.need_keys
    ]
    return findings


def check_base(facts: PlanFacts) -> list[Finding]:
    if facts.named_setting or facts.setting_type:
        return []
    return [_finding("no_base", "Section I names no school or setting, nor a type of setting")]


ALL_CHECKS = (
    check_golden_thread,
    check_preparing_for_adulthood,
    check_key_stages,
    check_provision,
    check_advice,
    check_base,
)


def findings(facts: PlanFacts) -> list[Finding]:
    """Every finding on the plan, in section order."""
    found = [f for check in ALL_CHECKS for f in check(facts)]
    order = {code: i for i, code in enumerate(CHECKS)}
    return sorted(found, key=lambda f: (SECTION_ORDER.get(f.section, 99), order[f.code]))


SECTION_ORDER = {s: i for i, s in enumerate(("A", "B", "C", "D", "E", "F", "G", "H1", "H2", "I", "J", "K"))}
