"""Advice still awaited on cases closed before closing cancelled it (issue 19): each such request
is cancelled on the day its case closed, with the reason, and an "advice cancelled" event is written
by the system. No `recorded_by`, so no one is emailed about an old case (notifications.signals
announces only what people record). Takes the model classes, so a data migration can pass its
historical models."""

BATCH = 1000
CLOSED = {
    "final": "final plan issued",
    "not_assessed": "decided not to assess",
    "not_issued": "decided not to issue a plan",
    "withdrawn": "request withdrawn",
}


def cancel_advice_on_closed_cases(advice_model, event_model, today, batch=BATCH) -> int:
    """Returns how many advice requests were cancelled."""
    waiting = advice_model.objects.filter(
        received_on__isnull=True, cancelled_on__isnull=True, case__stage__in=list(CLOSED)
    ).select_related("case")
    ids = list(waiting.order_by("pk").values_list("pk", flat=True))
    for first in range(0, len(ids), batch):
        rows = list(waiting.filter(pk__in=ids[first : first + batch]))
        events = []
        for advice in rows:
            case = advice.case
            advice.cancelled_on = case.closed_on or today
            advice.cancelled_reason = f"The case was closed: {CLOSED[case.stage]}"
            events.append(
                event_model(
                    case=case,
                    kind="advice_cancelled",
                    on=advice.cancelled_on,
                    ref=advice.ref,
                    note=advice.cancelled_reason,
                )
            )
        advice_model.objects.bulk_update(rows, ["cancelled_on", "cancelled_reason"], batch_size=batch)
        event_model.objects.bulk_create(events, batch_size=batch)
    return len(ids)
