"""Each list export started is written to the audit log (core/list_exports.py asks for this)."""

from audit.models import Action
from audit.services import record
from core.list_exports import records_exports


@records_exports
def record_export(request, *, summary, **detail):
    return record(request, Action.EXPORT, summary=summary, **detail)
