"""Write audit events. The only way entries get into the log; nothing takes them out."""

from audit.models import Action, AuditEvent
from core.client_ip import client_ip

__all__ = ["client_ip", "record"]


def record(request, action: Action, *, child=None, obj=None, summary="", user=None, **detail):
    """Write one audit event for what `request.user` (or `user`) did."""
    actor = user or (request.user if request and request.user.is_authenticated else None)
    return AuditEvent.objects.create(
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
