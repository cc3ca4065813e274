"""The checks the SEN2 return must pass before it goes to the DfE (STATUTORY_RULES.md, "The DfE SEN2
return"; DfE SEN2 validation rules). Pure: a collected return in, a list of issues out.

An error stops the return being accepted and must be fixed; a query is something the DfE will ask
about (the data may be right, but should be confirmed). Each issue names the child and links to the
page where it is fixed: the child's record, the case, or the plan.
"""

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from uuid import UUID

from django.core.exceptions import ValidationError
from django.urls import reverse

import clock
from people import codelists, crossfield
from people.validators import validate_upn
from performance.returns.sen2 import Person, Request, Sen2Return
from plans.codes import CeaseReason

ERROR, QUERY = "error", "query"
PLACEHOLDER = UUID(int=0)
SEX = {code for code, _ in codelists.SEX}
ETHNICITY = {code for code, _ in codelists.ETHNICITY}
UPN_UNKNOWN = {code for code, _ in codelists.UPN_UNKNOWN}
SEN_SETTING = {code for code, _ in codelists.SEN2_SETTING}
SEN_TYPE = {code for code, _ in codelists.SEN_TYPE}
REQUEST_SOURCE = {"1", "2", "3", "4", "5"}
REQUEST_OUTCOME = {"Y", "N", "A", "W", "H"}
ASSESSMENT_OUTCOME = {"Y", "N", "A", "W"}
REVIEW_OUTCOME = {"A", "C", "M"}
CEASE_REASON = set(CeaseReason.values)
NEEDS_NOTHING_MORE = {"W", "H"}  # a withdrawn or historical request
MAX_AGE = 25  # plans end at the end of the academic year a young person turns 25 (CFA s.46)


@dataclass(frozen=True)
class Issue:
    severity: str  # ERROR or QUERY
    code: str  # OpenSEND's name for the rule (not a DfE rule number)
    message: str
    child_id: object
    child_name: str
    fix_url: str
    fix_label: str

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR


class _Checker:
    def __init__(self, sen2: Sen2Return):
        self.sen2 = sen2
        self.issues: list[Issue] = []

    def add(self, severity, code, message, person: Person, *, fix=None):
        """`fix` (where to fix it) is a function, called only when there is an issue to fix."""
        url, label = fix() if fix else _child_fix(person)
        self.issues.append(Issue(severity, code, message, person.child_id, person.name, url, label))


def check(sen2: Sen2Return) -> list[Issue]:
    checker = _Checker(sen2)
    for person in sen2.persons:
        _check_person(checker, person)
        for request in person.requests:
            _check_request(checker, person, request)
    return checker.issues


@lru_cache(maxsize=8)
def _url_pattern(name: str) -> str:
    """The page's URL with a placeholder for the record's public_id: reverse() once, not per issue."""
    return reverse(name, args=[PLACEHOLDER])


def _url(name, public_id) -> str:
    return _url_pattern(name).replace(str(PLACEHOLDER), str(public_id))


def _child_fix(person):
    return _url("people:child_edit", person.child_id), "Change the child's details"


def _case_fix(request):
    return lambda: (_url("casework:case_detail", request.case_id), "Open the case")


def _plan_fix(plan):
    return lambda: (_url("plans:plan_detail", plan.plan_id), "Open the plan")


def _check_person(checker, person):
    add = checker.add
    if not (person.upn or person.uln or person.upn_unknown):
        add(ERROR, "no-identifier", "No UPN, ULN or reason they are unknown (UPNunknown)", person)
    if person.upn_unknown and (person.upn or person.uln):
        add(
            ERROR,
            "unknown-reason-not-needed",
            "A reason the UPN is unknown is given, but the child has a UPN or ULN",
            person,
        )
    if person.upn_unknown and not (person.upn or person.uln):
        # The reason against where the child is (people.crossfield, also on the child's form).
        problems = crossfield.upn_reason_problems(
            reason=person.upn_unknown,
            upn="",
            uln="",
            setting=person.setting,
            sen2_setting=person.sen2_setting,
        )
        for _field, message in problems:
            add(ERROR, "unknown-reason-contradicts", message, person)
    if person.upn_unknown and person.upn_unknown not in UPN_UNKNOWN:
        add(
            ERROR,
            "unknown-reason-code",
            f"UPNunknown '{person.upn_unknown}' is not a valid code (UN1 to UN10)",
            person,
        )
    if person.upn:
        try:
            validate_upn(person.upn)
        except ValidationError:
            add(ERROR, "upn-invalid", "The UPN is not valid: its check letter or format is wrong", person)
    if person.sex not in SEX:
        add(ERROR, "sex-code", f"Sex '{person.sex}' is not a valid code", person)
    if person.ethnicity not in ETHNICITY:
        add(ERROR, "ethnicity-code", f"Ethnicity '{person.ethnicity}' is not a valid code", person)
    elif person.ethnicity == "NOBT":
        add(QUERY, "ethnicity-not-obtained", "Ethnicity has not been obtained", person)
    if person.birth_date > checker.sen2.census_date:
        add(ERROR, "born-after-census", "The date of birth is after the census date", person)
    if not person.postcode:
        add(QUERY, "no-postcode", "No postcode", person)


def _check_new_plan_reported(checker, person, request: Request):
    """A plan first issued in the year the return reports came from a request in or near that
    year: reported as historical (H) it would not count among the year's new plans (the DfE counts
    new plans from the requests). Plans that moved in from another area are not new plans."""
    plan = request.assessment.named_plan if request.assessment else None
    sen2 = checker.sen2
    moved_in = request.active_plan is not None and (
        request.active_plan.transfer_la or request.active_plan.transfer_from
    )
    if plan is None or plan.start_date is None or moved_in:
        return
    if sen2.period_start <= plan.start_date <= sen2.period_end:
        checker.add(
            ERROR,
            "new-plan-without-request",
            f"The plan was first issued on {plan.start_date:%-d %B %Y}, in the year this return reports, "
            "but no request for assessment is recorded for it, so it would not count as a new plan: "
            "record the request it came from",
            person,
            fix=_plan_fix(plan),
        )


def _check_request(checker, person, request: Request):
    add = checker.add
    fix = _case_fix(request) if request.case_id else None
    census = checker.sen2.census_date
    if request.outcome not in REQUEST_OUTCOME:
        add(
            ERROR,
            "request-outcome-code",
            f"Request outcome '{request.outcome}' is not a valid code",
            person,
            fix=fix,
        )
    if request.outcome == "H":
        _check_new_plan_reported(checker, person, request)
    if request.outcome not in NEEDS_NOTHING_MORE:
        if request.received_date is None:
            add(ERROR, "no-received-date", "The date the request was received is missing", person, fix=fix)
        if request.source not in REQUEST_SOURCE:
            message = f"Request source '{request.source}' is not a valid code (1-5)"
            add(ERROR, "request-source-code", message, person, fix=fix)
    if request.outcome in ("Y", "N") and request.outcome_date is None:
        add(
            ERROR,
            "no-request-outcome-date",
            "A request decided Y or N needs the date of the decision",
            person,
            fix=fix,
        )
    if _before(request.outcome_date, request.received_date):
        add(
            ERROR,
            "request-outcome-before-received",
            "The request's outcome date is before it was received",
            person,
            fix=fix,
        )
    if _before(request.received_date, person.birth_date):
        add(
            ERROR,
            "request-before-birth",
            "The request was received before the child was born",
            person,
            fix=fix,
        )
    if _before(census, request.received_date) or _before(census, request.outcome_date):
        add(ERROR, "request-after-census", "A request date is after the census date", person, fix=fix)
    if request.assessment is not None:
        _check_assessment(checker, person, request, fix)
    if request.active_plan is not None:
        _check_active_plan(checker, person, request)
    _check_2026_items(checker, person, request, fix)


def _check_assessment(checker, person, request, fix):
    add = checker.add
    assessment = request.assessment
    if request.outcome not in ("Y", "H"):
        add(
            ERROR,
            "assessment-without-agreement",
            "An assessment is reported, but the request was not agreed (Y)",
            person,
            fix=fix,
        )
    if assessment.outcome not in ASSESSMENT_OUTCOME:
        add(
            ERROR,
            "assessment-outcome-code",
            f"Assessment outcome '{assessment.outcome}' is not a valid code",
            person,
            fix=fix,
        )
    if assessment.outcome in ("Y", "N") and assessment.outcome_date is None:
        add(
            ERROR,
            "no-assessment-outcome-date",
            "An assessment decided Y or N needs its outcome date",
            person,
            fix=fix,
        )
    if request.outcome != "H" and _before(assessment.outcome_date, request.outcome_date):
        add(
            ERROR,
            "assessment-before-decision",
            "The assessment outcome is dated before the decision to assess",
            person,
            fix=fix,
        )
    plan = assessment.named_plan
    if plan is None:
        return
    plan_fix = _plan_fix(plan)
    if plan.start_date is None:
        add(ERROR, "no-plan-start", "The plan has no start (issue) date", person, fix=plan_fix)
    if plan.cease_date and not plan.cease_reason:
        add(
            ERROR,
            "no-cease-reason",
            "The plan has a cease date but no reason it ceased",
            person,
            fix=plan_fix,
        )
    if plan.cease_reason and not plan.cease_date:
        add(ERROR, "no-cease-date", "The plan has a reason it ceased but no cease date", person, fix=plan_fix)
    if plan.cease_reason and plan.cease_reason not in CEASE_REASON:
        message = f"Cease reason '{plan.cease_reason}' is not a valid code (1-9)"
        add(ERROR, "cease-reason-code", message, person, fix=plan_fix)
    if _before(plan.cease_date, plan.start_date):
        add(ERROR, "ceased-before-start", "The plan ceased before it started", person, fix=plan_fix)
    if plan.direct_payments and not plan.personal_budget:
        add(
            QUERY,
            "direct-payments-without-budget",
            "Direct payments are recorded without a personal budget",
            person,
            fix=plan_fix,
        )


def _check_active_plan(checker, person, request):
    add = checker.add
    active = request.active_plan
    census = checker.sen2.census_date
    if not active.placements:
        add(
            ERROR,
            "no-placement",
            "The plan has no placement: a school by URN or UKPRN, or a setting code",
            person,
        )
    for placement in active.placements:
        if not (placement.urn or placement.ukprn or placement.setting_code):
            add(ERROR, "placement-unidentified", "A placement has no URN, UKPRN or setting code", person)
        if placement.setting_code and placement.setting_code not in SEN_SETTING:
            add(ERROR, "setting-code", f"Setting code '{placement.setting_code}' is not valid", person)
        if _before(placement.leaving_date, placement.entry_date):
            add(ERROR, "placement-dates", "A placement's leaving date is before its start date", person)
    ranks = [need.rank for need in active.needs]
    if 1 not in ranks:
        add(ERROR, "no-primary-need", "The plan has no primary need (SEN type, rank 1)", person)
    if ranks.count(1) > 1 or ranks.count(2) > 1:
        add(ERROR, "need-rank-repeated", "More than one need has the same rank", person)
    for need in active.needs:
        if need.sen_type not in SEN_TYPE:
            add(ERROR, "sen-type-code", f"SEN type '{need.sen_type}' is not a valid code", person)
    if active.review_outcome and active.review_outcome not in REVIEW_OUTCOME:
        add(
            ERROR,
            "review-outcome-code",
            f"Review outcome '{active.review_outcome}' is not valid (A, C, M)",
            person,
        )
    if active.review_outcome and active.last_review is None:
        add(ERROR, "no-review-date", "A review decision is given without its date", person)
    if _before(active.last_review, active.review_meeting):
        add(ERROR, "review-before-meeting", "The review decision is dated before the review meeting", person)
    if _before(active.review_draft, active.review_meeting):
        message = "The draft amended plan (ReviewDraft) is dated before the review meeting"
        add(ERROR, "draft-before-meeting", message, person)
    if active.place_unknown:
        add(
            QUERY,
            "place-on-census-day",
            "The child started at their current school after the census day, and the record does "
            "not say where they were on it: the placement reported is the current one, without its "
            "start date; confirm it",
            person,
        )
    if active.transfer_from:
        add(QUERY, "transfer-la-code", "The area the plan came from has no 3-digit LA code", person)
    plan = request.assessment.named_plan if request.assessment else None
    last = active.review_meeting or (plan.start_date if plan else None)
    if last is not None and clock.within_months(last, 12) < census:
        add(QUERY, "review-overdue", "No annual review within 12 months before the census date", person)
    if date(census.year - MAX_AGE - 1, 9, 1) > person.birth_date:
        add(QUERY, "over-25", "The young person is over 25 and still has a live plan", person)


OTHER_SETTINGS = {"OTH", "NIEO"}  # SENSettingOther says what the arrangement is
LA_CODE = re.compile(r"^\d{3}$")


def _age_on(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _check_2026_items(checker, person, request: Request, fix):
    """The rules on the items the 2026 guide added, and on the settings they describe."""
    add, sen2 = checker.add, checker.sen2
    if (
        request.in_youth_accommodation
        and request.received_date
        and _age_on(person.birth_date, request.received_date) >= 18
    ):
        add(
            QUERY,
            "rya-over-18",
            "The request is marked as made in relevant youth accommodation (RYA), but the young "
            "person was 18 or over: the detained persons rules apply to those under 18",
            person,
        )
    if request.exported_to_area:
        add(
            ERROR, "exported-la-code", "The area the child moved to has no 3-digit LA code (Exported)", person
        )
    if request.exported_to and not LA_CODE.match(request.exported_to):
        add(ERROR, "exported-la-code", f"Exported '{request.exported_to}' is not a 3-digit LA code", person)
    if request.exported_to and request.exported_to == sen2.la_code:
        add(ERROR, "exported-own-area", "Exported names this area: the move must be to another area", person)
    assessment = request.assessment
    if request.exported_to and assessment and assessment.outcome in ("Y", "N") and request.outcome != "H":
        add(
            ERROR,
            "exported-after-assessment",
            "Exported is only for a child who moved before the assessment was completed",
            person,
            fix=fix,
        )
    if assessment is not None and assessment.week20 and assessment.outcome not in ("Y", "N"):
        add(
            ERROR,
            "week20-without-outcome",
            "Week20 is set, but no plan was issued or refused",
            person,
            fix=fix,
        )
    plan = assessment.named_plan if assessment else None
    if plan is not None:
        _check_named_plan_2026(checker, person, plan)
    if request.active_plan is not None:
        active = request.active_plan
        if active.transfer_la and active.transfer_la == sen2.la_code:
            add(
                ERROR, "transfer-own-area", "TransferLA names this area: a plan moves in from another", person
            )
        for placement in active.placements:
            _check_placement(checker, person, placement, fix=None, census=sen2.census_date)
        if any(p.setting_code == "NIEC" for p in active.placements) and active.review_outcome != "C":
            add(
                QUERY,
                "niec-without-cease",
                "The setting is NIEC (not in education or training: notice to cease issued), but no "
                "decision to cease the plan is recorded by the census date: if a placement is awaited, "
                "the setting is NIEO",
                person,
                fix=lambda: _child_fix(person),
            )


def _check_named_plan_2026(checker, person, plan):
    add, plan_fix = checker.add, _plan_fix(plan)
    census = checker.sen2.census_date
    if plan.organised_arrangements and not plan.personal_budget:
        add(
            QUERY,
            "organised-arrangements-without-budget",
            "Organised arrangements (OA) are recorded without a personal budget taken up (PB)",
            person,
            fix=plan_fix,
        )
    if plan.start_date and _before(plan.start_date, person.birth_date):
        add(ERROR, "plan-before-birth", "The plan starts before the child was born", person, fix=plan_fix)
    if plan.start_date and _before(census, plan.start_date):
        add(ERROR, "plan-after-census", "The plan starts after the census date", person, fix=plan_fix)
    if plan.work_based and _age_on(person.birth_date, plan.start_date or census) < 16:
        add(
            QUERY,
            "work-based-under-16",
            "The plan names work-based learning (PlanWBP) for a child under 16",
            person,
            fix=plan_fix,
        )
    if plan.named_setting is not None:
        _check_placement(checker, person, plan.named_setting, fix=plan_fix, census=census)


def _check_placement(checker, person, placement, *, fix, census):
    """PlanDetail and PlacementDetail: what the setting is, and its indicators."""
    add = checker.add
    fix = fix or (lambda: _child_fix(person))
    if placement.setting_code in OTHER_SETTINGS and not placement.setting_other:
        add(
            ERROR,
            "no-setting-other",
            f"The setting is '{placement.setting_code}' but what the arrangement is (SENSettingOther) "
            "is not recorded",
            person,
            fix=fix,
        )
    if placement.setting_other and placement.setting_code not in OTHER_SETTINGS:
        add(
            ERROR,
            "setting-other-not-needed",
            "SENSettingOther is only for an 'Other' or 'Not in education or training: other' setting",
            person,
            fix=fix,
        )
    if placement.sen_unit and placement.resourced_provision:
        message = "A place is marked both in an SEN unit and in resourced provision: it is one or the other"
        add(ERROR, "unit-and-resourced", message, person, fix=fix)
    if (placement.sen_unit or placement.resourced_provision) and not placement.urn:
        message = "An SEN unit or resourced provision place needs the school's URN"
        add(ERROR, "unit-without-school", message, person, fix=fix)
    if placement.entry_date and _before(census, placement.entry_date):
        add(ERROR, "placement-after-census", "The placement starts after the census date", person, fix=fix)
    if placement.work_based and _age_on(person.birth_date, census) < 16:
        message = "Work-based learning (WBP) is recorded for a child under 16"
        add(QUERY, "work-based-under-16", message, person, fix=fix)


def _before(later: date | None, earlier: date | None) -> bool:
    """True when both dates are known and `later` comes before `earlier`."""
    return later is not None and earlier is not None and later < earlier
