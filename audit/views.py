from datetime import datetime, time, timedelta

from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import render
from django.utils import timezone

from audit.forms import AuditFilterForm
from audit.models import Action, AuditEvent
from audit.services import record
from core import exports
from core.permissions import permission_required

EXPORT_HEADERS = ["When", "Who", "Role", "Action", "Child record ID", "What", "From address"]


def _start_of(day):
    return timezone.make_aware(datetime.combine(day, time.min))


def filtered_events(form):
    events = AuditEvent.objects.select_related("child").order_by("-at", "-id")
    if not form.is_valid():
        return events.none()
    data = form.cleaned_data
    if data["person"]:
        words = data["person"].strip()
        events = events.filter(Q(actor__username__iexact=words) | Q(actor_label__icontains=words))
    if data["child"]:
        events = events.filter(child__public_id=data["child"])
    if data["action"]:
        events = events.filter(action=data["action"])
    if data["date_from"]:
        events = events.filter(at__gte=_start_of(data["date_from"]))
    if data["date_to"]:
        events = events.filter(at__lt=_start_of(data["date_to"] + timedelta(days=1)))
    return events


@permission_required("audit.view_log")
def event_list(request):
    form = AuditFilterForm(request.GET or None)
    events = (
        filtered_events(form)
        if request.GET
        else AuditEvent.objects.select_related("child").order_by("-at", "-id")
    )
    fmt = exports.wants_export(request)
    if fmt:
        record(request, Action.EXPORT, summary=f"Exported the audit log as {fmt.upper()}")
        return exports.export_response(
            fmt,
            "audit-log",
            EXPORT_HEADERS,
            (
                [
                    timezone.localtime(e.at).strftime("%d/%m/%Y %H:%M:%S"),
                    e.actor_label,
                    e.actor_role,
                    e.get_action_display(),
                    e.child.public_id if e.child else "",
                    e.summary,
                    e.ip_address or "",
                ]
                for e in events.iterator(chunk_size=2000)
            ),
        )
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "audit/event_list.html",
        {
            "form": form if request.GET else AuditFilterForm(),
            "page_obj": page,
            "export_label": "audit log entries",
        },
    )
