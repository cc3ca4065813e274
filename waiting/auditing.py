"""Audit one read of each record a list page shows, in one INSERT (audit.services.record writes
one row a call; a page of 50 referrals should not be 50 queries)."""

from audit.models import Action, AuditEvent
from audit.services import client_ip


def record_reads(request, objects, summary: str) -> None:
    actor = request.user if request.user.is_authenticated else None
    record_reads_by(actor, client_ip(request), request.path, objects, summary)


def record_reads_by(actor, ip, path: str, objects, summary: str) -> None:
    """The same, for work done away from the request (an export run by the job worker)."""
    AuditEvent.objects.bulk_create(
        AuditEvent(
            actor=actor,
            actor_label=str(actor) if actor else "",
            actor_role=getattr(actor, "role", "") or "",
            action=Action.VIEW,
            child_id=getattr(obj, "child_id", None),
            object_type=obj._meta.model_name,
            object_id=str(obj.public_id),
            summary=f"{summary}: {obj}"[:300],
            ip_address=ip,
            path=path[:300],
            detail={},
        )
        for obj in objects
    )
