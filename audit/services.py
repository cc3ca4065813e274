"""Write audit events. The only way entries get into the log; nothing takes them out."""

from audit.models import Action, AuditEvent
from core.client_ip import client_ip

__all__ = ["client_ip", "record"]


def _event(request, action, *, child=None, obj=None, summary="", user=None, **detail) -> AuditEvent:
    actor = user or (request.user if request and request.user.is_authenticated else None)
    return AuditEvent(
        actor=actor,
        actor_label=str(actor) if actor else "",
        actor_role=getattr(actor, "role", "") or "",
        action=action,
        child=child,
        object_type=obj._meta.model_name if obj is not None else "",
        object_id=str(getattr(obj, "public_id", obj.pk)) if obj is not None else "",
        summary=summary[:300],
        ip_address=client_ip(request) if request else None,
        path=request.path[:300] if request else "",
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
