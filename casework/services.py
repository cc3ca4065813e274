"""The only code that changes assessment cases. Every change is checked against the event
catalogue, written as a CaseEvent, audited, and followed by a refresh of the stored deadline."""

from django.db import IntegrityError, transaction
from django.db.models import Max, Q

from audit.models import Action
from audit.services import record
from casework import clock
from casework.events import EVENT_TYPES, EventKind, OutOfOrder, check_can_record
from casework.models import (
    AdviceChase,
    AdviceRequest,
    AdviserType,
    AssessmentCase,
    CaseDocument,
    CaseEvent,
    CaseExceptionRecord,
    CaseNote,
    Stage,
)
from core import dates
from people.models import Child, Setting

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
SETTING_REF_PREFIX = "setting-"  # a consultation's event ref names the setting: "setting-<pk>"
STALE = (
    "Someone else changed this case after you opened it. Nothing was saved: "
    "check the case as it is now, then try again."
)


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
    from plans.models import EHCPlan  # plans depends on casework

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


@transaction.atomic
def open_case(
    request, *, child, source, received_on, reasons, consent_given, requester_name="", caseworker=None
) -> AssessmentCase:
    today = dates.today()
    if received_on > today:
        raise OutOfOrder("The date the request was received cannot be in the future")
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
    """The case row, locked until the transaction ends, so two people changing it at once are
    serialised; with `expected_version`, a change based on an older page is refused."""
    locked = AssessmentCase.objects.select_for_update().get(pk=case.pk)
    if expected_version is not None and locked.version != expected_version:
        raise OutOfOrder(STALE)
    return locked


def _record_plan_on_child(request, child):
    """Once the final plan is issued the child has an EHC plan: the record says so (census "E")."""
    if child.sen_provision == "E":
        return
    child.sen_provision = "E"
    child.version += 1
    child.modified_by = _actor(request)
    child.save()
    record(
        request, Action.UPDATE, child=child, obj=child, summary="Recorded the EHC plan on the child's record"
    )


@transaction.atomic
def record_event(request, case, kind: EventKind, on, *, ref="", note="", expected_version=None):
    """Record `kind` on `case` if it fits where the case is; refuse it with a reason otherwise.

    Locks the case row first, so two people recording at once are serialised and the second sees
    the first one's event (and, with `expected_version`, is told the case changed)."""
    locked = _lock(case, expected_version)
    check_can_record(kind, ref, on, _history(locked), dates.today())
    event = _write_event(request, locked, kind, on, ref, note)
    locked.version += 1
    if kind in STAGE_AFTER:
        locked.stage = STAGE_AFTER[kind]
    if kind in CLOSING:
        locked.closed_on = on
    locked.modified_by = _actor(request)
    locked.save()
    if kind == K.FINAL_ISSUED:
        _record_plan_on_child(request, Child.objects.get(pk=locked.child_id))
    refresh_clock(locked)
    case.refresh_from_db()
    return event


@transaction.atomic
def request_advice(
    request, case, adviser_type, on, *, professional=None, note="", expected_version=None
) -> AdviceRequest:
    # Lock the case (and check the page's version) before choosing the ref: two people asking at
    # once otherwise both pick the same ref and the second fails its unique constraint.
    _lock(case, expected_version)
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
    record_event(request, case, K.ADVICE_REQUESTED, on, ref=ref, note=note, expected_version=expected_version)
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
    if (
        reason in (clock.ExceptionReason.AWAY, clock.ExceptionReason.SETTING_CLOSED)
        and (end - start).days < 27
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


__all__ = ["AdviserType", "OutOfOrder"]
