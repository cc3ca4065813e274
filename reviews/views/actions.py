"""Actions on a review, each a small form: arrange the meeting, record each step, the decision, the
end of a ceased plan, mediation and the phase transfer. Each is guarded twice: the review page
offers only what fits today, and the services refuse anything out of order or stale."""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from audit.services import record_read
from clock import dates
from clock.reviews import ReviewEventKind
from core.idempotency import create_once, once_per_form
from people.family import family_for
from reviews import decisions, meetings, plan_link
from reviews.access import get_review_for_user
from reviews.events import EVENT_TYPES, OutOfOrder
from reviews.forms import (
    DecisionForm,
    MediationForm,
    PhaseTransferForm,
    PlanEndedForm,
    ScheduleForm,
    StepForm,
)
from reviews.models import Stage

R = ReviewEventKind
ACT = "reviews.act_on_review"


@dataclass(frozen=True)
class Step:
    slug: str
    kind: ReviewEventKind
    label: str
    date_label: str
    record: object  # the service function
    note_label: str = "Note (optional)"


STEPS = {
    step.slug: step
    for step in (
        Step(
            "meeting-held",
            R.MEETING_HELD,
            "Record that the meeting was held",
            "Date of the meeting",
            decisions.meeting_held,
        ),
        Step(
            "report-sent",
            R.REPORT_SENT,
            "Record that the report was sent",
            "Date the report was sent",
            decisions.report_sent,
        ),
        Step(
            "proposals-sent",
            R.PROPOSALS_SENT,
            "Record that the proposed amendments were sent",
            "Date the proposals were sent to the family",
            decisions.proposals_sent,
        ),
        Step(
            "family-comments",
            R.FAMILY_COMMENTED,
            "Record the family's comments on the proposals",
            "Date of the family's comments",
            decisions.family_commented,
            "What the family said",
        ),
        Step(
            "amended-plan-issued",
            R.AMENDED_PLAN_ISSUED,
            "Issue the amended plan",
            "Date the amended plan was issued",
            decisions.amended_plan_issued,
        ),
    )
}


# The review steps that are the plan's too: plans.lifecycle says whether they can be taken.
PLAN_STEPS = {R.PROPOSALS_SENT: "serve", R.AMENDED_PLAN_ISSUED: "issue"}


def plan_side(review, kind, today) -> tuple[str | None, str | None]:
    """(refusal, warning) from the plan's own rules for this step, shown before submit as the plan
    page shows them: e.g. the family's 15 days on the proposals before the amended plan is issued."""
    draft = review.amendment
    step = PLAN_STEPS.get(kind)
    if step is None or draft is None or draft.is_issued:
        return None, None
    if (step == "issue") == (draft.served_on is None):
        # Issuing a draft not yet marked sent: the service sends it on the proposals' day first.
        # Sending one already sent: the service keeps the day the plan records.
        return None, None
    return plan_link.step_refusal(draft, step, today)


def available_actions(review, history, today) -> list[tuple[str, str]]:
    """(label, url) of each action that fits the review today."""

    def url(name, *args):
        return reverse(f"reviews:{name}", args=[review.public_id, *args])

    actions = []
    if meetings.why_not_schedule(review) is None:
        label = "Arrange the meeting" if review.stage == Stage.DUE else "Arrange the meeting again"
        actions.append((label, url("schedule")))
    for step in STEPS.values():
        if decisions.why_not_step(review, step.kind, today, history) is None:
            actions.append((step.label, url("step", step.slug)))
    if decisions.why_not_step(review, R.DECIDED_TO_AMEND, today, history) is None:
        actions.append(("Record the decision", url("decision")))
    if decisions.why_not_end_plan(review) is None:
        actions.append(("Record that the plan has ended", url("plan_ended")))
    if decisions.why_not_mediation(review) is None:
        actions.append(("Record mediation", url("mediation")))
    if decisions.why_not_phase_transfer(review) is None:
        actions.append(("Change the phase transfer", url("phase_transfer")))
    return actions


def _render(request, review, form, title, blocked=None, template="reviews/review_form.html"):
    context = {"review": review, "form": form, "title": title, "submit": "Save", "blocked": blocked}
    return render(request, template, context)


def _run(request, review, form, action, success):
    """Run `action` once per form token; a refusal goes at the top of the form."""

    def act():
        action()
        messages.success(request, success)
        return reverse("reviews:review_detail", args=[review.public_id])

    try:
        return redirect(create_once(form.cleaned_data["form_token"], request.user, act))
    except OutOfOrder as error:
        form.add_error(None, str(error))
        return None


@login_required
@once_per_form
def schedule(request, public_id):
    review = get_review_for_user(request, public_id, ACT)
    record_read(request, review, "Opened a page to change the record (schedule)")
    family, sencos = family_for(review.child), meetings.sencos_for(review.child.setting)
    initial = {
        "version": review.version,
        "place": review.meeting_place or getattr(review.child.setting, "name", ""),
    }
    if review.stage == Stage.SCHEDULED:
        # Re-arranging: the professionals and others invited before stay ticked and listed.
        invited = list(review.invitees.all())
        initial["professionals"] = [i.user_id for i in invited if i.kind == "professional" and i.user_id]
        initial["others"] = "\n".join(i.name for i in invited if i.kind == "other")
    form = ScheduleForm(
        request.POST or None, family=family, sencos=sencos, due_on=review.due_on, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        invitations = [meetings.Invitation("family", p) for p in form.chosen("family")]
        invitations += [meetings.Invitation("school", u) for u in form.chosen("school")]
        invitations += [meetings.Invitation("professional", u) for u in data["professionals"]]
        invitations += [
            meetings.Invitation("other", name=line.strip())
            for line in data["others"].splitlines()
            if line.strip()
        ]

        def action():
            meetings.schedule(
                request,
                review,
                meeting_on=data["meeting_on"],
                meeting_at=data["meeting_at"],
                place=data["place"],
                invitations=invitations,
                combined_cin_review=data["combined_cin_review"],
                short_notice_reason=data["short_notice_reason"],
                late_reason=data["late_reason"],
                expected_version=data["version"],
            )

        day = f"{data['meeting_on']:%-d %B %Y}"
        response = _run(request, review, form, action, f"Meeting arranged for {day}: invitations sent")
        if response:
            return response
    blocked = meetings.why_not_schedule(review)
    rearranging = review.stage == Stage.SCHEDULED and review.meeting_on is not None
    title = "Arrange the meeting again" if rearranging else "Arrange the review meeting"
    context = {
        "review": review,
        "form": form,
        "title": title,
        "submit": "Save and send the invitations",
        "blocked": blocked,
        "current": meetings.meeting_label(review) if rearranging else "",
    }
    return render(request, "reviews/schedule_form.html", context)


@login_required
@once_per_form
def step(request, public_id, slug):
    chosen = STEPS.get(slug)
    if chosen is None:
        raise Http404("No such step")
    review = get_review_for_user(request, public_id, ACT)
    record_read(request, review, "Opened a page to change the record (step)")
    form = StepForm(
        request.POST or None,
        date_label=chosen.date_label,
        note_label=chosen.note_label,
        initial={"on": dates.today(), "version": review.version},
    )
    issuing = chosen.kind == R.AMENDED_PLAN_ISSUED
    if issuing and plan_link.may_go_early(request):
        # A manager may issue inside the family's 15 days with a recorded reason (audited).
        form.fields["early_reason"] = plan_link.early_reason_field()
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        extra = {"early_reason": data.get("early_reason", "")} if issuing else {}
        response = _run(
            request,
            review,
            form,
            lambda: chosen.record(
                request, review, data["on"], note=data["note"], expected_version=data["version"], **extra
            ),
            f"{EVENT_TYPES[chosen.kind].label} on {data['on']:%-d %B %Y}",
        )
        if response:
            return response
    today = dates.today()
    refusal, warning = plan_side(review, chosen.kind, today)
    blocked = None
    if request.method == "GET":
        blocked = decisions.why_not_step(review, chosen.kind, today) or refusal
    context = {
        "review": review,
        "form": form,
        "title": chosen.label,
        "submit": "Save",
        "blocked": blocked,
        "warning": warning,
    }
    return render(request, "reviews/review_form.html", context)


@login_required
@once_per_form
def decision(request, public_id):
    review = get_review_for_user(request, public_id, ACT)
    record_read(request, review, "Opened a page to change the record (decision)")
    form = DecisionForm(request.POST or None, initial={"on": dates.today(), "version": review.version})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        response = _run(
            request,
            review,
            form,
            lambda: decisions.decide(
                request,
                review,
                data["decision"],
                data["on"],
                data["reasons"],
                cease_reason=data["cease_reason"],
                expected_version=data["version"],
            ),
            "Decision recorded: the family will be told",
        )
        if response:
            return response
    blocked = None
    if request.method == "GET":
        blocked = decisions.why_not_step(review, R.DECIDED_TO_AMEND, dates.today())
    return _render(request, review, form, "Record the decision", blocked)


@login_required
@once_per_form
def plan_ended(request, public_id):
    review = get_review_for_user(request, public_id, ACT)
    record_read(request, review, "Opened a page to change the record (plan ended)")
    form = PlanEndedForm(request.POST or None, initial={"on": dates.today(), "version": review.version})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        response = _run(
            request,
            review,
            form,
            lambda: decisions.plan_ended(request, review, data["on"], expected_version=data["version"]),
            "The end of the plan is recorded",
        )
        if response:
            return response
    blocked = decisions.why_not_end_plan(review)
    return _render(request, review, form, "Record that the plan has ended", blocked)


@login_required
@once_per_form
def mediation(request, public_id):
    review = get_review_for_user(request, public_id, ACT)
    record_read(request, review, "Opened a page to change the record (mediation)")
    initial = {
        "asked_on": review.mediation_asked_on,
        "certificate_on": review.mediation_certificate_on,
        "version": review.version,
    }
    form = MediationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        response = _run(
            request,
            review,
            form,
            lambda: decisions.mediation(
                request,
                review,
                asked_on=data["asked_on"],
                certificate_on=data["certificate_on"],
                expected_version=data["version"],
            ),
            "Mediation recorded",
        )
        if response:
            return response
    blocked = decisions.why_not_mediation(review)
    return _render(request, review, form, "Record mediation", blocked)


@login_required
@once_per_form
def phase_transfer(request, public_id):
    review = get_review_for_user(request, public_id, ACT)
    record_read(request, review, "Opened a page to change the record (phase transfer)")
    initial = {
        "kind": review.phase_transfer,
        "move_on": review.phase_transfer_move_on,
        "version": review.version,
    }
    form = PhaseTransferForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        response = _run(
            request,
            review,
            form,
            lambda: decisions.set_phase_transfer(
                request, review, data["kind"], data["move_on"], expected_version=data["version"]
            ),
            "Phase transfer saved",
        )
        if response:
            return response
    blocked = decisions.why_not_phase_transfer(review)
    return _render(request, review, form, "Phase transfer", blocked)
