"""The only code that changes assessment cases. Every change is checked against the event
catalogue, written as a CaseEvent, audited, and followed by a refresh of the stored deadline."""

from django.db import IntegrityError, transaction
from django.db.models import Max, Q

import clock
from audit.models import Action
from audit.services import record
from casework import letters
from casework.models import (
    OPEN_STAGES,
    AdviceChase,
    AdviceRequest,
    AdviserType,
    AssessmentCase,
    CaseDocument,
    CaseEvent,
    CaseExceptionRecord,
    CaseNote,
    LaterRequest,
    Stage,
)
from clock import dates
from clock.case_events import EVENT_TYPES, EventKind, OutOfOrder, check_can_record
from clock.exceptions import lasts_four_weeks
from core.concurrency import StaleEditError, editing
from people.codelists import SenProvision
from people.family import family_for
from people.models import Child, Setting
from plans.models import EHCPlan

K = EventKind

# Where the case stands after each event (events not listed leave the stage as it is).
STAGE_AFTER = {
    K.REQUEST_RECEIVED: Stage.RECEIVED,
    K.DECIDED_TO_ASSESS: Stage.ASSESSING,
    K.DECIDED_NOT_TO_ASSESS: Stage.NOT_ASSESSED,
    K.DECIDED_TO_ISSUE: Stage.DRAFTING,
    K.DECIDED_NOT_TO_ISSUE: Stage.NOT_ISSUED,
    K.DRAFT_SERVED: Stage.CONSULTING,
    K.FINAL_ISSUED: Stage.FINAL,
    K.WITHDRAWN: Stage.WITHDRAWN,
}
CLOSING = {K.DECIDED_NOT_TO_ASSESS, K.DECIDED_NOT_TO_ISSUE, K.FINAL_ISSUED, K.WITHDRAWN}
DECISIONS = {K.DECIDED_TO_ASSESS, K.DECIDED_NOT_TO_ASSESS, K.DECIDED_TO_ISSUE, K.DECIDED_NOT_TO_ISSUE}
# Steps that are the plan's as much as the case's: plans' services take them, for every door.
PLAN_STEPS = {K.DRAFT_SERVED, K.FINAL_ISSUED}
# Steps the family must be sent (a decision letter, the draft, the final plan).
NOTICES = DECISIONS | PLAN_STEPS
# Who carries out PLAN_STEPS, whatever the door: plans.steps registers its case_step with
# `carries_out_plan_steps` (it builds on this module, which so never imports it).
PLAN_STEP_SERVICE: list = []


def carries_out_plan_steps(step):
    PLAN_STEP_SERVICE[:] = [step]
    return step


NO_RECIPIENT = (
    "Nobody can receive this: the child has no parent or carer with parental responsibility (verified) "
    "and no young person's account. Record who receives the notices and why (for a looked-after child, "
    "say, the social worker and the virtual school head) before recording it"
)
SETTING_REF_PREFIX = "setting-"  # a consultation's event ref names the setting: "setting-<pk>"


def _actor(request):
    """Who is acting: the signed-in user, or None for the system (imports, demo data, jobs)."""
    return request.user if request is not None and request.user.is_authenticated else None


def clock_events(case, events=None):
    rows = events if events is not None else case.events.all()
    return [clock.Event(K(e.kind), e.on, e.ref) for e in rows]


def clock_exceptions(case, exceptions=None):
    rows = exceptions if exceptions is not None else case.exceptions.all()
    return [
        clock.CaseException(clock.ExceptionReason(x.reason), x.start, x.end, x.ref, x.step_keys) for x in rows
    ]


def setting_ref(setting) -> str:
    return f"{SETTING_REF_PREFIX}{setting.pk}"


def setting_names(refs) -> dict[str, str]:
    """Names of the settings behind consultation refs, in one query (none if there are none)."""
    pks = {r.removeprefix(SETTING_REF_PREFIX) for r in refs if r.startswith(SETTING_REF_PREFIX)}
    pks = [int(pk) for pk in pks if pk.isdigit()]
    if not pks:
        return {}
    return {
        f"{SETTING_REF_PREFIX}{pk}": name
        for pk, name in Setting.objects.filter(pk__in=pks).values_list("pk", "name")
    }


def case_timeline(
    case, today=None, *, events=None, exceptions=None, advice=None, settings=None
) -> clock.Timeline:
    """The clock engine's view of `case` (pass prefetched rows and setting names to avoid queries)."""
    advice_rows = advice if advice is not None else case.advice_requests.all()
    event_rows = list(events if events is not None else case.events.all())
    labels = {a.ref: a.get_adviser_type_display() for a in advice_rows}
    labels.update(settings if settings is not None else setting_names({e.ref for e in event_rows}))
    return clock.timeline(
        clock_events(case, event_rows),
        clock_exceptions(case, exceptions),
        today=today or dates.today(),
        adviser_labels=labels,
        reassessment=is_reassessment(case),
    )


def is_reassessment(case) -> bool:
    """A request for a child whose plan was live when it came is a reassessment (CFA s.44(2)),
    timed by reg 27(2) rather than the 20 weeks of a first assessment."""
    child = case._state.fields_cache.get("child")  # only if already loaded: no query for it
    if "ehc_plans" in getattr(child, "_prefetched_objects_cache", {}):  # lists prefetch them
        return any(
            plan.first_issued_on
            and plan.first_issued_on < case.received_on
            and (plan.ceased_on is None or plan.ceased_on >= case.received_on)
            for plan in child.ehc_plans.all()
        )
    return (
        EHCPlan.objects.filter(child_id=case.child_id, first_issued_on__lt=case.received_on)
        .filter(Q(ceased_on__isnull=True) | Q(ceased_on__gte=case.received_on))
        .exists()
    )


def refresh_clock(case, today=None) -> clock.Timeline:
    """Store the clock's next deadline on the case, for lists and reminders."""
    line = case_timeline(case, today)
    step = line.next_deadline
    case.next_deadline = step.due if step else None
    case.next_step = step.label[:120] if step else ""
    case.is_overdue = bool(line.overdue)
    AssessmentCase.objects.filter(pk=case.pk).update(
        next_deadline=case.next_deadline, next_step=case.next_step, is_overdue=case.is_overdue
    )
    for advice in case.advice_requests.all():
        advice_step = line.step(f"advice:{advice.ref}")
        if advice_step and advice_step.due != advice.due_on:
            AdviceRequest.objects.filter(pk=advice.pk).update(due_on=advice_step.due)
    return line


def next_reference() -> str:
    last = AssessmentCase.objects.aggregate(n=Max("pk"))["n"] or 0
    return f"EHC-{last + 1:06d}"


# A request for a child with a live plan is a request to reassess (CFA 2014 s.44(2)): it is
# recorded like any request and timed by reg 27(2) (see is_reassessment); staff are warned first.
HAS_PLAN = (
    "{name} already has an EHC plan, so this request is a request for a re-assessment (Children and "
    "Families Act 2014, section 44). To change the plan without a new assessment, ask the SEND team "
    "for an early review of it instead."
)


def live_plan_of(child):
    """The child's issued plan still in force, if any."""
    return EHCPlan.objects.filter(child=child, ceased_on__isnull=True, latest_issued__isnull=False).first()


def _attach_request(request, case, *, source, received_on, reasons, consent_given, requester_name):
    """One open request a child: a later request joins the open case (its clock runs on)."""
    later = LaterRequest.objects.create(
        case=case,
        source=source,
        received_on=received_on,
        reasons=reasons,
        consent_given=consent_given,
        requester_name=requester_name,
        created_by=_actor(request),
    )
    CaseNote.objects.create(
        case=case,
        text=f"Another request for this child was received on {received_on:%-d %B %Y}"
        f"{' from ' + requester_name if requester_name else ''}, and added to this case.",
        created_by=_actor(request),
    )
    summary = f"{case.reference}: later request added"
    record(request, Action.UPDATE, child=case.child, obj=case, summary=summary)
    case.attached_request = later
    return case


@transaction.atomic
def open_case(
    request, *, child, source, received_on, reasons, consent_given, requester_name="", caseworker=None
) -> AssessmentCase:
    """Open a case for a request, or, if the child already has an open case, add the request to it
    (the returned case then carries `attached_request`). For a child with a live plan the case is a
    reassessment (is_reassessment), which a plan's new version comes from (plans.start_plan)."""
    today = dates.today()
    if received_on > today:
        raise OutOfOrder("The date the request was received cannot be in the future")
    # Lock the child: two requests for one child at once must not open two cases.
    Child.objects.select_for_update().filter(pk=child.pk).first()
    already = AssessmentCase.objects.filter(child=child, stage__in=OPEN_STAGES).order_by("pk").first()
    if already is not None:
        return _attach_request(
            request,
            already,
            source=source,
            received_on=received_on,
            reasons=reasons,
            consent_given=consent_given,
            requester_name=requester_name,
        )
    fields = {
        "child": child,
        "source": source,
        "received_on": received_on,
        "reasons": reasons,
        "consent_given": consent_given,
        "requester_name": requester_name,
        "caseworker": caseworker,
        "created_by": _actor(request),
        "modified_by": _actor(request),
    }
    # Two requests opened at the same moment can be given the same next reference; the unique
    # constraint refuses the second, which takes the one after (found by the restart test).
    for attempt in range(10):
        reference = next_reference()
        try:
            with transaction.atomic():
                case = AssessmentCase.objects.create(reference=reference, **fields)
            break
        except IntegrityError:
            if attempt == 9 or not AssessmentCase.objects.filter(reference=reference).exists():
                raise
    _write_event(request, case, K.REQUEST_RECEIVED, received_on, "", "")
    refresh_clock(case)
    return case


def _history(case):
    return [(K(k), r, d) for k, r, d in case.events.values_list("kind", "ref", "on")]


def _write_event(request, case, kind, on, ref, note):
    event = CaseEvent.objects.create(
        case=case, kind=kind, on=on, ref=ref, note=note, recorded_by=_actor(request)
    )
    record(
        request,
        Action.UPDATE if kind != K.REQUEST_RECEIVED else Action.CREATE,
        child=case.child,
        obj=case,
        summary=f"{case.reference}: {EVENT_TYPES[kind].label}",
    )
    return event


def _lock(case, expected_version):
    """Claim the case's next version (VersionedModel.claim_edit): the row stays locked until the
    transaction ends, so two people changing it at once are serialised, and with
    `expected_version` a change based on an older page is refused (StaleEditError). Returns the
    case as stored now."""
    AssessmentCase.claim(case.pk, expected_version)
    return AssessmentCase.objects.get(pk=case.pk)


def _record_plan_on_child(request, child):
    """Once the final plan is issued the child has an EHC plan: the record says so (census "E")."""
    if child.sen_provision == SenProvision.EHC_PLAN:
        return
    child.sen_provision = SenProvision.EHC_PLAN
    child.save_edit(user=_actor(request))
    record(
        request, Action.UPDATE, child=child, obj=child, summary="Recorded the EHC plan on the child's record"
    )


def lock_case(case, expected_version=None):
    """Claim the case for this transaction (plans' services do it before the plan)."""
    return _lock(case, expected_version)


def recipients(case) -> list:
    """Who statutory notices on `case` go to (the one rule is people.family)."""
    return family_for(case.child)


def notice_refusal(case) -> str | None:
    """Why nothing may be issued on `case` now: nobody to receive it, and no arrangement recorded."""
    if case.notices_reason.strip() or recipients(case):
        return None
    return NO_RECIPIENT


def check_can_record_step(case, kind, ref, on):
    """The catalogue's refusal of `kind` on `case` (used by plans before it starts anything)."""
    check_can_record(kind, ref, on, _history(case), dates.today())


@transaction.atomic
def record_event(
    request,
    case,
    kind: EventKind,
    on,
    *,
    ref="",
    note="",
    expected_version=None,
    early_reason="",
    reasons=None,
):
    """Record `kind` on `case` if it fits where the case is; refuse it with a reason otherwise.

    Every door (case page, panel, API, imports) calls this. Sending the draft and issuing the final
    plan are plans' steps too: plans.steps creates or links the draft and the issued version and
    records the event here through record_case_step, so the child's plan record always exists."""
    if kind in PLAN_STEPS:
        return PLAN_STEP_SERVICE[0](
            request, case, kind, on, note=note, expected_version=expected_version, early_reason=early_reason
        )
    return record_case_step(
        request, case, kind, on, ref=ref, note=note, expected_version=expected_version, reasons=reasons
    )


@transaction.atomic
def record_case_step(
    request, case, kind: EventKind, on, *, ref="", note="", expected_version=None, reasons=None
):
    """The case's side of a step: the event, the stage, the decision letter, the clock.

    Locks the case row first, so two people recording at once are serialised and the second sees
    the first one's event (and, with `expected_version`, is told the case changed). A person (or
    partner system) recording a decision or a plan step needs someone to send it to; the system
    recording history (imports, demo data) does not send anything."""
    locked = _lock(case, expected_version)
    check_can_record(kind, ref, on, _history(locked), dates.today())
    acting = _actor(request) is not None
    if acting and kind in NOTICES:
        refusal = notice_refusal(locked)
        if refusal:
            raise OutOfOrder(refusal)
    event = _write_event(request, locked, kind, on, ref, note)
    if kind in STAGE_AFTER:
        locked.stage = STAGE_AFTER[kind]
    if kind in CLOSING:
        locked.closed_on = on
    locked.modified_by = _actor(request)
    locked.save()
    if kind == K.FINAL_ISSUED:
        _record_plan_on_child(request, Child.objects.get(pk=locked.child_id))
    if acting and kind in DECISIONS:
        # Every decision, wherever it is made, goes to the family as a letter with the reasons,
        # what happens next, and their rights to mediation and appeal.
        # The letter is made on the job queue (casework.jobs), which then tells the family.
        event.letter_job = letters.queue_decision_letter(
            request, locked, kind, on, note if reasons is None else reasons, event
        )
    if kind in CLOSING:
        cancel_open_advice(request, locked, on, closing_reason(kind))
    refresh_clock(locked)
    case.refresh_from_db()
    return event


def closing_reason(kind) -> str:
    """Why advice still awaited is no longer needed, in the words the adviser is told."""
    return f"The case was closed: {EVENT_TYPES[kind].label.lower()}"


def cancel_open_advice(request, case, on, reason) -> list[AdviceRequest]:
    """Cancel every advice request still awaited on `case` (closing it), each with its date and
    reason: an ADVICE_CANCELLED event per request, which tells that adviser once (notifications).
    The caller holds the case's row lock."""
    waiting = list(case.advice_requests.filter(received_on__isnull=True, cancelled_on__isnull=True))
    for advice in waiting:
        advice.cancelled_on, advice.cancelled_reason = on, reason[:200]
        advice.save(update_fields=["cancelled_on", "cancelled_reason", "modified_at"])
        _write_event(request, case, K.ADVICE_CANCELLED, on, advice.ref, reason)
    return waiting


@transaction.atomic
def record_notice_arrangements(request, case, reason, expected_version=None):
    """Who receives notices when no parent, carer or young person can (audited)."""
    reason = reason.strip()
    if not reason:
        raise OutOfOrder("Enter who receives the notices and why")
    locked = _lock(case, expected_version)
    locked.notices_reason = reason
    locked.modified_by = _actor(request)
    locked.save()
    record(
        request,
        Action.UPDATE,
        child=locked.child,
        obj=locked,
        summary=f"{locked.reference}: recorded who receives the notices",
    )
    case.refresh_from_db()
    return locked


@transaction.atomic
def request_advice(
    request, case, adviser_type, on, *, professional=None, note="", expected_version=None
) -> AdviceRequest:
    # Claim the case (checking the page's version) before choosing the ref: two people asking at
    # once otherwise both pick the same ref and the second fails its unique constraint. The event
    # recorded below is part of this one edit, so it does not claim the case again.
    with editing(case, expected_version):
        return _request_advice(request, case, adviser_type, on, professional, note)


def _request_advice(request, case, adviser_type, on, professional, note) -> AdviceRequest:
    existing = case.advice_requests.filter(adviser_type=adviser_type).count()
    ref = adviser_type if not existing else f"{adviser_type}-{existing + 1}"
    # The row first, so the clock refresh inside record_event knows the adviser's name; if the
    # event is refused the transaction takes the row away again.
    advice = AdviceRequest.objects.create(
        case=case,
        ref=ref,
        adviser_type=adviser_type,
        professional=professional,
        requested_on=on,
        due_on=clock.due_date(clock.RULES_BY_KEY["advice"], on),
        created_by=_actor(request),
    )
    record_event(request, case, K.ADVICE_REQUESTED, on, ref=ref, note=note)
    return advice


@transaction.atomic
def receive_advice(request, advice, on, *, text="", document=None, expected_version=None) -> AdviceRequest:
    record_event(
        request, advice.case, K.ADVICE_RECEIVED, on, ref=advice.ref, expected_version=expected_version
    )
    advice.received_on = on
    advice.advice = text
    if document is not None:
        advice.document = document
    advice.save()
    return advice


@transaction.atomic
def chase_advice(request, advice, note, how="note") -> AdviceChase:
    chase = AdviceChase.objects.create(advice_request=advice, by=_actor(request), how=how, note=note)
    record(
        request,
        Action.UPDATE,
        child=advice.case.child,
        obj=advice.case,
        summary=f"{advice.case.reference}: chased {advice.get_adviser_type_display()} advice",
    )
    return chase


@transaction.atomic
def record_exception(
    request, case, reason, start, end, note, ref="", expected_version=None, steps=()
) -> CaseExceptionRecord:
    """`steps`: the time limits it delayed (clock rule keys); none = every one its reason excuses."""
    reason = clock.ExceptionReason(reason)
    unknown = set(steps) - set(clock.RULES_BY_KEY)
    if unknown:
        raise OutOfOrder("Choose the time limits it delayed from the list")
    if end < start:
        raise OutOfOrder("The end date must be the same as or after the start date")
    if start < case.received_on:
        raise OutOfOrder("An exception cannot start before the request was received")
    if reason in (clock.ExceptionReason.AWAY, clock.ExceptionReason.SETTING_CLOSED) and not lasts_four_weeks(
        start, end
    ):
        raise OutOfOrder("This exception needs a period of at least 4 weeks")
    _lock(case, expected_version)
    exception = CaseExceptionRecord.objects.create(
        case=case,
        reason=reason,
        start=start,
        end=end,
        ref=ref,
        steps=",".join(sorted(steps)),
        note=note,
        created_by=_actor(request),
    )
    record(
        request,
        Action.UPDATE,
        child=case.child,
        obj=case,
        summary=f"{case.reference}: exception recorded ({reason.label})",
    )
    refresh_clock(case)
    return exception


@transaction.atomic
def allocate(request, case, caseworker) -> None:
    AssessmentCase.objects.filter(pk=case.pk).update(caseworker=caseworker)
    case.caseworker = caseworker
    record(
        request,
        Action.UPDATE,
        child=case.child,
        obj=case,
        summary=f"{case.reference}: allocated to {caseworker}",
    )


@transaction.atomic
def add_note(request, case, text) -> CaseNote:
    note = CaseNote.objects.create(case=case, text=text, created_by=_actor(request))
    record(request, Action.UPDATE, child=case.child, obj=case, summary=f"{case.reference}: note added")
    return note


@transaction.atomic
def add_document(request, case, *, title, upload, content_type, withheld_from_family=False) -> CaseDocument:
    """Keep an uploaded document (already checked by the form) with the case, and audit it."""
    document = CaseDocument.objects.create(
        case=case,
        title=title[:200],
        file=upload,
        content_type=content_type,
        created_by=_actor(request),
        withheld_from_family=withheld_from_family,
    )
    record(request, Action.UPDATE, child=case.child, obj=case, summary=f"{case.reference}: document added")
    return document


__all__ = ["AdviserType", "OutOfOrder", "StaleEditError"]
