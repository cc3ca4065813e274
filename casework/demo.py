"""Demo data for casework: three years of requests for EHC needs assessments in Brookfield, ending
today, at the proportions real areas see (DfE SEN2 figures; Bradford's ~1,200 requests a year):
about a fifth not assessed, about half of new plans issued late, most advice back within six weeks
(health and social care less often), a few exceptions, and the last few months still open at every
stage, some of them overdue.

Fast: each case is planned in Python as the events a caseworker would have recorded, cut at today,
and everything is written with bulk_create, not through casework.services (which checks, audits and
refreshes one event at a time). Each event is first asked the event catalogue's check_can_record,
the rule record_event refuses with (each event after the events it needs, on a later or the same
date, none in the future), and an event that breaks it stops the seed. The stored deadline columns
(`next_deadline`, `next_step`, `is_overdue`, `AdviceRequest.due_on`) are the clock engine's answer for
those events, as services.refresh_clock would store them.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from simple_history.utils import bulk_create_with_history

import clock
from casework import services
from casework.models import (
    OPEN_STAGES,
    AdviceRequest,
    AdviserType,
    AssessmentCase,
    CaseEvent,
    CaseExceptionRecord,
    RequestSource,
    Stage,
)
from casework.services import CLOSING, STAGE_AFTER
from clock import dates
from clock.case_events import EVENT_TYPES, EventKind, check_can_record
from core.demo import Weighted, chance, make_uuid
from people.models import SchoolMembership

K = EventKind
R = clock.ExceptionReason
BATCH = 2000
REQUESTS_PER_YEAR_AT_SCALE_1 = 1200
YEARS = 3
# The statutory limits come from the clock's rules; the demo only decides who meets them.
DECISION_DAYS = clock.RULES_BY_KEY["decision_to_assess"].days
ADVICE_DAYS = clock.RULES_BY_KEY["advice"].days
COMMENT_DAYS = clock.RULES_BY_KEY["family_response"].days

# What became of requests (SEN2: about a fifth not assessed; a few withdrawn or not issued).
OUTCOMES = Weighted({"final": 67, "not_assessed": 23, "not_issued": 5, "withdrawn": 5})
SOURCES = Weighted(
    {
        RequestSource.PARENT: 45,
        RequestSource.SETTING: 45,
        RequestSource.HEALTH: 5,
        RequestSource.SOCIAL_CARE: 3,
        RequestSource.OTHER: 1,
        RequestSource.LOCAL_AUTHORITY: 1,
    }
)
# Requests by month: fewer in the summer holiday, more in the autumn and spring terms.
MONTH_WEIGHTS = dict(enumerate((1.1, 1.0, 1.15, 0.9, 1.1, 1.1, 0.95, 0.45, 0.9, 1.2, 1.2, 0.85), start=1))
DECIDED_ON_TIME = 0.85  # England: 84.8% of decisions within 6 weeks
# Who is asked for advice (reg 6(1)), how often, and the share who reply late.
EP, SCHOOL, HEALTH, SOCIAL_CARE, OTHER = (
    AdviserType.EDUCATIONAL_PSYCHOLOGIST.value,
    AdviserType.SCHOOL.value,
    AdviserType.HEALTH.value,
    AdviserType.SOCIAL_CARE.value,
    AdviserType.OTHER.value,
)
ADVISERS = [(EP, 1.0, 0.10), (SCHOOL, 0.95, 0.08), (HEALTH, 0.92, 0.30), (SOCIAL_CARE, 0.8, 0.28)]
SECOND_HEALTH = 0.15  # a second health adviser (e.g. speech and language therapy as well)
OTHER_ADVICE = 0.03
CANCELLED = 0.02  # e.g. social care: "not known to us"
SUMMER_LATE = 0.6  # school advice asked for just before the summer closure usually comes back late
CLOSURE_RECORDED = 0.3  # ... and the caseworker records the closure as an exception
EXCEPTION_IF_LATE, EXCEPTION_OTHERWISE = 0.095, 0.02
EXCEPTION_REASONS = Weighted({R.PERSONAL: 55, R.AWAY: 30, R.MISSED_APPOINTMENT: 15})
CONSULTED_SETTING_TYPES = ("mainstream", "resourced", "special", "post16")
EP_SHOWCASE_DAYS = (50, 38, 36, 24, 12, 4)  # demo.ep's open requests: days since each was asked for

NOTES = {
    R.PERSONAL: [
        "Bereavement in the family; the parent asked for a pause in appointments",
        "Child in hospital for planned surgery and recovery",
        "Family moved into temporary accommodation after a house fire",
        "Parent seriously ill; the family could not take part in the assessment",
    ],
    R.AWAY: [
        "Family visiting relatives abroad for six weeks",
        "Child staying with grandparents outside the area over the holidays",
        "Family abroad for a wedding and extended family visit",
    ],
    R.SETTING_CLOSED: ["School closed for the summer: advice asked for within a week of the closure"],
    R.MISSED_APPOINTMENT: [
        "Family did not attend the paediatric appointment; a new one was offered",
        "Missed the speech and language therapy assessment; rebooked",
    ],
}
REASONS = {
    "ASD": "Autistic; finding the school day very hard, with frequent distress and time out of class",
    "SLCN": "Significant speech and language difficulties; not making progress despite therapy in school",
    "SEMH": "Escalating anxiety and dysregulation; at risk of exclusion despite a pastoral support plan",
    "MLD": "Working well below age-related expectations despite targeted SEN support",
    "SPLD": "Severe literacy difficulties; interventions over two years have not closed the gap",
    "PD": "Physical disability needing adult support for mobility and personal care",
}
DEFAULT_REASON = "Needs cannot be met from the resources normally available to the setting"
DECLINED = "Panel agreed the needs can be met at SEN support, with advice on the graduated approach"
NOT_ISSUED = "The assessment showed the needs can be met from the setting's own resources"
WITHDRAWN = ["Family moved out of the area", "Parent withdrew the request", "Child moved to a new school"]
ADVICE_TEXT = "Advice received: needs, outcomes sought and the provision recommended"


def days(n: int) -> timedelta:
    return timedelta(days=n)


@dataclass
class Advice:
    ref: str
    adviser_type: str
    requested: date
    received: date | None = None
    cancelled: date | None = None
    cancelled_reason: str = ""


@dataclass
class Planned:
    """One case as planned: its events (kind, date, ref), advice asked for, and exceptions."""

    received: date
    outcome: str
    events: list = field(default_factory=list)
    advice: list = field(default_factory=list)
    exceptions: list = field(default_factory=list)  # (clock.CaseException, note)
    caseworker: object = None
    showcase: bool = False


def build(context):
    rng, today = context.rng, context.today
    total = max(len(EP_SHOWCASE_DAYS) + 1, round(REQUESTS_PER_YEAR_AT_SCALE_1 * YEARS * context.scale))
    start = today - days(365 * YEARS)
    day_weights = Weighted(
        {start + days(n): MONTH_WEIGHTS[(start + days(n)).month] for n in range(1, 365 * YEARS + 1)}
    )
    planned = []
    for _ in context.progress(range(total - len(EP_SHOWCASE_DAYS)), "Requests for assessment"):
        planned.append(plan_case(rng, day_weights.pick(rng), OUTCOMES.pick(rng), today))
    for offset in EP_SHOWCASE_DAYS:  # demo.ep's open requests: one overdue, two due soon
        decided = today - days(offset + rng.randint(0, 3))
        received = decided - days(rng.randint(21, DECISION_DAYS))
        case = plan_case(rng, received, "final", today, decided=decided, ep_waiting=True)
        case.showcase = True
        planned.append(case)
    planned.sort(key=lambda c: c.received)
    for case in planned:
        add_exceptions(rng, case, today)

    people = People(context)
    cases, events, advice_rows, exception_rows = [], [], [], []
    allocate(context, planned)
    for number, plan in enumerate(context.progress(planned, "Cases"), start=1):
        child, source, requester = people.for_case(plan)
        labels = {a.ref: AdviserType(a.adviser_type).label for a in plan.advice}
        labels.update(people.consult(plan, child))
        line = clock.timeline(
            [clock.Event(k, on, ref) for k, on, ref in plan.events],
            [exception for exception, _ in plan.exceptions],
            today=today,
            adviser_labels=labels,
        )
        case = make_case(rng, plan, number, child, source, requester, line)
        cases.append(case)
        worker = plan.caseworker
        history = []
        for kind, on, ref in plan.events:
            check_can_record(kind, ref, on, history, today)  # the catalogue every door keeps
            history.append((kind, ref, on))
            events.append(
                CaseEvent(
                    case=case, kind=kind, on=on, ref=ref, note=event_note(rng, kind), recorded_by=worker
                )
            )
        for advice in plan.advice:
            step = line.step(f"advice:{advice.ref}")
            advice_rows.append(
                AdviceRequest(
                    public_id=make_uuid(rng),
                    case=case,
                    ref=advice.ref,
                    adviser_type=advice.adviser_type,
                    professional=people.adviser(plan, advice, child),
                    requested_on=advice.requested,
                    due_on=step.due,
                    received_on=advice.received,
                    cancelled_on=advice.cancelled,
                    cancelled_reason=advice.cancelled_reason,
                    advice=ADVICE_TEXT if advice.received else "",
                    created_by=worker,
                )
            )
        for exception, note in plan.exceptions:
            exception_rows.append(
                CaseExceptionRecord(
                    case=case,
                    reason=exception.reason,
                    start=exception.start,
                    end=exception.end,
                    ref=exception.ref,
                    note=note,
                    created_by=worker,
                )
            )
    save(context, cases, events, advice_rows, exception_rows)
    context.data["assessment_cases"] = cases
    context.data["plans_issued"] = {
        case.child_id: case.closed_on for case in cases if case.stage == Stage.FINAL
    }  # child pk -> the date the new plan was issued, for the plans builder
    stages = Counter(case.stage for case in cases)
    return {
        "requests for assessment": len(cases),
        "open": sum(stages[s] for s in OPEN_STAGES),
        "final plans": stages["final"],
        "case events": len(events),
        "advice requests": len(advice_rows),
        "exceptions": len(exception_rows),
    }


def plan_case(rng, received, outcome, today, *, decided=None, ep_waiting=False) -> Planned:
    """The events of one request as they would have happened, cut at today (and at withdrawal)."""
    case = Planned(received, outcome)
    events = case.events
    events.append((K.REQUEST_RECEIVED, received, ""))
    if decided is None:
        decided = received + days(decision_days(rng))
    if outcome == "withdrawn" and chance(rng, 0.4):
        return finish(case, today, received + days(rng.randint(5, DECISION_DAYS - 7)))
    if outcome == "not_assessed":
        events.append((K.DECIDED_NOT_TO_ASSESS, decided, ""))
        return finish(case, today)
    events.append((K.DECIDED_TO_ASSESS, decided, ""))
    last = plan_advice(rng, case, decided, today if ep_waiting else None)
    if outcome == "withdrawn":
        return finish(case, today, decided + days(rng.randint(1, max(2, (last - decided).days))))
    issue = last + days(rng.randint(3, 14) if chance(rng, 0.8) else rng.randint(15, 35))
    if outcome == "not_issued":
        events.append((K.DECIDED_NOT_TO_ISSUE, issue, ""))
        return finish(case, today)
    events.append((K.DECIDED_TO_ISSUE, issue, ""))
    draft = issue + days(rng.randint(5, 21) if chance(rng, 0.88) else rng.randint(22, 60))
    events.append((K.DRAFT_SERVED, draft, ""))
    # The family has at least 15 days from service (reg 13(1)); settings reply to consultation.
    final = draft + days(COMMENT_DAYS + 1)
    if chance(rng, 0.95):
        responded = draft + days(rng.randint(4, COMMENT_DAYS) if chance(rng, 0.9) else rng.randint(15, 25))
        events.append((K.FAMILY_RESPONDED, responded, ""))
        final = max(final, responded + days(rng.randint(1, 10)))
    for n in range(rng.choice((1, 1, 1, 1, 1, 2, 2, 2, 3))):
        consulted = draft + days(rng.randint(0, 4))
        replied = consulted + days(rng.randint(5, 21))
        ref = f"consult-{n + 1}"  # which setting is chosen with the child (People.consult)
        events += [(K.SETTING_CONSULTED, consulted, ref), (K.SETTING_REPLIED, replied, ref)]
        final = max(final, replied + days(rng.randint(1, 10)))
    events.append((K.FINAL_ISSUED, final + days(rng.choice((0, 0, 0, 3, 7, 14))), ""))
    return finish(case, today)


def decision_days(rng) -> int:
    if chance(rng, DECIDED_ON_TIME):
        return DECISION_DAYS - int(rng.triangular(0, DECISION_DAYS - 14, 0))
    return DECISION_DAYS + 1 + min(49, int(rng.expovariate(1 / 12)))


def plan_advice(rng, case, decided, waiting_until=None) -> date:
    """Ask each adviser, and plan when each replies; returns the date the last one was in."""
    wanted = [(kind, late) for kind, share, late in ADVISERS if kind == EP or chance(rng, share)]
    if chance(rng, SECOND_HEALTH):
        wanted.append((HEALTH, ADVISERS[2][2]))
    if chance(rng, OTHER_ADVICE):
        wanted.append((OTHER, 0.2))
    seen = Counter()
    last = decided
    for kind, late in wanted:
        seen[kind] += 1
        ref = kind if seen[kind] == 1 else f"{kind}-{seen[kind]}"
        requested = decided if waiting_until else decided + days(rng.choice((0, 0, 1, 2, 3, 5)))
        advice = Advice(ref, kind, requested)
        if kind == SCHOOL and in_summer_closure(requested):
            late = SUMMER_LATE
        if waiting_until and kind == EP:
            advice.received = waiting_until + days(rng.randint(10, 40))  # not back yet
        elif kind != EP and chance(rng, CANCELLED):
            advice.cancelled = requested + days(rng.randint(3, 20))
        elif chance(rng, late):
            advice.received = requested + days(ADVICE_DAYS + 1 + min(80, int(rng.expovariate(1 / 20))))
        else:
            advice.received = requested + days(ADVICE_DAYS - int(rng.triangular(0, ADVICE_DAYS - 14, 0)))
        case.advice.append(advice)
        case.events.append((K.ADVICE_REQUESTED, requested, ref))
        if advice.received:
            case.events.append((K.ADVICE_RECEIVED, advice.received, ref))
        else:
            case.events.append((K.ADVICE_CANCELLED, advice.cancelled, ref))
        last = max(last, advice.received or advice.cancelled)
    return last


def summer_closure(year: int) -> tuple[date, date]:
    """The exception period for a school's summer closure (reg 10(4)(a)): from a week before the
    school closes (about 21 July) to a week before it reopens (about 4 September)."""
    return date(year, 7, 14), date(year, 8, 28)


def in_summer_closure(on: date) -> bool:
    first, last = summer_closure(on.year)
    return first <= on <= last


def finish(case, today, withdrawn=None) -> Planned:
    """Cut the plan at today (and at a withdrawal), in the order the clock reads events."""
    if withdrawn is not None:
        case.events = [e for e in case.events if e[1] < withdrawn] + [(K.WITHDRAWN, withdrawn, "")]
    case.events = sorted(
        (e for e in case.events if e[1] <= today), key=lambda e: (e[1], EVENT_TYPES[e[0]].order)
    )
    kept = {(kind, ref): on for kind, on, ref in case.events}
    closed = next(((kind, on) for kind, on, _ in case.events if kind in CLOSING), None)
    advice = []
    for a in case.advice:
        if (K.ADVICE_REQUESTED, a.ref) in kept:
            a.received = kept.get((K.ADVICE_RECEIVED, a.ref))
            a.cancelled = kept.get((K.ADVICE_CANCELLED, a.ref))
            if closed and not (a.received or a.cancelled):
                # Closing the case cancels the advice still awaited, as services.record_event does.
                a.cancelled, a.cancelled_reason = closed[1], services.closing_reason(closed[0])
                case.events.append((K.ADVICE_CANCELLED, closed[1], a.ref))
            advice.append(a)
    case.advice = advice
    case.events.sort(key=lambda e: (e[1], EVENT_TYPES[e[0]].order))
    return case


def add_exceptions(rng, case, today):
    """About one case in sixteen has an exception, mostly cases that ran late, as in real areas."""
    if case.showcase:
        return
    school = next((a for a in case.advice if a.adviser_type == SCHOOL), None)
    if school and school.received and in_summer_closure(school.requested):
        first, last = summer_closure(school.requested.year)
        start = max(first, case.received)
        late = (school.received - school.requested).days > ADVICE_DAYS
        if late and (last - start).days >= 27 and chance(rng, CLOSURE_RECORDED):
            exception = clock.CaseException(R.SETTING_CLOSED, start, last, school.ref)
            case.exceptions.append((exception, rng.choice(NOTES[R.SETTING_CLOSED])))
            return
    line = clock.timeline([clock.Event(*e) for e in case.events], today=today)
    late = any(
        step.status in (clock.Status.MET_LATE, clock.Status.OVERDUE)
        for step in line.steps
        if step.key in ("decision_to_assess", "decision_to_issue", "final_plan")
    )
    if not chance(rng, EXCEPTION_IF_LATE if late else EXCEPTION_OTHERWISE):
        return
    reason = EXCEPTION_REASONS.pick(rng)
    closed = next((on for kind, on, _ in case.events if kind in CLOSING), today)
    health = [a for a in case.advice if a.adviser_type == HEALTH and a.received]
    late_health = [a for a in health if (a.received - a.requested).days > ADVICE_DAYS]
    if reason is R.MISSED_APPOINTMENT and late_health:  # the appointment was missed, so it came late
        advice = late_health[0]
        start = advice.requested + days(rng.randint(7, 28))
        exception = clock.CaseException(reason, start, start + days(rng.randint(14, 42)), advice.ref)
    else:
        reason = R.PERSONAL if reason is R.MISSED_APPOINTMENT else reason
        start = case.received + days(rng.randint(7, max(7, min(120, (closed - case.received).days - 7))))
        length = rng.randint(28, 70) if reason is R.AWAY else rng.randint(14, 60)
        exception = clock.CaseException(reason, start, start + days(length))
    if exception.start <= min(today, closed):
        case.exceptions.append((exception, rng.choice(NOTES[exception.reason])))


def allocate(context, planned):
    """demo.caseworker holds a caseload of open and recently closed cases; the rest are spread
    over the other caseworkers, and some of the newest requests wait for a manager to allocate."""
    rng, today = context.rng, context.today
    workers = context.data["accounts"]["caseworker"]
    demo, others = workers[0], workers[1:] or workers
    open_cases, recently_closed = [], []
    for case in planned:
        closed_on = next((on for kind, on, _ in case.events if kind in CLOSING), None)
        if case.showcase:
            case.caseworker = demo
        elif closed_on is None:
            open_cases.append(case)
        elif closed_on >= today - days(183):
            recently_closed.append(case)
    for group, share, most in ((open_cases, 0.16, 50), (recently_closed, 0.06, 35)):
        for case in rng.sample(group, min(most, round(len(group) * share))):
            case.caseworker = demo
    for case in planned:
        new = len(case.events) == 1 and case.received > today - days(10)
        if case.caseworker is None and not (new and chance(rng, 0.4)):  # else: awaiting allocation
            case.caseworker = rng.choice(others)


class People:
    """Children, requesters and advisers for the cases: children who got a plan for cases that
    reached one, children on SEN support for the rest; each child asked for once where possible."""

    def __init__(self, context):
        self.rng = context.rng
        self.with_plans = list(context.data["children_with_plans"])
        self.support = list(context.data["children_sen_support"])
        self.parents = {}
        for link in context.data["relationships"]:
            self.parents.setdefault(link.child.pk, link.parent_carer)
        accounts = context.data["accounts"]
        self.staff = {
            EP: accounts["ep"][1:] or accounts["ep"],
            HEALTH: accounts["health"],
            SOCIAL_CARE: accounts["social_care"],
        }
        self.demo_ep = accounts["ep"][0]
        self.open_children = set()
        self.consultable = [
            s for s in context.data["settings"] if s.in_area and s.setting_type in CONSULTED_SETTING_TYPES
        ]
        by_pk = {user.pk: user for user in accounts["senco"]}
        self.sencos = {
            setting_id: by_pk.get(user_id)
            for setting_id, user_id in SchoolMembership.objects.values_list("setting_id", "user_id")
        }

    def for_case(self, plan):
        final = any(kind is K.FINAL_ISSUED for kind, _, _ in plan.events)
        pool, ages = (self.with_plans, (2, 19)) if final else (self.support, (3, 16))
        # One open request a child (issue 19): an open case never goes to a child who has one.
        still_open = not any(kind in CLOSING for kind, _, _ in plan.events)
        child = self.child(pool, plan.received, ages, avoid=self.open_children if still_open else set())
        if still_open:
            self.open_children.add(child.pk)
        source = SOURCES.pick(self.rng)
        if source == RequestSource.SETTING and child.setting is None:
            source = RequestSource.PARENT
        return child, source, self.requester(source, child)

    def consult(self, plan, child) -> dict[str, str]:
        """Name the settings consulted on the draft (the child's own school first), as the refs
        services use ("setting-<pk>"); returns ref -> setting name, the clock's labels."""
        refs = sorted({ref for kind, _, ref in plan.events if kind is K.SETTING_CONSULTED})
        chosen = [child.setting] if refs and child.setting and child.setting.in_area else []
        while len(chosen) < len(refs):
            setting = self.rng.choice(self.consultable)
            if setting not in chosen:
                chosen.append(setting)
        mapping = {old: services.setting_ref(setting) for old, setting in zip(refs, chosen, strict=True)}
        plan.events = [(kind, on, mapping.get(ref, ref)) for kind, on, ref in plan.events]
        return {mapping[old]: setting.name for old, setting in zip(refs, chosen, strict=True)}

    def child(self, pool, on, ages, avoid=frozenset()):
        """A child of a fitting age on `on`, taken out of `pool` (reused if the pool runs dry), and
        not one in `avoid` (children with an open case already)."""
        pool = pool or self.with_plans + self.support
        for attempt in range(40):
            i = self.rng.randrange(len(pool))
            child = pool[i]
            age = dates.age_on(child.date_of_birth, on)
            if child.pk not in avoid and (ages[0] <= age <= ages[1] or (attempt > 30 and age >= 0)):
                pool[i] = pool[-1]
                pool.pop()
                return child
        return next((c for c in reversed(pool) if c.pk not in avoid), pool[-1])

    def requester(self, source, child):
        if source == RequestSource.PARENT:
            parent = self.parents.get(child.pk)
            return f"{parent.first_name} {parent.last_name}" if parent else "Parent"
        if source == RequestSource.SETTING:
            senco = self.sencos.get(child.setting.pk)
            name = f"{senco.get_full_name()}, " if senco else ""
            return f"{name}SENCo, {child.setting.name}"
        if source in (RequestSource.HEALTH, RequestSource.SOCIAL_CARE):
            kind = HEALTH if source == RequestSource.HEALTH else SOCIAL_CARE
            user = self.rng.choice(self.staff[kind])
            return f"{user.get_full_name()}, {user.job_title}"
        if source == RequestSource.LOCAL_AUTHORITY:
            return "Brookfield Council, SEND team"
        return "Brookfield Virtual School"

    def adviser(self, plan, advice, child):
        # demo.ep's open requests are the showcase ones; its finished ones a fair share.
        if advice.adviser_type == EP and (plan.showcase or (advice.received and chance(self.rng, 0.1))):
            return self.demo_ep
        if advice.adviser_type == SCHOOL:
            return self.sencos.get(child.setting.pk) if child.setting else None
        staff = self.staff.get(advice.adviser_type)
        return self.rng.choice(staff) if staff else None


def make_case(rng, plan, number, child, source, requester, line) -> AssessmentCase:
    stage, closed_on = Stage.RECEIVED, None
    for kind, on, _ in plan.events:
        stage = STAGE_AFTER.get(kind, stage)
        if kind in CLOSING:
            closed_on = on
    step = line.next_deadline
    return AssessmentCase(
        public_id=make_uuid(rng),
        reference=f"EHC-{number:06d}",
        child=child,
        source=source,
        requester_name=requester,
        received_on=plan.received,
        reasons=REASONS.get(child.primary_need, DEFAULT_REASON),
        consent_given=chance(rng, 0.97),
        caseworker=plan.caseworker,
        stage=stage,
        closed_on=closed_on,
        next_deadline=step.due if step else None,
        next_step=step.label[:120] if step else "",
        is_overdue=bool(line.overdue),
        version=len(plan.events),  # services add one per event after the request
    )


def event_note(rng, kind) -> str:
    if kind is K.DECIDED_NOT_TO_ASSESS:
        return DECLINED
    if kind is K.DECIDED_NOT_TO_ISSUE:
        return NOT_ISSUED
    if kind is K.WITHDRAWN:
        return rng.choice(WITHDRAWN)
    return ""


def save(context, cases, events, advice, exceptions):
    for i in context.progress(range(0, len(cases), BATCH), "Saving cases"):
        bulk_create_with_history(
            cases[i : i + BATCH], AssessmentCase, batch_size=BATCH, default_change_reason="Demo data"
        )
    for model, rows, label in (
        (CaseEvent, events, "Saving case events"),
        (AdviceRequest, advice, "Saving advice requests"),
        (CaseExceptionRecord, exceptions, "Saving exceptions"),
    ):
        for i in context.progress(range(0, len(rows), BATCH), label):
            model.objects.bulk_create(rows[i : i + BATCH], batch_size=BATCH)
