"""The draft plan the family was sent: read it section by section, comment on each section, name the
school or setting they want, ask for a meeting, within the 15 days the clock engine gives."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from audit.services import record_read
from core.idempotency import create_once, once_per_form
from core.typed_work import keeps_typed_work, take
from plans.access import get_plan_for_user
from plans.content import load_content
from plans.layout import plan_parts
from portal import contributions
from portal.forms_contributions import DraftResponseForm
from portal.views.family_plan import advice_links


@keeps_typed_work
@login_required
@once_per_form
def draft_plan(request, public_id):
    plan = get_plan_for_user(request, public_id, "portal.comment_on_draft")
    version = contributions.served_draft(plan)
    context = {"plan": plan, "child": plan.child, "version": version}
    if version is None:
        record_read(request, plan, "Opened the draft plan page: none sent")
        return render(request, "portal/contributions/draft_plan.html", context)
    version.plan = plan
    window = contributions.comment_window(version)
    form = DraftResponseForm(request.POST or None, initial=take(request)) if window.is_open else None
    if request.method == "POST" and form is not None and form.is_valid():

        def send():
            contributions.respond_to_draft(
                request,
                version,
                comments=form.comments(),
                setting=form.cleaned_data["setting"],
                setting_name=form.cleaned_data["setting_name"].strip(),
                wants_meeting=form.cleaned_data["wants_meeting"] == "yes",
                meeting_note=form.cleaned_data["meeting_note"].strip(),
            )
            messages.success(request, _("Sent: thank you. Your caseworker will read your comments"))
            return request.path

        try:
            return redirect(create_once(form.cleaned_data["form_token"], request.user, send))
        except contributions.WindowClosed as closed:
            form.add_error(None, str(closed))
    if request.method == "GET":
        record_read(request, plan, f"Read draft version {version.number}")
    parts = plan_parts(load_content(version))
    advice_links(parts, plan, version)
    if form is not None:
        for part in parts:
            part.comment_field = form.comment_field(part.code)
    context |= {
        "window": window,
        "form": form,
        "parts": parts,
        "is_amendment": version.based_on_id is not None,
        "sent": list(contributions.responses_to(version).filter(submitted_by=request.user)),
    }
    return render(request, "portal/contributions/draft_plan.html", context)
