"""The dynamic support register's pages: the list (filters, export, monthly additions and
removals), an entry with its rating history, adding and editing entries, rating changes and the
panel meetings. Every entry shown is an audited read (audit.services.record_read)."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from audit.services import record_read, record_reads
from clock import dates
from core import exports, list_exports
from core.concurrency import StaleEditError
from core.idempotency import create_once, once_per_form
from core.list_exports import list_export
from core.permissions import permission_required
from waiting import register
from waiting.filters import RegisterFilter
from waiting.forms import EditEntryForm, NewEntryForm, PanelForm, RatingForm
from waiting.models import PanelMeeting, RegisterEntry

EXPORT_HEADERS = [
    "Reference",
    "Name",
    "NHS number",
    "Why on the register",
    "Consent",
    "Risk rating",
    "Key worker",
    "Added",
    "Last review",
    "Next review",
    "Removed",
    "Removal reason",
]


def _filtered(query):
    filters = RegisterFilter(query, RegisterEntry.objects.select_related("child", "key_worker"))
    return filters.qs.order_by("next_review_on", "pk"), filters


def _register_row(e):
    return [
        str(e.public_id)[:8],
        e.child.full_name,
        e.child.nhs_number,
        e.get_inclusion_reason_display(),
        e.get_consent_display(),
        e.get_risk_rating_display(),
        str(e.key_worker or ""),
        e.added_on,
        e.last_review_on,
        e.next_review_on,
        e.removed_on,
        e.removal_reason,
    ]


def _register_read(user, ip, path, entries):
    record_reads(None, entries, "Viewed on the support register (export)", user=user, where=(ip, path))


@list_export(
    "waiting.register",
    title="the dynamic support register",
    filename="dynamic-support-register",
    permission="waiting.use_register",
    headers=EXPORT_HEADERS,
    on_read=_register_read,
)
def export_register(user, query, terms, today):
    return _filtered(query)[0], _register_row


@permission_required("waiting.use_register")
def register_list(request):
    entries, filters = _filtered(request.GET)
    fmt = exports.wants_export(request)
    if fmt and filters.is_valid():
        return list_exports.start(request, "waiting.register", fmt, filters=filters.chosen)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    record_reads(request, page, "Viewed on the support register")
    today = dates.today()
    months = register.monthly_changes(dates.months_to(today, 13), today)
    return render(
        request,
        "waiting/register_list.html",
        {
            "page_obj": page,
            "filters": filters,
            "months": list(reversed(months)),
            "today": today,
            "export_label": "the dynamic support register",
        },
    )


def _values(form):
    return {f: form.cleaned_data.get(f) for f in register.ENTRY_FIELDS}


def _refusal(form, error):
    for field, message in error.problems:
        form.add_error(field, message)


@permission_required("waiting.use_register")
@once_per_form
def register_add(request):
    form = NewEntryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:

            def create():
                entry = register.add_entry(
                    request,
                    request.user,
                    form.child,
                    _values(form),
                    form.cleaned_data["risk_rating"],
                    dates.today(),
                )
                messages.success(request, "Added to the dynamic support register")
                return reverse("waiting:register_entry", args=[entry.public_id])

            return redirect(create_once(form.cleaned_data.get("form_token"), request.user, create))
        except register.EntryRefused as error:
            _refusal(form, error)
    return render(
        request, "waiting/register_form.html", {"form": form, "title": "Add someone to the register"}
    )


@permission_required("waiting.use_register")
def register_entry(request, public_id):
    entry = get_object_or_404(
        RegisterEntry.objects.select_related("child", "key_worker"), public_id=public_id
    )
    record_read(request, entry, f"Viewed {entry}")
    return render(
        request,
        "waiting/register_entry.html",
        {
            "entry": entry,
            "changes": entry.rating_changes.select_related("changed_by"),
            "panels": entry.panel_meetings.all(),
            "today": dates.today(),
        },
    )


@permission_required("waiting.use_register")
def register_edit(request, public_id):
    entry = get_object_or_404(RegisterEntry.objects.select_related("child"), public_id=public_id)
    initial = {f: getattr(entry, f) for f in [*register.ENTRY_FIELDS, "removed_on", "removal_reason"]}
    form = EditEntryForm(request.POST or None, initial={**initial, "version": entry.version})
    if request.method != "POST":
        record_read(request, entry, f"Viewed {entry}")
    if request.method == "POST" and form.is_valid():
        try:
            register.update_entry(
                request,
                request.user,
                entry,
                form.cleaned_data["version"],
                _values(form)
                | {
                    "removed_on": form.cleaned_data["removed_on"],
                    "removal_reason": form.cleaned_data["removal_reason"],
                },
                dates.today(),
            )
        except register.EntryRefused as error:
            _refusal(form, error)
        except StaleEditError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Register entry saved")
            return redirect("waiting:register_entry", public_id=entry.public_id)
    return render(
        request,
        "waiting/register_form.html",
        {"form": form, "entry": entry, "title": "Change the register entry"},
    )


@permission_required("waiting.use_register")
def register_rating(request, public_id):
    entry = get_object_or_404(RegisterEntry.objects.select_related("child"), public_id=public_id)
    record_read(request, entry, "Opened a page to change the record (register rating)")
    form = RatingForm(request.POST or None, initial={"rating": entry.risk_rating, "version": entry.version})
    if request.method == "POST" and form.is_valid():
        try:
            register.change_rating(
                request,
                request.user,
                entry,
                form.cleaned_data["version"],
                form.cleaned_data["rating"],
                form.cleaned_data["reason"],
            )
        except StaleEditError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Risk rating now {entry.get_risk_rating_display()}")
            return redirect("waiting:register_entry", public_id=entry.public_id)
    return render(request, "waiting/register_rating.html", {"form": form, "entry": entry})


@permission_required("waiting.use_register")
@once_per_form
def panel_list(request):
    form = PanelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():

        def create():
            register.record_panel(
                request,
                request.user,
                form.cleaned_data["held_on"],
                form.cleaned_data["minutes"],
                form.cleaned_data["entries"],
            )
            messages.success(request, "Panel minutes saved")
            return reverse("waiting:panel_list")

        return redirect(create_once(form.cleaned_data.get("form_token"), request.user, create))
    meetings = PanelMeeting.objects.prefetch_related("entries")[:24]
    return render(request, "waiting/panel_list.html", {"form": form, "meetings": meetings})
