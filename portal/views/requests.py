"""The question pages where a family or a school asks for an EHC needs assessment. Every page
saves its answer straight away, so a request survives a timeout and can be finished later."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from core.permissions import permission_required
from portal import forms_requests as forms
from portal import request_wizard as wizard


def step_url(draft, key, change=False) -> str:
    """The page for question `key` (or the documents or check page) of this request."""
    if key == wizard.CHECK:
        return reverse("portal:request_check", args=[draft.public_id])
    if key == "documents":
        url = reverse("portal:request_documents", args=[draft.public_id])
    else:
        url = reverse("portal:request_step", args=[draft.public_id, key])
    return url + ("?change=1" if change else "")


def back_url(draft, key) -> str:
    previous = wizard.previous_step(draft, key)
    return step_url(draft, previous) if previous else reverse("portal:request_start")


def after_saving(request, draft, key) -> str:
    """Where a saved answer leads: on to the next question, or, when changing an answer from the
    check page, back there (by way of any question the change has made necessary)."""
    if request.GET.get("change") == "1":
        return step_url(draft, wizard.first_unanswered(draft), change=True)
    return step_url(draft, wizard.next_step(draft, key))


def open_draft(request, public_id):
    """The user's own unsent request; a sent one sends them to its confirmation page."""
    draft = wizard.get_draft(request, public_id)
    if draft.is_sent:
        return draft, redirect("portal:request_sent", draft.public_id)
    return draft, None


@permission_required("portal.request_assessment")
def request_start(request):
    """What the request is and what happens next; start a new request or go back to a saved one."""
    if request.method == "POST":
        draft = wizard.start_draft(request.user)
        return redirect(step_url(draft, "child"))
    return render(
        request,
        "portal/requests/start.html",
        {
            "saved": saved_requests_for(request.user),
            "sent": wizard.sent_requests(request.user),
            "route": wizard.route_for(request.user),
        },
    )


def saved_requests_for(user):
    """The user's unsent requests, each with the page to carry on from, for "Your saved request"
    (the portal home shows them with portal/requests/_saved.html)."""
    drafts = wizard.saved_drafts(user) if user.has_perm("portal.request_assessment") else []
    for draft in drafts:
        draft.continue_url = step_url(draft, wizard.first_unanswered(draft))
    return drafts


# Building and saving each question page ---------------------------------------------------------


def _child_form(request, draft, data):
    initial = {
        "child": forms.NOT_LISTED if draft.child_not_listed else str(getattr(draft.child, "public_id", ""))
    }
    return forms.ChildChoiceForm(
        data, initial=initial, children=wizard.choosable_children(request.user), route=draft.route
    )


def _child_answers(form):
    child = form.chosen_child()
    return {"child": child, "child_not_listed": child is None}


def _details_form(request, draft, data):
    initial = {
        "first_name": draft.child_first_name,
        "last_name": draft.child_last_name,
        "date_of_birth": draft.child_date_of_birth,
        "school": draft.child_school,
        "relationship": draft.relationship,
    }
    return forms.ChildDetailsForm(data, initial=initial, asks_relationship=wizard.asks_relationship(draft))


def _details_answers(form):
    data = form.cleaned_data
    return {
        "child_first_name": data["first_name"].strip(),
        "child_last_name": data["last_name"].strip(),
        "child_date_of_birth": data["date_of_birth"],
        "child_school": data["school"].strip(),
        "relationship": data.get("relationship", ""),
    }


def _text_form(key):
    def build(request, draft, data):
        question, hint, required = forms.TEXT_QUESTIONS[(key, draft.route)]
        initial = {"answer": getattr(draft, wizard.TEXT_FIELDS[key])}
        return forms.TextAnswerForm(
            data, initial=initial, question=question, hint=hint, required_message=required
        )

    return build


def _text_answers(key):
    return lambda form: {wizard.TEXT_FIELDS[key]: form.cleaned_data["answer"].strip()}


def _contact_form(request, draft, data):
    return forms.ContactForm(data, initial={"contact_preference": draft.contact_preference})


def _consent_form(request, draft, data):
    initial = {"consent": {True: "yes", False: "no"}.get(draft.consent_given)}
    return forms.ConsentForm(data, initial=initial, route=draft.route)


# step key -> (build the form, turn its cleaned data into the draft's fields)
PAGES = {
    "child": (_child_form, _child_answers),
    "child-details": (_details_form, _details_answers),
    "needs": (_text_form("needs"), _text_answers("needs")),
    "support": (_text_form("support"), _text_answers("support")),
    "why-now": (_text_form("why-now"), _text_answers("why-now")),
    "contact": (_contact_form, lambda form: dict(form.cleaned_data)),
    "consent": (_consent_form, lambda form: {"consent_given": form.agreed()}),
}


@login_required
def request_step(request, public_id, step):
    draft, sent = open_draft(request, public_id)
    if sent:
        return sent
    page = wizard.STEPS_BY_KEY.get(step)
    if step not in PAGES or not page.applies(draft):
        raise Http404("No such question")
    build, answers = PAGES[step]
    form = build(request, draft, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if not wizard.save_answers(request.user, draft, **answers(form)):
            return redirect("portal:request_sent", draft.public_id)
        if "save_and_exit" in request.POST:
            return redirect("portal:request_start")
        return redirect(after_saving(request, draft, step))
    return render(
        request,
        "portal/requests/question.html",
        {
            "draft": draft,
            "form": form,
            "step": page,
            "back_url": back_url(draft, step),
            "single": step != "child-details",
        },
    )


@login_required
def request_discard(request, public_id):
    """Delete a saved request the person no longer wants (asks first)."""
    draft, sent = open_draft(request, public_id)
    if sent:
        return sent
    if request.method == "POST":
        wizard.discard(draft)
        return redirect("portal:request_start")
    return render(request, "portal/requests/discard.html", {"draft": draft})
