from datetime import datetime, time, timedelta

from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import render
from django.utils import timezone

from audit.forms import AuditFilterForm
from audit.models import AuditEvent
from core import exports, list_exports
from core.filters import ListFilterSet
from core.list_exports import list_export
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


class AuditFilter(ListFilterSet):
    """The log's filters: its own form (person, child, action, dates; the from-to check), through the
    same FilterSet door as every list. The day range is worked out by `filtered_events`, as before."""

    class Meta(ListFilterSet.Meta):
        form = AuditFilterForm

    def filter_queryset(self, events):
        return filtered_events(self.form)


def _events(query):
    """The log as the page shows it: filtered by the form, newest first (the page and its export)."""
    filters = AuditFilter(query or None, AuditEvent.objects.select_related("child").order_by("-at", "-id"))
    return filters.form, filters.qs


def _export_row(e):
    return [
        timezone.localtime(e.at).strftime("%d/%m/%Y %H:%M:%S"),
        e.actor_label,
        e.actor_role,
        e.get_action_display(),
        e.child.public_id if e.child else "",
        e.summary,
        e.ip_address or "",
    ]


@list_export(
    "audit.log",
    title="the audit log",
    filename="audit-log",
    permission="audit.view_log",
    headers=EXPORT_HEADERS,
)
def export_events(user, query, terms, today):
    return _events(query)[1], _export_row


@permission_required("audit.view_log")
def event_list(request):
    form, events = _events(request.GET)
    fmt = exports.wants_export(request)
    if fmt and (not form.is_bound or form.is_valid()):
        return list_exports.start(request, "audit.log", fmt)
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "audit/event_list.html",
        {
            "form": form,
            "page_obj": page,
            "export_label": "audit log entries",
        },
    )
