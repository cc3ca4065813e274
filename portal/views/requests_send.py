"""Checking the answers, sending the request (once), and the confirmation with its reference."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from clock.case_events import OutOfOrder
from core.idempotency import create_once, once_per_form
from people.access import children_visible_to
from portal import forms_requests as forms
from portal import request_wizard as wizard
from portal.request_wizard import FAMILY
from portal.views.requests import back_url, open_draft, step_url


def _yes_no(value):
    return {True: _("Yes"), False: _("No")}.get(value, "")


def answer_rows(draft, documents):
    """The check-answers summary: one row per question, each with a link back to change it."""
    rows = []
    for step in wizard.steps_for(draft):
        rows.append(
            {
                "key": step.title,
                "value": _answer(draft, step.key, documents),
                "change_url": step_url(draft, step.key, change=True),
                "missing": step in wizard.unanswered(draft),
            }
        )
    return rows


def _answer(draft, key, documents):
    if key == "child":
        if draft.child_not_listed:
            return _("Someone who is not listed")
        return draft.child.full_name if draft.child_id else ""
    if key == "child-details":
        parts = [draft.child_name]
        if draft.child_date_of_birth:
            parts.append(_("born %(date)s") % {"date": f"{draft.child_date_of_birth:%-d %B %Y}"})
        if draft.child_school:
            parts.append(draft.child_school)
        if draft.relationship:
            parts.append(_("you are their %(who)s") % {"who": draft.get_relationship_display().lower()})
        return ", ".join(parts)
    if key == "contact":
        return draft.get_contact_preference_display() if draft.contact_preference else ""
    if key == "consent":
        return _yes_no(draft.consent_given)
    if key == "documents":
        return ", ".join(d.title for d in documents) or _("None")
    return getattr(draft, wizard.TEXT_FIELDS[key])


@login_required
@once_per_form
def request_check(request, public_id):
    draft, sent = open_draft(request, public_id)
    if sent:
        return sent
    documents = list(draft.documents.all())
    missing = wizard.unanswered(draft)
    form = forms.SendForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and not missing and form.is_valid():

        def send():
            case = wizard.send(request, draft)
            if getattr(case, "attached_request", None) is not None:
                # One open request a child: this one joined the case already open (issue 19).
                messages.success(
                    request,
                    _(
                        "There was already an open request for this child (%(reference)s). Your "
                        "request has been added to it, so the SEND team will consider them together."
                    )
                    % {"reference": case.reference},
                )
            return reverse("portal:request_sent", args=[draft.public_id])

        try:
            return redirect(create_once(form.cleaned_data.get("form_token"), request.user, send))
        except (wizard.NotReady, OutOfOrder) as refusal:
            form.add_error(None, str(refusal))
    return render(
        request,
        "portal/requests/check.html",
        {
            "draft": draft,
            "rows": answer_rows(draft, documents),
            "missing": missing,
            "first_missing_url": step_url(draft, missing[0].key, change=True) if missing else "",
            "form": form,
            "back_url": back_url(draft, wizard.CHECK),
        },
    )


def _family_case_url(case):
    """The family's own page for the case, where the portal has one."""
    try:
        return reverse("portal:case_detail", args=[case.public_id])
    except NoReverseMatch:
        return ""


@login_required
def request_sent(request, public_id):
    draft = wizard.get_draft(request, public_id)
    if not draft.is_sent or draft.case is None:
        return redirect(step_url(draft, wizard.first_unanswered(draft)))
    case = draft.case
    can_follow = draft.route == FAMILY and children_visible_to(request.user).filter(pk=case.child_id).exists()
    return render(
        request,
        "portal/requests/sent.html",
        {
            "draft": draft,
            "case": case,
            "decision_due": wizard.decision_due(case),
            "can_follow": can_follow,
            "case_url": _family_case_url(case) if can_follow else "",
        },
    )
