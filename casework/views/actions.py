"""Stage actions on a case, each a small form: decisions, advice, the draft, consultation, the
final plan, withdrawal and exceptions. Every one is guarded twice: the case page shows only the
actions clock.case_events would allow today, and services refuse anything out of order or stale."""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from audit.services import record_read
from casework import services
from casework.access import get_case_for_user
from casework.forms import (
    AdviceReceivedForm,
    AdviceRequestForm,
    ChaseForm,
    ConsultSettingForm,
    DecisionForm,
    ExceptionForm,
    IssueFinalForm,
    SettingReplyForm,
    StageForm,
)
from casework.models import AssessmentCase
from casework.queries import event_history
from clock import dates
from clock.case_events import EVENT_TYPES, OutOfOrder, check_can_record
from clock.case_events import EventKind as K
from core.idempotency import create_once, once_per_form
from plans import lifecycle, steps

NEW_REF = "\x00new"  # stands for an adviser or setting not yet asked, when checking what is allowed


@dataclass(frozen=True)
class StageAction:
    slug: str
    label: str  # the button on the case page and the heading of the form
    kinds: tuple
    date_label: str
    note_label: str = "Note (optional)"
    form_class: type = StageForm
    new_ref: bool = False  # each use names a new adviser or setting
    question: str = ""  # for a decision: the question, answered by choosing one of `kinds`
    answers: tuple = ()


ACTIONS = [
    StageAction(
        "decide-assess",
        "Decide whether to assess",
        (K.DECIDED_TO_ASSESS, K.DECIDED_NOT_TO_ASSESS),
        "Date of the decision",
        "Reasons for the decision",
        DecisionForm,
        question="What was decided?",
        answers=("Assess: ask for advice", "Do not assess"),
    ),
    StageAction(
        "request-advice",
        "Ask for advice",
        (K.ADVICE_REQUESTED,),
        "Date advice was asked for",
        new_ref=True,
        form_class=AdviceRequestForm,
    ),
    StageAction(
        "decide-issue",
        "Decide whether to issue a plan",
        (K.DECIDED_TO_ISSUE, K.DECIDED_NOT_TO_ISSUE),
        "Date of the decision",
        "Reasons for the decision",
        DecisionForm,
        question="What was decided?",
        answers=("Issue a plan: write the draft", "Do not issue a plan"),
    ),
    StageAction(
        "serve-draft", "Record that the draft plan was sent", (K.DRAFT_SERVED,), "Date the draft was sent"
    ),
    StageAction(
        "family-response",
        "Record the family's response",
        (K.FAMILY_RESPONDED,),
        "Date the family responded",
        "What the family said",
    ),
    StageAction(
        "consult-setting",
        "Consult a school or setting",
        (K.SETTING_CONSULTED,),
        "Date the setting was asked",
        form_class=ConsultSettingForm,
        new_ref=True,
    ),
    StageAction(
        "setting-reply",
        "Record a setting's reply",
        (K.SETTING_REPLIED,),
        "Date of the reply",
        "What the setting said",
        SettingReplyForm,
    ),
    StageAction(
        "issue-final",
        "Issue the final plan",
        (K.FINAL_ISSUED,),
        "Date the final plan was issued",
        form_class=IssueFinalForm,
    ),
    StageAction(
        "withdraw",
        "Record that the request was withdrawn",
        (K.WITHDRAWN,),
        "Date it was withdrawn",
        "Why it was withdrawn (optional)",
    ),
]
ACTIONS_BY_SLUG = {action.slug: action for action in ACTIONS}


def why_not(kind, ref, history, today) -> str | None:
    """Why `kind` cannot be recorded today, or None if it can."""
    try:
        check_can_record(kind, ref, today, history, today)
    except OutOfOrder as refusal:
        return str(refusal)
    return None


def waiting_settings(events, names) -> list[tuple[str, str]]:
    """(ref, setting name) of each setting consulted that has not replied."""
    replied = {e.ref for e in events if e.kind == K.SETTING_REPLIED}
    return [
        (e.ref, names.get(e.ref, e.ref))
        for e in events
        if e.kind == K.SETTING_CONSULTED and e.ref not in replied
    ]


def refusal(action, history, today, waiting) -> str | None:
    """Why `action` cannot be taken today (None if it can), from the case's events alone."""
    if action.slug == "setting-reply":
        if not waiting:
            return "No school or setting is waiting to reply"
        refs = [ref for ref, _ in waiting]
    else:
        refs = [NEW_REF if action.new_ref else ""]
    reasons = [why_not(kind, ref, history, today) for kind in action.kinds for ref in refs]
    return None if None in reasons else reasons[0]


def available_actions(events, names, today) -> list[StageAction]:
    history = [(K(e.kind), e.ref, e.on) for e in events]
    waiting = waiting_settings(events, names)
    return [a for a in ACTIONS if refusal(a, history, today, waiting) is None]


def _case_url(case):
    return reverse("casework:case_detail", args=[case.public_id])


def _place_refusal(form, error, case, kind, ref):
    """Show a refusal beside the date when only the date is wrong (the step would fit today),
    otherwise at the top of the page."""
    version = AssessmentCase.objects.values_list("version", flat=True).get(pk=case.pk)
    date_only = (
        version == form.cleaned_data["version"]
        and why_not(kind, ref, event_history(case), dates.today()) is None
    )
    form.add_error("on" if date_only else None, str(error))


def _form_for(action, request, case, waiting):
    kwargs = {
        "kind": action.kinds[0],
        "date_label": action.date_label,
        "note_label": action.note_label,
        "note_required": False,
        "initial": {"on": dates.today(), "version": case.version, "ref": request.GET.get("ref", "")},
    }
    if action.form_class is DecisionForm:
        kwargs.update(choices=list(zip(action.kinds, action.answers, strict=True)), question=action.question)
    if action.form_class is SettingReplyForm:
        kwargs["consulted"] = waiting
    if action.form_class is IssueFinalForm:

        kwargs["may_go_early"] = lifecycle.may_go_early(request)
    return action.form_class(request.POST or None, **kwargs)


def _family_time_warning(case) -> str | None:
    """Before issuing the final plan: the family's 15 days, if they are not over today (a manager
    can still go early with a reason, so it is a warning, not a refusal)."""

    version = steps.case_draft(case)
    if version is None or version.is_issued:
        return None
    today = dates.today()
    if lifecycle.why_not(lifecycle.Step.ISSUE, version, today, overridden=True):
        return None  # refused for another reason: the service says it on submit
    return lifecycle.why_not(lifecycle.Step.ISSUE, version, today)


def _record(request, case, action, form):
    data = form.cleaned_data
    if action.slug == "request-advice":
        services.request_advice(
            request,
            case,
            data["adviser_type"],
            data["on"],
            professional=data["professional"],
            note=data["note"],
            expected_version=data["version"],
        )
        kind = K.ADVICE_REQUESTED
    else:
        kind, ref = form.event()
        services.record_event(
            request,
            case,
            kind,
            data["on"],
            ref=ref,
            note=data["note"],
            expected_version=data["version"],
            early_reason=data.get("early_reason", ""),
        )
    messages.success(request, f"{EVENT_TYPES[kind].label} on {data['on']:%-d %B %Y}")
    return _case_url(case)


@login_required
@once_per_form
def case_action(request, public_id, slug):
    action = ACTIONS_BY_SLUG.get(slug)
    if action is None:
        raise Http404("No such action")
    case = get_case_for_user(request, public_id, "casework.act_on_case")
    record_read(request, case, "Opened a page to change the record (case action)")
    events = list(case.events.all())
    waiting = waiting_settings(events, services.setting_names({e.ref for e in events}))
    form = _form_for(action, request, case, waiting)
    if request.method == "POST" and form.is_valid():
        kind, ref = form.event()
        try:
            url = create_once(
                form.cleaned_data["form_token"], request.user, lambda: _record(request, case, action, form)
            )
        except OutOfOrder as error:
            _place_refusal(form, error, case, kind, ref or (NEW_REF if action.new_ref else ""))
        else:
            return redirect(url)
    history = [(K(e.kind), e.ref, e.on) for e in events]
    blocked = refusal(action, history, dates.today(), waiting) if request.method == "GET" else None
    warning = _family_time_warning(case) if action.slug == "issue-final" and not blocked else None
    return render(
        request,
        "casework/case_form.html",
        {
            "case": case,
            "form": form,
            "title": action.label,
            "submit": "Save",
            "blocked": blocked,
            "warning": warning,
        },
    )


def _receive(request, case, advice, form):
    data = form.cleaned_data
    services.receive_advice(request, advice, data["on"], text=data["note"], expected_version=data["version"])
    checked = data.get("document")
    if checked:
        title = f"Advice from {advice.get_adviser_type_display().lower()}: {checked.title}"
        services.add_document(
            request, case, title=title, upload=checked.upload, content_type=checked.content_type
        )
    messages.success(request, f"Advice from {advice.get_adviser_type_display().lower()} recorded")
    return _case_url(case)


@login_required
@once_per_form
def advice_received(request, public_id, advice_id):
    case = get_case_for_user(request, public_id, "casework.act_on_case")
    record_read(request, case, "Opened a page to change the record (advice received)")
    advice = get_object_or_404(case.advice_requests.select_related("professional"), public_id=advice_id)
    form = AdviceReceivedForm(
        request.POST or None,
        request.FILES or None,
        kind=K.ADVICE_RECEIVED,
        date_label="Date the advice was received",
        note_label="Summary of the advice (optional)",
        initial={"on": dates.today(), "version": case.version},
    )
    if request.method == "POST" and form.is_valid():
        try:
            url = create_once(
                form.cleaned_data["form_token"], request.user, lambda: _receive(request, case, advice, form)
            )
        except OutOfOrder as error:
            _place_refusal(form, error, case, K.ADVICE_RECEIVED, advice.ref)
        else:
            return redirect(url)
    blocked = None
    if request.method == "GET":
        blocked = why_not(K.ADVICE_RECEIVED, advice.ref, event_history(case), dates.today())
    title = f"Record advice received from {advice.get_adviser_type_display().lower()}"
    return render(
        request,
        "casework/case_form.html",
        {"case": case, "form": form, "title": title, "submit": "Save", "blocked": blocked, "multipart": True},
    )


def _chase(request, case, advice, form):
    services.chase_advice(request, advice, form.cleaned_data["note"], how=form.cleaned_data["how"])
    messages.success(request, f"Chase of {advice.get_adviser_type_display().lower()} advice recorded")
    return _case_url(case)


@login_required
@once_per_form
def advice_chase(request, public_id, advice_id):
    case = get_case_for_user(request, public_id, "casework.act_on_case")
    record_read(request, case, "Opened a page to change the record (advice chase)")
    advice = get_object_or_404(case.advice_requests, public_id=advice_id)
    form = ChaseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token = form.cleaned_data["form_token"]
        return redirect(create_once(token, request.user, lambda: _chase(request, case, advice, form)))
    title = f"Chase advice from {advice.get_adviser_type_display().lower()}"
    return render(
        request, "casework/case_form.html", {"case": case, "form": form, "title": title, "submit": "Save"}
    )


def _exception(request, case, form):
    data = form.cleaned_data
    services.record_exception(
        request,
        case,
        data["reason"],
        data["start"],
        data["end"],
        data["note"],
        ref=data["ref"],
        expected_version=data["version"],
        steps=data["steps"],
    )
    messages.success(request, "Exception recorded")
    return _case_url(case)


@login_required
@once_per_form
def exception_create(request, public_id):
    case = get_case_for_user(request, public_id, "casework.act_on_case")
    record_read(request, case, "Opened a page to change the record (exception create)")
    advice = [
        (a.ref, f"{a.get_adviser_type_display()} (asked {a.requested_on:%-d %B %Y})")
        for a in case.advice_requests.all()
    ]
    form = ExceptionForm(
        request.POST or None, received_on=case.received_on, advice=advice, initial={"version": case.version}
    )
    if request.method == "POST" and form.is_valid():
        try:
            url = create_once(
                form.cleaned_data["form_token"], request.user, lambda: _exception(request, case, form)
            )
        except OutOfOrder as error:
            form.add_error(None, str(error))
        else:
            return redirect(url)
    title = "Record an exception to the time limits"
    return render(
        request, "casework/case_form.html", {"case": case, "form": form, "title": title, "submit": "Save"}
    )
