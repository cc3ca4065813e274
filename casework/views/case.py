"""The case page: where the case stands, every clock, the history, advice, exceptions, notes and
documents; and allocation to a caseworker."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import prefetch_related_objects
from django.shortcuts import redirect, render
from django.urls import reverse

from audit.services import record_read
from casework import queries, services
from casework.access import get_case_for_user
from casework.forms import EXCEPTION_STEPS, AllocateForm, NoticesForm
from casework.models import Stage
from casework.views.actions import available_actions, waiting_settings, why_not
from clock import dates
from clock.case_events import EVENT_TYPES, OutOfOrder
from clock.case_events import EventKind as K
from core.idempotency import create_once, once_per_form


def _adviser_names(file):
    return {a.ref: a.get_adviser_type_display() for a in file.advice}


def _history_entries(file):
    """The case's events, newest first, each with a plain label naming its adviser or setting."""
    names = {**_adviser_names(file), **file.setting_names}
    entries = []
    for event in reversed(file.events):
        label = EVENT_TYPES[K(event.kind)].label
        if event.ref:
            label = f"{label}: {names.get(event.ref, event.ref)}"
        entries.append({"event": event, "label": label})
    return entries


def _advice_rows(file, history, today, can_act):
    steps = {step.key: step for step in file.timeline.steps}
    return [
        {
            "advice": advice,
            "step": steps.get(f"advice:{advice.ref}"),
            "can_receive": can_act and why_not(K.ADVICE_RECEIVED, advice.ref, history, today) is None,
            "outstanding": advice.received_on is None and advice.cancelled_on is None,
        }
        for advice in file.advice
    ]


def _consultations(file):
    steps = {step.key: step for step in file.timeline.steps}
    refs = [e.ref for e in file.events if e.kind == K.SETTING_CONSULTED]
    return [
        {"ref": r, "name": file.setting_names.get(r, r), "step": steps.get(f"consultation:{r}")} for r in refs
    ]


@login_required
def case_detail(request, public_id):
    case = get_case_for_user(request, public_id, "casework.view_case_file")
    record_read(request, case, f"Viewed case {case.reference}")
    # One read of the child's plans serves the clock (is it a reassessment?) and the plan link.
    prefetch_related_objects([case.child], "ehc_plans")
    today = dates.today()
    file = queries.case_file(case, today)
    can_act = request.user.has_perm("casework.act_on_case", case)
    actions = available_actions(file.events, file.setting_names, today) if can_act else []
    return render(
        request,
        "casework/case_detail.html",
        {
            "case": case,
            "child": case.child,
            "file": file,
            "steps": file.timeline.steps,
            "next_step": file.timeline.next_deadline,
            "history": _history_entries(file),
            "advice_rows": _advice_rows(file, file.history, today, can_act),
            "consultations": _consultations(file),
            "exceptions": [
                {
                    "exception": x,
                    "advice": _adviser_names(file).get(x.ref, ""),
                    "steps": [label for key, label in EXCEPTION_STEPS if key in x.step_keys],
                }
                for x in file.exceptions
            ],
            "waiting_settings": dict(waiting_settings(file.events, file.setting_names)),
            "actions": actions,
            "can_act": can_act,
            "can_allocate": request.user.has_perm("casework.allocate", case),
            "plan": _plan_for(case),
            "plan_can_start": can_act and case.stage == Stage.DRAFTING,
            # Nobody to send decisions and plans to: shown until the caseworker records who is.
            "no_recipient": services.notice_refusal(case) if case.is_open else None,
        },
    )


def _plan_for(case):
    """The child's EHC plan (the latest), if one exists, so the case page links to where the plan
    is written. From the plans case_detail prefetched."""
    return max(case.child.ehc_plans.all(), key=lambda plan: plan.pk, default=None)


@login_required
def allocate(request, public_id):
    case = get_case_for_user(request, public_id, "casework.allocate")
    record_read(request, case, "Opened a page to change the record (allocate)")
    form = AllocateForm(request.POST or None, initial={"caseworker": case.caseworker_id})
    if request.method == "POST" and form.is_valid():
        services.allocate(request, case, form.cleaned_data["caseworker"])
        messages.success(request, f"{case.reference} allocated to {form.cleaned_data['caseworker']}")
        return redirect("casework:case_detail", public_id=case.public_id)
    title = "Allocate a caseworker" if case.caseworker is None else "Change the caseworker"
    return render(
        request, "casework/case_form.html", {"case": case, "form": form, "title": title, "submit": "Save"}
    )


def _save_notices(request, case, form):
    services.record_notice_arrangements(
        request, case, form.cleaned_data["reason"], expected_version=form.cleaned_data["version"]
    )
    messages.success(request, "Recorded who receives the notices")
    return reverse("casework:case_detail", args=[case.public_id])


@login_required
@once_per_form
def notices(request, public_id):
    case = get_case_for_user(request, public_id, "casework.act_on_case")
    record_read(request, case, "Opened a page to change the record (notices)")
    form = NoticesForm(request.POST or None, initial={"version": case.version, "reason": case.notices_reason})
    if request.method == "POST" and form.is_valid():
        try:
            url = create_once(
                form.cleaned_data["form_token"], request.user, lambda: _save_notices(request, case, form)
            )
        except OutOfOrder as error:
            form.add_error(None, str(error))
        else:
            return redirect(url)
    title = "Record who receives the notices"
    return render(
        request, "casework/case_form.html", {"case": case, "form": form, "title": title, "submit": "Save"}
    )
