"""Moving a plan on: start a draft from an assessment, start an amendment, send the draft to the
family, issue it, cease the plan. Each form is safe to submit twice (core.idempotency) and every
refusal from plans.services is shown on the form in its own words."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render

from audit.services import record_read
from casework.access import get_case_for_user
from clock import dates
from core.idempotency import create_once, once_per_form
from plans import lifecycle, services, steps
from plans.access import get_plan_for_user, get_version_for_user
from plans.content import load_content
from plans.errors import PlanError
from plans.facts import findings_for
from plans.forms import CeaseForm, DateForm, IssueForm, StartForm
from plans.views.common import back, plan_url, version_url

EDIT = "plans.edit_plan"


def _run(request, form, step, context):
    """Do `step` once per form token; a refusal becomes the form's error."""
    try:
        return redirect(create_once(form.cleaned_data["form_token"], request.user, step))
    except PlanError as error:
        form.add_error(None, str(error))
    return render(request, "plans/form.html", {**context, "form": form})


@login_required
@once_per_form
def start_plan(request, case_id):
    case = get_case_for_user(request, case_id, "casework.act_on_case")
    record_read(request, case, "Opened a page to change the record (start plan)")
    if not request.user.has_perm(EDIT):
        raise PermissionDenied
    form = StartForm(request.POST or None)
    received = case.advice_requests.filter(received_on__isnull=False)
    context = {
        "title": "Start the draft plan",
        "caption": f"{case.child.full_name}, {case.reference}",
        "back": back("Back to the case", "casework:case_detail", case.public_id),
        "submit": "Start the draft plan",
        "intro": f"Section K will list the {received.count()} pieces of advice this assessment received, "
        "each with its date. You then write sections A to J.",
    }
    if request.method == "POST" and form.is_valid():

        def step():
            version = services.start_plan(request, case)
            messages.success(request, "Draft plan started")
            return version_url(version.plan, version)

        return _run(request, form, step, context)
    return render(request, "plans/form.html", {**context, "form": form})


@login_required
@once_per_form
def start_amendment(request, public_id):
    plan = get_plan_for_user(request, public_id, EDIT)
    record_read(request, plan, "Opened a page to change the record (start amendment)")
    form = StartForm(request.POST or None)
    context = {
        "title": "Start an amendment",
        "caption": plan.child.full_name,
        "back": back("Back to the plan", "plans:plan_detail", plan.public_id),
        "submit": "Start the amendment",
        "intro": "The amendment starts as a copy of the current plan. Change what needs to change, send "
        "the proposed amendments to the family, then issue the amended plan.",
    }
    if request.method == "POST" and form.is_valid():

        def step():
            version = services.start_amendment(request, plan)
            messages.success(request, f"Amendment started: version {version.number}")
            return version_url(plan, version)

        return _run(request, form, step, context)
    return render(request, "plans/form.html", {**context, "form": form})


def _version_step(
    request, public_id, number, *, title, date_label, submit, act, done, intro="", extra=None, step=None
):
    plan, version = get_version_for_user(request, public_id, number, EDIT)
    record_read(request, plan, "Opened a step of the plan (serve or issue)")
    if step == lifecycle.Step.ISSUE:
        form = IssueForm(
            request.POST or None,
            date_label=date_label,
            initial={"on": dates.today()},
            may_go_early=lifecycle.may_go_early(request),
        )
    else:
        form = DateForm(request.POST or None, date_label=date_label, initial={"on": dates.today()})
    context = {
        "title": title,
        "caption": f"{plan.child.full_name}, version {version.number}",
        "back": back("Back to the plan", "plans:version_detail", plan.public_id, version.number),
        "submit": submit,
        "intro": intro,
        **(extra(plan, version) if extra else {}),
    }
    if version.is_issued:
        context["blocked"] = f"This version was issued on {version.issued_on:%-d %B %Y}."
    elif step is not None and request.method == "GET":
        # Why it cannot be done today (the family's time shows as a warning: a date can still fit).
        why = lifecycle.why_not(step, version, dates.today(), overridden=True)
        if why:
            context["blocked"] = why
        else:
            context["warning"] = lifecycle.why_not(step, version, dates.today())
    if request.method == "POST" and form.is_valid() and not version.is_issued:

        def step_():
            extra_args = {}
            if "early_reason" in form.cleaned_data:
                extra_args["early_reason"] = form.cleaned_data["early_reason"]
            act(request, version, form.cleaned_data["on"], **extra_args)
            messages.success(request, done)
            return version_url(plan, version)

        return _run(request, form, step_, context)
    return render(request, "plans/form.html", {**context, "form": form})


@login_required
@once_per_form
def serve_draft(request, public_id, number):
    return _version_step(
        request,
        public_id,
        number,
        title="Record that the draft was sent to the family",
        date_label="Date the draft was sent",
        submit="Save",
        act=steps.serve,
        step=lifecycle.Step.SERVE,
        done="Recorded that the draft was sent to the family",
        intro="The family has 15 days from this date to comment, ask for a meeting or ask for a school "
        "or setting to be named.",
    )


def _issue_warnings(plan, version):
    findings = findings_for(load_content(version), plan.child)
    return {"findings": findings, "setting_warnings": lifecycle.setting_warnings(version)}


@login_required
@once_per_form
def issue(request, public_id, number):
    return _version_step(
        request,
        public_id,
        number,
        title="Issue the plan",
        date_label="Date the plan is issued",
        submit="Issue the plan",
        act=steps.issue,
        step=lifecycle.Step.ISSUE,
        done="Plan issued",
        intro="Once issued, this version cannot be changed. Later changes are made by amending the plan.",
        extra=_issue_warnings,
    )


@login_required
@once_per_form
def cease(request, public_id):
    plan = get_plan_for_user(request, public_id, EDIT)
    record_read(request, plan, "Opened a page to change the record (cease)")
    form = CeaseForm(request.POST or None, date_label="Date the plan ceases", initial={"on": dates.today()})
    context = {
        "title": "Cease the plan",
        "caption": plan.child.full_name,
        "back": back("Back to the plan", "plans:plan_detail", plan.public_id),
        "submit": "Cease the plan",
        "intro": "Consult the family and the school or setting first. The family can go to mediation "
        "and appeal against the decision (CFA s.45; regs 29-31).",
    }
    if not plan.is_live:
        context["blocked"] = f"This plan ceased on {plan.ceased_on:%-d %B %Y}."
    review = lifecycle.ceasing_review(plan) if plan.is_live else None
    if review is not None:
        # The review's decision owns the end of the plan: recorded here, it is the review's step.
        del form.fields["reason"]
        last = review.appeal_deadline
        context["intro"] = (
            f"Annual review {review.reference} decided on {review.decided_on:%-d %B %Y} to stop "
            f"maintaining the plan: {review.get_cease_reason_display()}. Recording the end here records "
            "it on the review. The plan stays in place until the time to appeal has passed"
            + (f" (the last day to appeal is {last:%-d %B %Y})." if last else ".")
        )
    if request.method == "POST" and form.is_valid() and plan.is_live:

        def step():
            steps.cease(request, plan, form.cleaned_data["on"], form.cleaned_data.get("reason"))
            messages.success(request, "The plan has ceased")
            return plan_url(plan)

        return _run(request, form, step, context)
    return render(request, "plans/form.html", {**context, "form": form})
