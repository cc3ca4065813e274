"""'You said, we did' and youth voice: managers record themes and the forum's sessions and
proposals; the public page shows the published themes and the forum's decided proposals."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from core.concurrency import StaleEditError
from core.idempotency import create_once, once_per_form
from core.permissions import permission_required
from core.suppression import suppress
from engagement import voice_services
from engagement.forms import OutcomeForm, ProposalForm, SessionForm, ThemeEditForm, ThemeForm
from engagement.models import ForumProposal, ForumSession, ProposalOutcome, YouSaid
from engagement.services import Refused

MANAGE = "engagement.manage_surveys"
THEME_FIELDS = ("source", "survey", "you_said", "we_did", "heard_on", "published")


def _form(request, form, title, caption, submit, back):
    context = {"form": form, "title": title, "caption": caption, "submit": submit, "back": back}
    return render(request, "engagement/form.html", context)


def _create(request, form, step):
    try:
        return redirect(create_once(form.cleaned_data["form_token"], request.user, step))
    except Refused as refused:
        form.add_error(refused.field if refused.field in form.fields else None, refused.message)
        return None


@permission_required(MANAGE)
def themes(request):
    rows = YouSaid.objects.select_related("survey")
    source = request.GET.get("source", "")
    if source:
        rows = rows.filter(source=source)
    return render(request, "engagement/voice/themes.html", {"themes": rows, "source": source})


@permission_required(MANAGE)
@once_per_form
def theme_new(request):
    form = ThemeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in THEME_FIELDS}

        def step():
            voice_services.add_theme(request, request.user, **data)
            messages.success(request, "Theme added")
            return reverse("voice:themes")

        done = _create(request, form, step)
        if done:
            return done
    back = ("Back to 'You said, we did'", reverse("voice:themes"))
    return _form(request, form, "Add a theme", "You said, we did", "Add the theme", back)


@permission_required(MANAGE)
def theme_edit(request, public_id):
    theme = get_object_or_404(YouSaid, public_id=public_id)
    initial = {name: getattr(theme, name) for name in THEME_FIELDS} | {"version": theme.version}
    form = ThemeEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in THEME_FIELDS}
        try:
            voice_services.update_theme(request, request.user, theme, form.cleaned_data["version"], **data)
        except Refused as refused:
            form.add_error(refused.field if refused.field in form.fields else None, refused.message)
        except StaleEditError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Changes saved")
            return redirect("voice:themes")
    back = ("Back to 'You said, we did'", reverse("voice:themes"))
    return _form(request, form, "Change a theme", "You said, we did", "Save changes", back)


def public(request):
    """The public page: no sign-in, no names; attendance of 1 to 4 young people is suppressed."""
    sessions = list(ForumSession.objects.prefetch_related("proposals"))
    for session in sessions:
        session.shown_attendance = suppress(session.attendance)
        session.decided = [p for p in session.proposals.all() if p.outcome != ProposalOutcome.WAITING]
    context = {
        "themes": YouSaid.objects.filter(published=True),
        "sessions": [s for s in sessions if s.decided],
    }
    return render(request, "engagement/voice/public.html", context)


@permission_required(MANAGE)
def forum(request):
    sessions = ForumSession.objects.prefetch_related("proposals")
    return render(request, "engagement/voice/forum.html", {"sessions": sessions})


@permission_required(MANAGE)
@once_per_form
def session_new(request):
    form = SessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "form_token"}

        def step():
            voice_services.record_session(request, request.user, **data)
            messages.success(request, "Session recorded")
            return reverse("voice:forum")

        done = _create(request, form, step)
        if done:
            return done
    back = ("Back to the youth forum", reverse("voice:forum"))
    return _form(request, form, "Record a forum session", "Youth forum", "Record the session", back)


@permission_required(MANAGE)
@once_per_form
def proposal_new(request, public_id):
    session = get_object_or_404(ForumSession, public_id=public_id)
    form = ProposalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():

        def step():
            voice_services.add_proposal(request, request.user, session, form.cleaned_data["proposal"])
            messages.success(request, "Proposal recorded")
            return reverse("voice:forum")

        done = _create(request, form, step)
        if done:
            return done
    back = ("Back to the youth forum", reverse("voice:forum"))
    return _form(request, form, "Record a proposal", str(session), "Record the proposal", back)


@permission_required(MANAGE)
def proposal_outcome(request, public_id):
    proposal = get_object_or_404(ForumProposal.objects.select_related("session"), public_id=public_id)
    fields = ("outcome", "response", "decided_on")
    initial = {name: getattr(proposal, name) for name in fields} | {"version": proposal.version}
    form = OutcomeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in fields}
        try:
            voice_services.decide_proposal(
                request, request.user, proposal, form.cleaned_data["version"], **data
            )
        except Refused as refused:
            form.add_error(refused.field if refused.field in form.fields else None, refused.message)
        except StaleEditError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Outcome saved")
            return redirect("voice:forum")
    back = ("Back to the youth forum", reverse("voice:forum"))
    return _form(request, form, "Record the outcome", proposal.proposal[:80], "Save the outcome", back)
