"""Disagreement pages: the lists of what is due and overdue, and the forms that record mediation,
tribunal appeals and orders, and complaints. Each create form is safe to submit twice."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from audit.models import Action
from audit.services import record, record_read
from clock import dates
from core.concurrency import StaleEditError
from core.idempotency import create_once, once_per_form
from core.permissions import permission_required
from engagement import queries, services
from engagement.forms import (
    AppealEditForm,
    AppealForm,
    ComplaintEditForm,
    ComplaintForm,
    MediationEditForm,
    MediationForm,
    OrderForm,
)
from engagement.models import Complaint, MediationCase, TribunalAppeal
from people.models import Child

VIEW = "engagement.view_disagreements"
RECORD = "engagement.record_disagreements"
LIST_URL = "engagement:disagreements"


@permission_required(VIEW)
def disagreements(request):
    today = dates.today()
    record(request, Action.VIEW, summary="Viewed the lists of mediations, tribunal appeals and complaints")
    context = {
        "today": today,
        "mediations": queries.mediations(today),
        "appeals": list(queries.appeals().prefetch_related("orders")),
        "orders": queries.orders(today, open_only=True),
        "complaints": queries.complaints(today),
    }
    return render(request, "engagement/disagreements.html", context)


def _form_page(request, form, title, caption, submit, step):
    if request.method == "POST" and form.is_valid():
        try:
            return redirect(create_once(form.cleaned_data["form_token"], request.user, step))
        except services.Refused as refused:
            form.add_error(refused.field if refused.field in form.fields else None, refused.message)
    context = {
        "form": form,
        "title": title,
        "caption": caption,
        "submit": submit,
        "back": ("Back to disagreements", reverse(LIST_URL)),
    }
    return render(request, "engagement/form.html", context)


def _data(form):
    return {name: value for name, value in form.cleaned_data.items() if name != "form_token"}


@permission_required(RECORD)
@once_per_form
def mediation_new(request, child_id):
    child = get_object_or_404(Child, public_id=child_id)
    record_read(request, child, "Opened a page to change the record (mediation new)")
    form = MediationForm(request.POST or None)

    def step():
        fields = _data(form)
        fields["outcome"] = fields.get("outcome") or ""
        services.record_mediation(request, request.user, child=child, case=_latest_case(child), **fields)
        messages.success(request, "Mediation recorded")
        return reverse(LIST_URL)

    return _form_page(request, form, "Record a mediation", child.full_name, "Record the mediation", step)


@permission_required(RECORD)
@once_per_form
def appeal_new(request, child_id):
    child = get_object_or_404(Child, public_id=child_id)
    record_read(request, child, "Opened a page to change the record (appeal new)")
    form = AppealForm(request.POST or None)

    def step():
        services.record_appeal(request, request.user, child=child, case=_latest_case(child), **_data(form))
        messages.success(request, "Tribunal appeal recorded")
        return reverse(LIST_URL)

    return _form_page(request, form, "Record a tribunal appeal", child.full_name, "Record the appeal", step)


@permission_required(RECORD)
@once_per_form
def order_new(request, appeal_id):
    appeal = get_object_or_404(TribunalAppeal.objects.select_related("child"), public_id=appeal_id)
    record_read(request, appeal, "Opened a page to change the record (order new)")
    form = OrderForm(request.POST or None)

    def step():
        data = _data(form)
        services.record_order(request, request.user, appeal, data["kind"], data["made_on"])
        messages.success(request, "Tribunal order recorded")
        return reverse(LIST_URL)

    caption = f"{appeal.child.full_name}: {appeal}"
    return _form_page(request, form, "Record a tribunal order", caption, "Record the order", step)


@permission_required(RECORD)
@once_per_form
def complaint_new(request):
    form = ComplaintForm(request.POST or None)

    def step():
        services.record_complaint(request, request.user, **_data(form))
        messages.success(request, "Complaint recorded")
        return reverse(LIST_URL)

    return _form_page(request, form, "Record a complaint", "Complaints", "Record the complaint", step)


def _latest_case(child):
    """The child's latest assessment case: the decision a disagreement is usually about."""
    return child.assessment_cases.order_by("-received_on", "-pk").first()


def _edit_page(request, record_obj, form_class, fields, update, title, caption):
    """A versioned edit: a change saved by someone else since the form opened is refused."""
    initial = {name: getattr(record_obj, name) for name in fields}
    initial["version"] = record_obj.version
    form = form_class(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data.get(name) for name in fields}
        for name in ("outcome",):
            if name in data:
                data[name] = data[name] or ""
        try:
            update(request, request.user, record_obj, form.cleaned_data["version"], **data)
        except services.Refused as refused:
            form.add_error(refused.field if refused.field in form.fields else None, refused.message)
        except StaleEditError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Changes saved")
            return redirect(LIST_URL)
    context = {
        "form": form,
        "title": title,
        "caption": caption,
        "submit": "Save changes",
        "back": ("Back to disagreements", reverse(LIST_URL)),
    }
    return render(request, "engagement/form.html", context)


MEDIATION_FIELDS = (
    "about",
    "requested_on",
    "information_only",
    "certificate_issued_on",
    "held_on",
    "outcome",
)
APPEAL_FIELDS = ("about", "registered_on", "grounds", "hearing_on", "outcome", "decided_on")
COMPLAINT_FIELDS = ("complainant", "summary", "received_on", "responded_on")


@permission_required(RECORD)
def mediation_edit(request, mediation_id):
    mediation = get_object_or_404(MediationCase.objects.select_related("child"), public_id=mediation_id)
    record_read(request, mediation, "Opened a mediation to change")
    return _edit_page(
        request,
        mediation,
        MediationEditForm,
        MEDIATION_FIELDS,
        services.update_mediation,
        "Change a mediation",
        mediation.child.full_name,
    )


@permission_required(RECORD)
def appeal_edit(request, appeal_id):
    appeal = get_object_or_404(TribunalAppeal.objects.select_related("child"), public_id=appeal_id)
    record_read(request, appeal, "Opened a tribunal appeal to change")
    return _edit_page(
        request,
        appeal,
        AppealEditForm,
        APPEAL_FIELDS,
        services.update_appeal,
        "Change a tribunal appeal",
        appeal.child.full_name,
    )


@permission_required(RECORD)
def complaint_edit(request, complaint_id):
    complaint = get_object_or_404(Complaint.objects.select_related("child"), public_id=complaint_id)
    return _edit_page(
        request,
        complaint,
        ComplaintEditForm,
        COMPLAINT_FIELDS,
        services.update_complaint,
        "Change a complaint",
        "Complaints",
    )
