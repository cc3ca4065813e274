"""Section A in the family's words and in the child's own ("All about me"): saved as drafts, sent
to the caseworker, every version kept. The child's picture is read back through a checked download."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from audit.services import record_read
from core.concurrency import StaleEditError
from core.idempotency import create_once, once_per_form
from people.access import get_child_for_user
from portal import contributions
from portal.forms_contributions import QUESTIONS, SectionAForm
from portal.models import SectionAStatus, SectionAWords, Voice

TEMPLATES = {
    Voice.FAMILY: "portal/contributions/section_a_family.html",
    Voice.CHILD: "portal/contributions/section_a_child.html",
}


def _voice(request) -> Voice:
    return Voice.CHILD if request.GET.get("voice") == Voice.CHILD else Voice.FAMILY


@login_required
@once_per_form
def section_a(request, public_id):
    child = get_child_for_user(request, public_id, "portal.write_section_a")
    voice = _voice(request)
    latest = contributions.latest_words(child, voice)
    if request.method == "GET":
        record_read(request, child, f"Opened section A ({voice.label})")
    initial = {name: getattr(latest, name) for name in QUESTIONS[voice]} if latest else {}
    initial["number"] = latest.number if latest else 0
    form = SectionAForm(request.POST or None, request.FILES or None, voice=voice, initial=initial)
    if request.method == "POST" and form.is_valid():

        def save():
            contributions.save_section_a(
                request,
                child,
                voice,
                values=form.values(),
                expected_number=form.cleaned_data["number"],
                submit=form.submits,
                picture=form.cleaned_data.get("picture"),
            )
            done = _("Sent to the caseworker: thank you") if form.submits else _("Saved as a draft")
            messages.success(request, done)
            return f"{request.path}?voice={voice.value}"

        try:
            return redirect(create_once(form.cleaned_data["form_token"], request.user, save))
        except StaleEditError as error:
            form.add_error(None, str(error))
    history = list(contributions.section_a_history(child, voice).order_by("-number"))
    return render(
        request,
        TEMPLATES[voice],
        {
            "child": child,
            "form": form,
            "latest": latest,
            "history": history,
            "voice": voice,
            "other_url": f"{request.path}?voice={Voice.FAMILY if voice == Voice.CHILD else Voice.CHILD}",
        },
    )


@login_required
def section_a_picture(request, public_id):
    words = SectionAWords.objects.select_related("child").filter(public_id=public_id).first()
    if words is None or not words.picture:
        raise Http404("No such picture")
    child = get_child_for_user(request, words.child.public_id, "portal.see_section_a_picture")
    if words.status == SectionAStatus.DRAFT and not request.user.has_perm("portal.write_section_a", child):
        raise Http404("No such picture")  # a draft stays the family's own until they send it
    try:
        handle = words.picture.open("rb")
    except FileNotFoundError as error:
        raise Http404("The file is missing") from error
    record_read(request, words, "Opened the picture sent with All about me", child=child)
    response = FileResponse(handle, content_type=words.picture_type)
    response["Content-Disposition"] = "inline"
    return response


def section_a_url(child, voice=Voice.FAMILY) -> str:
    return f"{reverse('portal:section_a', args=[child.public_id])}?voice={voice.value}"


def family_words_for_section_a(request, child) -> tuple[dict, dict]:
    """For the caseworker's Section A page: (context, initial values). The latest words the family
    and the child sent; `?copy=<id>` of one of them fills the form so the caseworker can check
    and save them (nothing changes until they save)."""
    sent = contributions.section_a_for_staff(child)
    for row in sent:
        row.labelled = [(label, getattr(row, name)) for name, label in QUESTIONS[row.voice].items()]
    context = {"family_words": sent}
    chosen = next((row for row in sent if str(row.public_id) == request.GET.get("copy", "")), None)
    if chosen is None:
        return context, {}
    record_read(request, chosen, f"Copied {chosen.get_voice_display()}", child=child)
    context["copied"] = chosen
    return context, contributions.copy_into_section_a(chosen)
