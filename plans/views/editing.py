"""Writing a draft: a section's own fields (A, E, I, J) and its items (needs, outcomes, provision,
advice). Every form carries the draft's edit number, so a change made on an out-of-date page is
refused rather than overwriting someone else's; adding an item is safe to submit twice."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render

from audit.services import record_read
from core.concurrency import StaleEditError
from core.idempotency import create_once, once_per_form
from plans import editing
from plans.access import get_version_for_user
from plans.codes import SECTIONS
from plans.errors import IssuedVersionError, PlanError
from plans.forms import ItemForm, RemoveForm, SectionForm, initial_for
from plans.models import AdviceEntry, Need, Outcome, Provision
from plans.views.common import back, version_url
from portal.views.section_a import family_words_for_section_a

EDIT = "plans.edit_plan"
REFUSED = (StaleEditError, PlanError)
# URL word -> (model, what one is called, the section a new one is shown in)
KINDS = {
    "needs": (Need, "need", "B"),
    "outcomes": (Outcome, "outcome", "E"),
    "provision": (Provision, "provision item", "F"),
    "advice": (AdviceEntry, "piece of advice", "K"),
}


def _draft(request, public_id, number):
    """The plan and version, if the user may write it; an issued version is refused here too (the
    services refuse it again whatever the page does)."""
    plan, version = get_version_for_user(request, public_id, number, EDIT)
    record_read(request, plan, "Opened the draft plan to change it")
    if version.is_issued or not plan.is_live:
        why = (
            IssuedVersionError.message if version.is_issued else "This plan has ceased and cannot be changed."
        )
        messages.error(request, why)
        return plan, version, redirect(version_url(plan, version))
    return plan, version, None


def _context(plan, version, title, form, **extra):
    return {
        "title": title,
        "caption": f"{plan.child.full_name}, version {version.number}",
        "back": back("Back to the plan", "plans:version_detail", plan.public_id, version.number),
        "submit": "Save",
        "form": form,
        **extra,
    }


@login_required
def edit_section(request, public_id, number, section):
    if section not in editing.SECTION_FIELDS:
        raise Http404("No such section")
    plan, version, refused = _draft(request, public_id, number)
    if refused:
        return refused
    initial = {name: getattr(version, name) for name in editing.SECTION_FIELDS[section]}
    initial["version"] = version.version
    extra = {}
    if section == "A":  # the family's and the child's own words, sent through the portal
        extra, copied = family_words_for_section_a(request, plan.child)
        initial.update(copied)
    form = SectionForm(request.POST or None, section=section, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            editing.update_section(request, version, section, form.cleaned_data["version"], **form.values())
        except REFUSED as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Section {section} saved")
            return redirect(version_url(plan, version, f"section-{section}"))
    title = f"Section {section}: {SECTIONS[section].lower()}"
    return render(request, "plans/form.html", _context(plan, version, title, form, **extra))


def _kind(kind):
    if kind not in KINDS:
        raise Http404("No such part of a plan")
    return KINDS[kind]


@login_required
@once_per_form
def item_add(request, public_id, number, kind):
    model, name, section = _kind(kind)
    plan, version, refused = _draft(request, public_id, number)
    if refused:
        return refused
    form = ItemForm(request.POST or None, model=model, version=version, initial={"version": version.version})
    if request.method == "POST" and form.is_valid():

        def create():
            item = editing.save_item(
                request,
                version,
                model,
                expected_version=form.cleaned_data["version"],
                links=form.links(),
                **form.values(),
            )
            messages.success(request, f"{name.capitalize()} added")
            return version_url(plan, version, f"item-{item.key}")

        try:
            return redirect(create_once(form.cleaned_data["form_token"], request.user, create))
        except REFUSED as error:
            form.add_error(None, str(error))
    article = "an" if name[:1] in "aeiou" else "a"  # "Add an outcome", "Add a need"
    return render(request, "plans/form.html", _context(plan, version, f"Add {article} {name}", form))


def _item(model, version, key):
    item = model.objects.filter(version=version, key=key).first()
    if item is None:
        raise Http404("No such item")
    return item


@login_required
def item_edit(request, public_id, number, kind, key):
    model, name, _ = _kind(kind)
    plan, version, refused = _draft(request, public_id, number)
    if refused:
        return refused
    item = _item(model, version, key)
    initial = {**initial_for(item), "version": version.version}
    form = ItemForm(request.POST or None, model=model, version=version, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            editing.save_item(
                request,
                version,
                model,
                item,
                expected_version=form.cleaned_data["version"],
                links=form.links(),
                **form.values(),
            )
        except REFUSED as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"{name.capitalize()} saved")
            return redirect(version_url(plan, version, f"item-{item.key}"))
    return render(request, "plans/form.html", _context(plan, version, f"Change a {name}", form))


@login_required
def item_remove(request, public_id, number, kind, key):
    model, name, section = _kind(kind)
    plan, version, refused = _draft(request, public_id, number)
    if refused:
        return refused
    item = _item(model, version, key)
    form = RemoveForm(request.POST or None, initial={"version": version.version})
    if request.method == "POST" and form.is_valid():
        try:
            editing.remove_item(request, version, item, form.cleaned_data["version"])
        except REFUSED as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"{name.capitalize()} removed")
            return redirect(version_url(plan, version, f"section-{section}"))
    context = _context(
        plan, version, f"Remove this {name}?", form, submit=f"Remove the {name}", warning=str(item)
    )
    return render(request, "plans/form.html", context)
