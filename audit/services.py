"""Write audit events. The only way entries get into the log; nothing takes them out."""

from audit.models import Action, AuditEvent
from core.client_ip import client_ip

__all__ = ["client_ip", "record", "record_many", "record_read", "record_reads"]


def _event(
    request, action, *, child=None, obj=None, summary="", user=None, where=None, **detail
) -> AuditEvent:
    actor = user or (request.user if request and request.user.is_authenticated else None)
    ip, path = where or (client_ip(request) if request else None, request.path if request else "")
    return AuditEvent(
        actor=actor,
        actor_label=str(actor) if actor else "",
        actor_role=getattr(actor, "role", "") or "",
        action=action,
        child=child,
        object_type=obj._meta.model_name if obj is not None else "",
        object_id=str(getattr(obj, "public_id", obj.pk)) if obj is not None else "",
        summary=summary[:300],
        ip_address=ip,
        path=path[:300],
        detail=detail,
    )


def record(request, action: Action, *, child=None, obj=None, summary="", user=None, **detail):
    """Write one audit event for what `request.user` (or `user`) did."""
    event = _event(request, action, child=child, obj=obj, summary=summary, user=user, **detail)
    event.save()
    return event


def record_many(request, action: Action, read, *, summary="", **detail) -> list[AuditEvent]:
    """One entry per (child, object) pair in `read`, so each child's history shows it, written in
    one INSERT however many there are: a list read costs one statement, not one per row."""
    events = [_event(request, action, child=child, obj=obj, summary=summary, **detail) for child, obj in read]
    return AuditEvent.objects.bulk_create(events) if events else []


def _child_of(obj):
    # A child's own record is the child; any other record of theirs names its child.
    return obj if obj._meta.model_name == "child" else obj.child


def record_read(request, obj, summary: str, *, child=None) -> AuditEvent:
    """The one way a page writes that someone read a child's record: one "Viewed" entry against the
    child, whose history then shows it. `obj` is the child or a record of theirs; `child` when the
    child is further away (an audit of their plan). Every page showing a child's record writes
    exactly one per request (core/tests/test_audit_reads.py)."""
    return record(request, Action.VIEW, child=child or _child_of(obj), obj=obj, summary=summary)


def record_reads(request, objects, summary: str, *, user=None, where=None) -> list[AuditEvent]:
    """A list page's or an export's reads: one "Viewed" entry for each record's child, in one INSERT
    (no query a row: the child is taken by id). Away from a request (an export run by the job
    worker), `user` and `where` (ip, path) say who and from where."""
    events = []
    for obj in objects:
        event = _event(request, Action.VIEW, obj=obj, summary=f"{summary}: {obj}", user=user, where=where)
        event.child_id = obj.pk if obj._meta.model_name == "child" else obj.child_id
        events.append(event)
    return AuditEvent.objects.bulk_create(events) if events else []
