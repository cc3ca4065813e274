"""Panel pages: the list of meetings, scheduling, the agenda with decisions, attendance, adding
cases and recording decisions. Permissions in casework.panel_rules; changes through panels."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from audit.models import Action
from audit.services import record, record_read
from casework import panels
from casework.models import PanelItem, PanelMeeting
from casework.panel_forms import AttendanceForm, PanelDecisionForm, PanelItemForm, PanelMeetingForm
from clock import dates
from clock.case_events import OutOfOrder
from core.idempotency import create_once, once_per_form
from core.permissions import permission_required
from jobs.models import Job
from notifications.links import case_path


def _meeting(public_id):
    return get_object_or_404(PanelMeeting, public_id=public_id)


def _meeting_url(meeting):
    return reverse("casework:panel_detail", args=[meeting.public_id])


@permission_required("casework.view_panels")
def panel_list(request):
    today = dates.today()
    past = Paginator(panels.past_meetings(today), 25).get_page(request.GET.get("page"))
    return render(
        request,
        "casework/panel_list.html",
        {
            "upcoming": panels.upcoming_meetings(today),
            "page_obj": past,
            "can_schedule": request.user.has_perm("casework.schedule_panel"),
        },
    )


@permission_required("casework.schedule_panel")
@once_per_form
def panel_create(request):
    form = PanelMeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def create():
            meeting = panels.schedule_meeting(
                request, meets_on=data["meets_on"], title=data["title"], members=data["members"]
            )
            messages.success(request, f"Panel meeting scheduled for {meeting.meets_on:%-d %B %Y}")
            return _meeting_url(meeting)

        return redirect(create_once(data.get("form_token"), request.user, create))
    return render(request, "casework/panel_form.html", {"form": form})


@permission_required("casework.view_panels")
def panel_detail(request, public_id):
    meeting = _meeting(public_id)
    items = list(meeting.items.select_related("case__child").order_by("pk"))
    for item in items:
        item.case_path = case_path(item.case)
    record(
        request,
        Action.VIEW,
        obj=meeting,
        summary="Viewed a panel agenda",
        cases=[item.case.reference for item in items],
    )
    user = request.user
    return render(
        request,
        "casework/panel_detail.html",
        {
            "meeting": meeting,
            "items": items,
            "members": meeting.members.order_by("last_name", "first_name"),
            "attended": set(meeting.attended.values_list("pk", flat=True)),
            "can_add_items": user.has_perm("casework.add_panel_item"),
            "can_decide": user.has_perm("casework.record_panel_decision"),
            "final_decisions": panels.FINAL_DECISIONS,
        },
    )


@permission_required("casework.record_panel_decision")
def panel_attendance(request, public_id):
    meeting = _meeting(public_id)
    initial = {"attended": list(meeting.attended.values_list("pk", flat=True))}
    form = AttendanceForm(request.POST or None, meeting=meeting, initial=initial)
    if request.method == "POST" and form.is_valid():
        panels.record_attendance(request, meeting, form.cleaned_data["attended"])
        messages.success(request, "Attendance recorded")
        return redirect(_meeting_url(meeting))
    return render(request, "casework/panel_attendance.html", {"form": form, "meeting": meeting})


@permission_required("casework.add_panel_item")
@once_per_form
def panel_item_create(request, public_id):
    meeting = _meeting(public_id)
    initial = {"reference": request.GET.get("reference", "")[:20]}
    form = PanelItemForm(request.POST or None, initial=initial, user=request.user)
    if request.method == "POST" and form.is_valid():

        def create():
            panels.add_item(request, meeting, form.case, form.cleaned_data["question"])
            messages.success(request, f"{form.case.reference} added to the agenda")
            return _meeting_url(meeting)

        try:
            return redirect(create_once(form.cleaned_data.get("form_token"), request.user, create))
        except OutOfOrder as refusal:
            form.add_error(None, str(refusal))
    return render(request, "casework/panel_item_form.html", {"form": form, "meeting": meeting})


@permission_required("casework.record_panel_decision")
def panel_item_decision(request, public_id, item_id):
    meeting = _meeting(public_id)
    item = get_object_or_404(PanelItem.objects.select_related("case__child"), meeting=meeting, pk=item_id)
    form = PanelDecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            letter = panels.record_decision(
                request, item, form.cleaned_data["decision"], form.cleaned_data["reasons"]
            )
        except OutOfOrder as refusal:
            form.add_error(None, str(refusal))
        else:
            done = f"Decision recorded for {item.case.reference}"
            if isinstance(letter, Job) and not letter.is_finished:
                done += ". The decision letter is being made, then kept on the case and sent to the family."
            elif letter:
                done += ". The decision letter is saved on the case."
            messages.success(request, done)
            return redirect(_meeting_url(meeting))
    record_read(request, item.case, "Opened a panel decision")
    return render(
        request,
        "casework/panel_decision_form.html",
        {
            "form": form,
            "meeting": meeting,
            "item": item,
            "decided": item.decision in panels.FINAL_DECISIONS,
            "case_path": case_path(item.case),
        },
    )
