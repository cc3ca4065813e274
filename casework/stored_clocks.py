"""Recompute the clock's answer stored on every case (`next_deadline`, `next_step`, `is_overdue`),
in batches, from the case's events: for a data migration after a change to the engine, so lists,
exports, home figures and the API agree with the case page again.

Takes the model classes as arguments, so a migration can pass its historical models; the dates
are the engine's (services.case_timeline does the same for one case).
"""

import clock
from casework.models import OPEN_STAGES, AdviserType
from clock.case_events import EventKind

BATCH = 500
COLUMNS = ("next_deadline", "next_step", "is_overdue")
SETTING_REF_PREFIX = "setting-"


def _setting_names(setting_model, refs) -> dict[str, str]:
    pks = {
        int(r.removeprefix(SETTING_REF_PREFIX))
        for r in refs
        if r.startswith(SETTING_REF_PREFIX) and r.removeprefix(SETTING_REF_PREFIX).isdigit()
    }
    rows = setting_model.objects.filter(pk__in=pks).values_list("pk", "name") if pks else []
    return {f"{SETTING_REF_PREFIX}{pk}": name for pk, name in rows}


def _columns(case, today, settings) -> tuple:
    labels = {a.ref: AdviserType(a.adviser_type).label for a in case.advice_requests.all()}
    labels.update(settings)
    line = clock.timeline(
        [clock.Event(EventKind(e.kind), e.on, e.ref) for e in case.events.all()],
        [
            clock.CaseException(clock.ExceptionReason(x.reason), x.start, x.end, x.ref)
            for x in case.exceptions.all()
        ],
        today=today,
        adviser_labels=labels,
    )
    step = line.next_deadline
    return (step.due if step else None, step.label[:120] if step else "", bool(line.overdue))


def recompute_cases(case_model, setting_model, today, batch=BATCH, *, open_only=False) -> int:
    """Store the engine's answer on every case whose stored one differs; returns how many changed.
    `open_only`: only open cases (the daily refresh: a closed case's answer no longer changes)."""
    cases = case_model.objects.all()
    if open_only:

        cases = cases.filter(stage__in=OPEN_STAGES)
    ids = list(cases.order_by("pk").values_list("pk", flat=True))
    changed = 0
    for first in range(0, len(ids), batch):
        cases = list(
            case_model.objects.filter(pk__in=ids[first : first + batch]).prefetch_related(
                "events", "exceptions", "advice_requests"
            )
        )
        settings = _setting_names(setting_model, {e.ref for c in cases for e in c.events.all()})
        stale = []
        for case in cases:
            new = _columns(case, today, settings)
            if new != tuple(getattr(case, name) for name in COLUMNS):
                case.next_deadline, case.next_step, case.is_overdue = new
                stale.append(case)
        case_model.objects.bulk_update(stale, COLUMNS, batch_size=batch)
        changed += len(stale)
    return changed
