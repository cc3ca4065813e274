"""The DfE SEN2 person-level return for one census date (STATUTORY_RULES.md, "The DfE SEN2 return").

The census is in January; the return reports the calendar year before it (the "period"): requests
received in it or still open at its start, and every plan live on the census date or ceased in the
period. Collected in six queries however large the area (plans and cases, each with its child and
settings; case events; exceptions; reviews; transfers in), then assembled in plain Python.

How OpenSEND's records map onto the return:
- a request is an AssessmentCase; its outcome comes from the case events up to the census date
  (decided to assess Y, not to assess N, withdrawn before a decision W, otherwise A);
- its Assessment: final plan issued Y (dated the issue), decided not to issue N, withdrawn W,
  otherwise A; `Week20` is 1 when the clock engine finds an exception that applies to the 20-week
  limit (clock, reg 10(4));
- a live plan made before OpenSEND, or by a request outside the period, is reported under a
  historical request (outcome H), which needs nothing more (its ActivePlans carry the plan);
- NamedPlan: the plan's first issue date, section J flags from its latest issued version, and its
  cease date and SEN2 reason (plans.codes.CeaseReason);
- ActivePlans: the transfer-in LA, the placement (the child's school or college by URN or UKPRN,
  or a SEN2 setting code), SEN needs ranked 1 and 2, and the latest annual review.
- Mediation and tribunal flags: from the engagement app's records linked to the case
  (engagement.queries.sen2_flags): mediation held, or an appeal registered, by the census date,
  against the decision not to assess (the request's flags), the decision not to issue (the
  assessment's) or anything else, such as what the issued plan says (OtherMediation, OtherTribunal).

The 2026 items (DfE module layout: Requests RYA and Exported; Assessment OtherMediation and
OtherTribunal; NamedPlan PlanRes, PlanWBP, OA; PlanDetail and PlacementDetail SENSettingOther and
SENunitIndicator; PlacementDetail RES and WBP), each from the record:
- RYA: the request was received while the child was detained in relevant youth accommodation
  (people.Child detained_from/detained_until);
- Exported: the child moved out of the area (reviews.Transfer, out) before the assessment was
  completed; the new area's 3-digit LA code;
- PlanRes, PlanWBP, OA: the latest issued version's section I and J (plans.PlanVersion);
- SENSettingOther: the child's description of an "Other" arrangement, or, for a plan naming only a
  type of setting (SENSetting OTH), that type;
- RES, WBP: the child's place is residential, or is work-based learning (people.Child).
Active plans, as the DfE's person-level template (layout v1.3 on) has them: ReviewMeeting,
ReviewOutcome, ReviewDraft ("date draft amended EHC plan issued": the review's proposals sent),
PhaseTransferDueDate ("due date for any amended plan") and PhaseTransferFinalDate ("final plan
date": the review's amended plan issued), LastReview (the decision's date).
"""

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Max, Q

import clock
from casework.models import AssessmentCase, CaseEvent, CaseExceptionRecord, RequestSource
from clock import dates
from clock.case_events import EventKind
from clock.reviews import ReviewEventKind
from engagement import queries as disagreements
from people import codelists
from people.models import Child
from performance.returns.sen2_rows import CASE_FIELDS, PLAN_FIELDS, SETTING_FIELDS, _rows, _setting
from plans.models import EHCPlan
from reviews.models import AnnualReview, Decision, Direction, Transfer

K = EventKind
SETTING_TYPES = dict(codelists.SETTING_TYPE)
REVIEW_OUTCOME = {Decision.AMEND: "A", Decision.CEASE: "C", Decision.MAINTAIN: "M"}
# Only the events the return reads, and the ones the clock needs to judge the 20-week step.
NEEDED_EVENTS = frozenset(
    {K.REQUEST_RECEIVED, K.DECIDED_TO_ASSESS, K.DECIDED_NOT_TO_ASSESS, K.DECIDED_NOT_TO_ISSUE}
    | {K.FINAL_ISSUED, K.WITHDRAWN, K.DRAFT_SERVED, K.DECIDED_TO_ISSUE}
    # The advice requests date a school closure's window (reg 10(4)(a)) for `Week20`.
    | {K.ADVICE_REQUESTED}
)
KINDS = {kind.value: kind for kind in K}
REASONS = {reason.value: reason for reason in clock.ExceptionReason}
LA_CODE = re.compile(r"\b(\d{3})\b")


@dataclass
class Need:
    sen_type: str
    rank: int


@dataclass
class Placement:
    urn: str = ""
    ukprn: str = ""
    setting_code: str = ""
    rank: int = 1
    entry_date: date | None = None
    leaving_date: date | None = None
    sen_unit: bool = False
    resourced_provision: bool = False
    setting_other: str = ""  # SENSettingOther
    residential: bool = False  # RES (placements only)
    work_based: bool = False  # WBP (placements only)


@dataclass
class ActivePlan:
    transfer_la: str = ""
    transfer_from: str = ""  # the other area as recorded, when it carries no LA code
    placements: list[Placement] = field(default_factory=list)
    needs: list[Need] = field(default_factory=list)
    review_meeting: date | None = None
    review_outcome: str = ""
    review_draft: date | None = None  # ReviewDraft: the draft amended plan sent after the review
    last_review: date | None = None
    phase_transfer_due: date | None = None
    phase_transfer_final: date | None = None  # PhaseTransferFinalDate: the final amended plan
    place_unknown: bool = False  # the school now was started after the census day


@dataclass
class NamedPlan:
    plan_id: object  # the plan's public_id, for the link to fix
    start_date: date | None
    personal_budget: bool = False
    direct_payments: bool = False
    organised_arrangements: bool = False  # OA
    residential: bool = False  # PlanRes
    work_based: bool = False  # PlanWBP
    cease_date: date | None = None
    cease_reason: str = ""
    named_setting: Placement | None = None


@dataclass
class Assessment:
    outcome: str
    outcome_date: date | None = None
    week20: bool = False
    mediation: bool = False
    tribunal: bool = False
    other_mediation: bool = False
    other_tribunal: bool = False
    named_plan: NamedPlan | None = None


@dataclass
class Request:
    case_id: object | None  # the case's public_id (None for a historical request)
    received_date: date | None
    source: str
    outcome: str
    outcome_date: date | None = None
    assessment: Assessment | None = None
    active_plan: ActivePlan | None = None
    mediation: bool = False
    tribunal: bool = False
    in_youth_accommodation: bool = False  # RYA
    exported_to: str = ""  # Exported: the LA code of the area the child moved to
    exported_to_area: str = ""  # that area as recorded, when it carries no LA code


@dataclass
class Person:
    child_id: object  # public_id
    surname: str
    forename: str
    birth_date: date
    sex: str
    ethnicity: str
    postcode: str
    upn: str
    uln: str
    upn_unknown: str
    requests: list[Request] = field(default_factory=list)
    # The record's current school or setting and SENSetting, for the cross-field checks.
    setting: object = None
    sen2_setting: str = ""

    @property
    def name(self) -> str:
        return f"{self.forename} {self.surname}"


@dataclass
class Sen2Return:
    census_date: date
    period_start: date
    period_end: date
    la_code: str
    persons: list[Person]

    @property
    def year(self) -> int:
        return self.census_date.year

    @property
    def requests(self):
        return [request for person in self.persons for request in person.requests]


def default_census_date(today: date | None = None) -> date:
    """The latest SEN2 census day on or before `today`: the third Thursday of January."""
    today = today or dates.today()
    census = census_date_for(today.year)
    return census if census <= today else census_date_for(today.year - 1)


def census_date_for(year: int) -> date:
    first = date(year, 1, 1)
    first_thursday = 1 + (3 - first.weekday()) % 7
    return date(year, 1, first_thursday + 14)


def collect(census_date: date, la_code: str) -> Sen2Return:
    period_start, period_end = date(census_date.year - 1, 1, 1), date(census_date.year - 1, 12, 31)
    # Each later query takes the earlier scope as a subquery, not a list of ids: constant size.
    # Rows come as values() turned into light objects: building full models was most of the time.
    plan_scope = _plan_scope(census_date, period_start)
    plans = _rows(plan_scope.order_by("pk"), PLAN_FIELDS)
    _place_on_census_day([plan.child for plan in plans], census_date)
    case_scope = _case_scope(census_date, period_start, period_end, plan_scope.values("case_id"))
    flagged = case_scope.annotate(**disagreements.sen2_flags(census_date))
    cases = _rows(flagged.order_by("received_on", "pk"), CASE_FIELDS + list(disagreements.SEN2_FLAGS))
    events, exceptions = _events(case_scope.values("pk"), census_date)
    reviews = _reviews(plan_scope.values("pk"), census_date, period_start)
    transfers, moves_out = _transfers(
        plan_scope.values("child_id"), case_scope.values("child_id"), period_start, census_date
    )

    plan_by_case = {plan.case_id: plan for plan in plans if plan.case_id}
    requests_by_child = defaultdict(list)
    children = {}
    reported_plans = set()
    for case in cases:
        children[case.child_id] = case.child
        plan = plan_by_case.get(case.id)
        request = _request(case, events[case.id], exceptions[case.id], plan, census_date)
        _disagreements(request, case)
        _exported(request, moves_out.get(case.child_id, ()))
        if plan is not None and request.assessment and request.assessment.named_plan:
            reported_plans.add(plan.id)
            request.active_plan = _active_plan(plan, census_date, reviews, transfers)
        requests_by_child[case.child_id].append(request)
    for plan in plans:
        if plan.id in reported_plans:
            continue
        children[plan.child_id] = plan.child
        requests_by_child[plan.child_id].append(_historical_request(plan, census_date, reviews, transfers))

    persons = [_person(children[child_id], requests) for child_id, requests in requests_by_child.items()]
    persons.sort(key=lambda p: (p.surname.lower(), p.forename.lower(), str(p.child_id)))
    return Sen2Return(census_date, period_start, period_end, la_code, persons)


# -- the queries (the fields and rows they read are in sen2_rows) ---------------------------------


def _plan_scope(census_date, period_start):
    """Plans live on the census date, or ceased in the period (and issued by the census), less
    those another area still held on the census day (they moved in later)."""
    issued = EHCPlan.objects.filter(first_issued_on__isnull=False, first_issued_on__lte=census_date)
    return issued.filter(Q(ceased_on__isnull=True) | Q(ceased_on__gte=period_start)).exclude(
        pk__in=moved_in_after(census_date)
    )


def moved_in_after(census_date):
    """Plans that moved here from another area after the census day: not this area's on it."""
    later = Transfer.objects.filter(direction=Direction.IN, plan__isnull=False, started_on__gt=census_date)
    return later.values("plan_id")


def _case_scope(census_date, period_start, period_end, plan_case_ids):
    """Requests received in the period, still open at its start, or that led to a reported plan."""
    in_period = Q(received_on__lte=period_end) & (
        Q(received_on__gte=period_start) | Q(closed_on__isnull=True) | Q(closed_on__gte=period_start)
    )
    return AssessmentCase.objects.filter(in_period | Q(pk__in=plan_case_ids, received_on__lte=census_date))


def _place_on_census_day(children, census_date) -> None:
    """A child who started at their school after the census day: the place they had on it, from
    the record's history (one query, only when there are such children). With no history from
    that day, the place is not known: `place_unknown`, and the checks ask about it."""
    moved = {c.id: c for c in children if c.setting_started_on and c.setting_started_on > census_date}
    for child in children:
        child.place_unknown = False
    if not moved:
        return
    then = {}
    rows = Child.history.filter(id__in=moved, history_date__date__lte=census_date).order_by("history_date")
    fields = ["id", "setting_started_on", *(f"setting__{name}" for name in SETTING_FIELDS)]
    for values in rows.values(*fields):
        then[values["id"]] = values
    for child in children:
        if child.id not in moved:
            continue
        values = then.get(child.id)
        if values is not None and (values["setting_started_on"] or census_date) <= census_date:
            child.setting = _setting(values, "setting__")
            child.setting_started_on = values["setting_started_on"]
            child.specialist_provision = ""  # the place in a unit is today's, not that day's
        else:
            child.setting_started_on = None
            child.place_unknown = True


def _events(case_ids, census_date):
    events, exceptions = defaultdict(list), defaultdict(list)
    rows = CaseEvent.objects.filter(case_id__in=case_ids, kind__in=NEEDED_EVENTS, on__lte=census_date)
    for case_id, kind, on, ref in rows.values_list("case_id", "kind", "on", "ref").order_by("on", "pk"):
        events[case_id].append(clock.Event(KINDS[kind], on, ref))
    for case_id, reason, start, end, ref, steps in CaseExceptionRecord.objects.filter(
        case_id__in=case_ids
    ).values_list("case_id", "reason", "start", "end", "ref", "steps"):
        keys = frozenset(key for key in steps.split(",") if key)
        exceptions[case_id].append(clock.CaseException(REASONS[reason], start, end, ref, keys))
    return events, exceptions


def _reviews(plan_ids, census_date, period_start):
    """The latest held review of each plan up to the census, with the day its draft amended plan
    went out (ReviewDraft); and the latest phase transfer review begun by the census and due in the
    period or after it, with its due date and the day its final amended plan was issued (a
    transfer due before the period is an earlier return's). Dates after the census are not yet
    known to it."""
    latest, phase = {}, {}
    known = Q(events__on__lte=census_date)
    sent, issued = ReviewEventKind.PROPOSALS_SENT, ReviewEventKind.AMENDED_PLAN_ISSUED
    rows = (
        AnnualReview.objects.filter(plan_id__in=plan_ids)
        .annotate(
            draft_sent=Max("events__on", filter=known & Q(events__kind=sent)),
            final_issued=Max("events__on", filter=known & Q(events__kind=issued)),
        )
        .values_list(
            "plan_id", "meeting_held_on", "decision", "decided_on", "phase_transfer_due", "cycle_start",
            "draft_sent", "final_issued",
        )
        .order_by("cycle_start", "pk")
    )  # fmt: skip
    for plan_id, held_on, decision, decided_on, due, start, draft, final in rows:
        if held_on and held_on <= census_date:
            decided = decided_on is not None and decided_on <= census_date
            outcome = decision if decided else ""
            latest[plan_id] = (held_on, outcome, decided_on if decided else None, draft)
        if start <= census_date and due is not None and due >= period_start:
            phase[plan_id] = (due, final)
    return latest, phase


def _transfers(plan_child_ids, case_child_ids, period_start, census_date):
    """In one query: the area each plan moved in from in the period (TransferLA), and each
    requested child's moves out up to the census, earliest first (Exported)."""
    moved_in = Q(direction=Direction.IN, child_id__in=plan_child_ids, started_on__gte=period_start)
    moved_out = Q(direction=Direction.OUT, child_id__in=case_child_ids)
    rows = Transfer.objects.filter(moved_in | moved_out, started_on__lte=census_date)
    transfers_in, moves_out = {}, defaultdict(list)
    fields = ("direction", "child_id", "started_on", "moved_on", "other_area")
    for direction, child_id, started_on, moved_on, other_area in rows.values_list(*fields).order_by(
        "started_on", "pk"
    ):
        if direction == Direction.IN and started_on >= period_start:
            transfers_in[child_id] = other_area
        if direction == Direction.OUT:
            moves_out[child_id].append((moved_on or started_on, other_area))
    return transfers_in, moves_out


# -- assembling --------------------------------------------------------------------------------


def _person(child, requests) -> Person:
    return Person(
        child_id=child.public_id,
        surname=child.legal_last_name,
        forename=child.legal_first_name,
        birth_date=child.date_of_birth,
        sex=child.sex,
        ethnicity=child.ethnicity,
        postcode=child.postcode,
        upn=child.upn or "",
        uln=child.uln,
        upn_unknown=child.upn_unknown_reason,
        requests=sorted(requests, key=lambda r: (r.received_date or date.min, r.outcome)),
        setting=child.setting,
        sen2_setting=child.sen2_setting,
    )


def _disagreements(request, case) -> None:
    request.mediation, request.tribunal = case.request_mediation, case.request_tribunal
    if request.assessment is not None:
        request.assessment.mediation = case.assessment_mediation
        request.assessment.tribunal = case.assessment_tribunal
        request.assessment.other_mediation = case.other_mediation
        request.assessment.other_tribunal = case.other_tribunal


def _exported(request, moves) -> None:
    """Exported: the child moved to another area after the request and before the assessment was
    completed (a plan issued or refused); the new area's LA code."""
    assessment = request.assessment
    completed = assessment.outcome_date if assessment and assessment.outcome in ("Y", "N") else None
    for on, other_area in moves:
        if on >= request.received_date and (completed is None or on < completed):
            match = LA_CODE.search(other_area)
            request.exported_to = match.group(1) if match else ""
            request.exported_to_area = "" if match else other_area
            return


def _detained_on(child, day) -> bool:
    """RYA: detained in relevant youth accommodation on `day` (an open-ended detention continues)."""
    start, end = child.detained_from, child.detained_until
    return start is not None and start <= day and (end is None or day <= end)


def _first(events, *kinds):
    return next((event.on for event in events if event.kind in kinds), None)


def _request(case, events, exceptions, plan, census_date) -> Request:
    source = RequestSource(case.source).sen2_code if case.source in RequestSource.values else case.source
    request = Request(case.public_id, case.received_on, source, "A")
    request.in_youth_accommodation = _detained_on(case.child, case.received_on)
    assessed = _first(events, K.DECIDED_TO_ASSESS)
    not_assessed = _first(events, K.DECIDED_NOT_TO_ASSESS)
    withdrawn = _first(events, K.WITHDRAWN)
    if assessed:
        request.outcome, request.outcome_date = "Y", assessed
        request.assessment = _assessment(events, exceptions, plan, census_date)
    elif not_assessed:
        request.outcome, request.outcome_date = "N", not_assessed
    elif withdrawn:
        request.outcome, request.outcome_date = "W", withdrawn
    return request


def _assessment(events, exceptions, plan, census_date) -> Assessment:
    issued = _first(events, K.FINAL_ISSUED)
    not_issued = _first(events, K.DECIDED_NOT_TO_ISSUE)
    withdrawn = _first(events, K.WITHDRAWN)
    if issued:
        assessment = Assessment("Y", issued, _week20(events, exceptions, census_date))
        if plan is not None:
            assessment.named_plan = _named_plan(plan, census_date)
        return assessment
    if not_issued:
        return Assessment("N", not_issued, _week20(events, exceptions, census_date))
    if withdrawn:
        return Assessment("W", withdrawn)
    return Assessment("A")


def _week20(events, exceptions, census_date) -> bool:
    if not exceptions:
        return False
    line = clock.timeline(events, exceptions, today=census_date)
    return any(step.key == "final_plan" and step.exceptions for step in line.steps)


def _named_plan(plan, census_date) -> NamedPlan:
    version = plan.latest_issued
    ceased = plan.ceased_on is not None and plan.ceased_on <= census_date
    named = None
    if version is not None and version.named_setting is not None:
        named = _setting_placement(version.named_setting)
        child = plan.child
        if child.setting is not None and child.setting.id == version.named_setting.id:
            # The place named is the one the child has: its SEN unit or resourced provision.
            _specialist_place(named, child)
    elif version is not None and version.setting_type:
        # Only a type of setting is named (reg 12(1)(i)): SEN2's "Other", described.
        named = Placement(setting_code="OTH", setting_other=SETTING_TYPES.get(version.setting_type, ""))
    return NamedPlan(
        plan_id=plan.public_id,
        start_date=plan.first_issued_on,
        personal_budget=bool(version and version.personal_budget),
        direct_payments=bool(version and version.direct_payments),
        organised_arrangements=bool(version and version.organised_arrangements),
        residential=bool(version and version.residential),
        work_based=bool(version and version.work_based_learning),
        cease_date=plan.ceased_on if ceased else None,
        cease_reason=plan.cease_reason if ceased else "",
        named_setting=named,
    )


def _historical_request(plan, census_date, reviews, transfers) -> Request:
    """A plan whose request is not in the return: reported under outcome H (nothing more needed)."""
    request = Request(None, None, "", "H")
    request.assessment = Assessment("Y", plan.first_issued_on, named_plan=_named_plan(plan, census_date))
    request.active_plan = _active_plan(plan, census_date, reviews, transfers)
    return request


def _active_plan(plan, census_date, reviews, transfers) -> ActivePlan | None:
    if plan.ceased_on is not None and plan.ceased_on <= census_date:
        return None
    child = plan.child
    latest, phase = reviews
    active = ActivePlan(place_unknown=child.place_unknown)
    active.phase_transfer_due, active.phase_transfer_final = phase.get(plan.id, (None, None))
    other_area = transfers.get(plan.child_id, "")
    match = LA_CODE.search(other_area)
    active.transfer_la = match.group(1) if match else ""
    active.transfer_from = "" if match else other_area
    if plan.id in latest:
        active.review_meeting, decision, decided_on, active.review_draft = latest[plan.id]
        active.review_outcome = REVIEW_OUTCOME.get(decision, "")
        active.last_review = decided_on if active.review_outcome else None
    if child.setting is not None:
        main = _setting_placement(child.setting)
        main.entry_date = child.setting_started_on
        _specialist_place(main, child)
        active.placements.append(main)
    elif child.sen2_setting:
        active.placements.append(
            Placement(setting_code=child.sen2_setting, setting_other=child.sen2_setting_other)
        )
    if active.placements:  # the child's own place: residential, or work-based learning
        active.placements[0].residential = bool(child.residential_placement)
        active.placements[0].work_based = bool(child.work_based_learning)
    if child.subsidiary_setting is not None:
        second = _setting_placement(child.subsidiary_setting)
        second.rank = 2
        active.placements.append(second)
    if child.primary_need:
        active.needs.append(Need(child.primary_need, 1))
    if child.secondary_need and child.secondary_need != child.primary_need:
        active.needs.append(Need(child.secondary_need, 2))
    return active


def _specialist_place(placement, child) -> None:
    """The child's place in the school's SEN unit or resourced provision (people.Child)."""
    if child.specialist_provision:
        placement.sen_unit = child.specialist_provision == "sen_unit"
        placement.resourced_provision = child.specialist_provision == "resourced"


def _setting_placement(setting) -> Placement:
    return Placement(
        urn=str(setting.urn) if setting.urn else "",
        ukprn="" if setting.urn else setting.ukprn,
        resourced_provision=setting.setting_type == "resourced",
    )
