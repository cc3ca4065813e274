"""Referral pages for health staff: the list (filters, export, find by NHS number), adding a
referral by hand (once however often the form is sent) and changing one (a stale edit refused);
and, for administrators, a pathway's details, targets and trajectory."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from audit.models import Action
from audit.services import client_ip, record, record_read, record_reads
from clock import dates
from core import exports
from core.concurrency import StaleEditError
from core.idempotency import create_once, once_per_form
from core.permissions import permission_required
from jobs.models import Job, Status
from jobs.services import job_url, start
from waiting import pathways, queries, services
from waiting.filters import ReferralFilter
from waiting.forms import EditReferralForm, NewReferralForm, PathwayForm, TrajectoryFormSet
from waiting.jobs import EXPORT_REFERRALS_JOB
from waiting.models import Pathway, Referral
from waiting.queries import EXPORT_HEADERS, export_row
from waiting.validation import clean_nhs_number

UNFINISHED = (Status.QUEUED, Status.RUNNING)
@permission_required("waiting.view_lists")
def referral_list(request):
    today = dates.today()
    filters = ReferralFilter(request.GET, today=today)
    chosen = filters.chosen
    found = filters.qs
    # An NHS number or a provider reference points at one child: each is sent in the body of a
    # POST, never in the address.
    nhs_problem, nhs_number, reference = None, "", ""
    if request.method == "POST":
        reference = request.POST.get("reference", "").strip()[:40]
        if reference and not request.POST.get("nhs_number", "").strip():
            found = found.filter(provider_reference__icontains=reference)
            record(request, Action.SEARCH, summary="Searched referrals by provider reference")
        else:
            nhs_number, nhs_problem = clean_nhs_number(request.POST.get("nhs_number", ""))
            if not nhs_problem:
                found = found.filter(nhs_number=nhs_number)
                record(request, Action.SEARCH, summary="Searched referrals by NHS number")
    fmt = exports.wants_export(request)
    # The whole list, or a filtered part: a job (it can be long). Filters it cannot use: the page says so.
    if fmt and request.method == "GET" and filters.is_valid():
        return redirect(job_url(_export_job(request, fmt, chosen, today)))
    if fmt and request.method == "POST":  # one NHS number's referrals: a few rows, done here
        rows = list(found)
        record_reads(request, rows, "Exported")
        return exports.export_response(fmt, "referrals", EXPORT_HEADERS, (export_row(r) for r in rows))
    page = Paginator(found, 50).get_page(request.GET.get("page"))
    record_reads(request, page, "Viewed on the referral list")
    for referral in page:
        referral.status_label = queries.status_of(referral)
    return render(
        request,
        "waiting/referral_list.html",
        {
            "page_obj": page,
            "filters": filters,
            "nhs_problem": nhs_problem,
            "nhs_number": nhs_number if request.method == "POST" else "",
            "reference": reference,
            "export_label": "referrals",
        },
    )


def _export_job(request, fmt, chosen, today):
    """The export job for these filters: the one already waiting or running (a second click, or a
    refresh, starts nothing more), else a new one. No NHS number goes into it."""
    params = {**chosen, "format": fmt, "today": today.isoformat(), "path": request.path}
    unfinished = Job.objects.filter(
        kind=EXPORT_REFERRALS_JOB,
        owner=request.user,
        status__in=UNFINISHED,
        **{f"params__{key}": value for key, value in params.items()},
    )
    if found := unfinished.defer("input_data", "result_file").first():
        return found
    return start(EXPORT_REFERRALS_JOB, request.user, params={**params, "ip": client_ip(request)})


def _values(form):
    return {f: form.cleaned_data.get(f) for f in services.FIELDS}


def _refused(form, error):
    for field, message in error.problems:
        form.add_error(field if field in form.fields else None, message)


@permission_required("waiting.edit_referrals")
@once_per_form
def referral_add(request):
    form = NewReferralForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:

            def create():
                referral = services.create_referral(request, request.user, _values(form))
                messages.success(request, f"Referral {referral.provider_reference} added")
                return reverse("waiting:referral_edit", args=[referral.public_id])

            return redirect(create_once(form.cleaned_data.get("form_token"), request.user, create))
        except services.ReferralRefused as error:
            _refused(form, error)
    return render(request, "waiting/referral_form.html", {"form": form, "title": "Add a referral"})


@permission_required("waiting.edit_referrals")
def referral_edit(request, public_id):
    referral = get_object_or_404(Referral.objects.select_related("pathway", "child"), public_id=public_id)
    initial = {f: getattr(referral, f) for f in services.FIELDS} | {"version": referral.version}
    form = EditReferralForm(request.POST or None, initial=initial)
    if request.method != "POST":
        record_read(request, referral, f"Viewed {referral}")
    if request.method == "POST" and form.is_valid():
        try:
            services.update_referral(
                request, request.user, referral, form.cleaned_data["version"], _values(form)
            )
        except services.ReferralRefused as error:
            _refused(form, error)
        except StaleEditError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Referral {referral.provider_reference} saved")
            return redirect("waiting:referral_edit", public_id=referral.public_id)
    return render(
        request,
        "waiting/referral_form.html",
        {"form": form, "referral": referral, "title": f"Referral {referral.provider_reference}"},
    )


@permission_required("waiting.edit_pathways")
def pathway_edit(request, public_id):
    pathway = get_object_or_404(Pathway, public_id=public_id)
    form = PathwayForm(request.POST or None, instance=pathway)
    trajectory = TrajectoryFormSet(request.POST or None, instance=pathway, prefix="points")
    if request.method == "POST" and form.is_valid() and trajectory.is_valid():
        pathways.save_pathway(request, pathway, form, trajectory)
        messages.success(request, f"{pathway.name} saved")
        return redirect("waiting:pathway_admin")
    return render(
        request, "waiting/pathway_edit.html", {"form": form, "trajectory": trajectory, "pathway": pathway}
    )


@permission_required("waiting.edit_pathways")
def pathway_admin(request):
    pathways = Pathway.objects.select_related("support_term").prefetch_related("trajectory")
    return render(request, "waiting/pathway_admin.html", {"pathways": pathways})
