"""Editors' pages for the quarterly dip-sample audit (directory.dip_samples)."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import IntegrityError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from audit.models import Action
from audit.services import record
from clock import dates
from core import exports
from core.idempotency import TOKEN_FIELD, create_once, once_per_form
from core.permissions import permission_required
from directory import dip_samples
from directory.models import DipSample, DipSampleCheck
from directory.upkeep_forms import FindingForm, StartDipSampleForm

PAGE_SIZE = 50
ALREADY_STARTED = "An audit of this quarter has already been started"


@permission_required("directory.run_dip_sample")
@once_per_form
def dip_sample_list(request):
    """Every quarter's audit, so the trend shows, and the form that starts the next one."""
    quarters = dip_samples.quarters_to_start(dates.today())
    form = StartDipSampleForm(request.POST or None, quarters=quarters)
    if request.method == "POST" and form.is_valid():

        def create():
            dip_sample = dip_samples.start(
                form.cleaned_data["quarter"], request.user, percent=form.cleaned_data["percent"]
            )
            messages.success(request, f"Sample drawn: {dip_sample.checks.count()} services to check")
            return reverse("directory:dip_sample_detail", args=[dip_sample.pk])

        try:
            return redirect(create_once(form.cleaned_data.get(TOKEN_FIELD), request.user, create))
        except IntegrityError:  # someone else started this quarter's audit a moment ago
            form.add_error("quarter", ALREADY_STARTED)
    return render(
        request,
        "directory/manage/dip_sample_list.html",
        {
            "form": form,
            "quarters": quarters,
            "rows": [(s, dip_samples.quarter_label(s.quarter_start), r) for s, r in dip_samples.by_quarter()],
            "minimum": dip_samples.SAMPLE_MINIMUM,
            "target_percent": round(dip_samples.TARGET * 100),
        },
    )


@permission_required("directory.run_dip_sample")
def dip_sample_detail(request, sample_id):
    dip_sample = get_object_or_404(DipSample.objects.select_related("started_by"), pk=sample_id)
    label = dip_samples.quarter_label(dip_sample.quarter_start)
    fmt = exports.wants_export(request)
    if fmt:
        record(
            request, Action.EXPORT, summary=f"Exported the dip-sample findings for {label} as {fmt.upper()}"
        )
        return exports.export_response(
            fmt,
            f"dip-sample-{dip_sample.quarter_start:%Y-%m}",
            dip_samples.EXPORT_COLUMNS,
            dip_samples.export_rows(dip_sample),
        )
    checks = dip_sample.checks.select_related("service", "checked_by")
    return render(
        request,
        "directory/manage/dip_sample_detail.html",
        {
            "dip_sample": dip_sample,
            "label": label,
            "result": dip_samples.result_of(dip_sample),
            "counts": dip_samples.finding_counts(dip_sample),
            "page_obj": Paginator(checks, PAGE_SIZE).get_page(request.GET.get("page")),
            "export_label": f"findings for {label}",
            "minimum": dip_samples.SAMPLE_MINIMUM,
        },
    )


@permission_required("directory.run_dip_sample")
def dip_sample_check(request, sample_id, check_id):
    check = get_object_or_404(
        DipSampleCheck.objects.select_related("dip_sample", "service__organization", "checked_by"),
        pk=check_id,
        dip_sample_id=sample_id,
    )
    form = FindingForm(request.POST or None, initial={"finding": check.finding, "notes": check.notes})
    if request.method == "POST" and form.is_valid():
        dip_samples.record_finding(
            check, form.cleaned_data["finding"], form.cleaned_data["notes"], request.user
        )
        messages.success(request, f"Finding saved for {check.service_name}")
        # Straight on to the next page still to check, so a sample can be worked through in order.
        following = check.dip_sample.checks.filter(finding="").order_by("service_name", "pk").first()
        if following:
            return redirect("directory:dip_sample_check", sample_id, following.pk)
        return redirect("directory:dip_sample_detail", sample_id)
    return render(
        request,
        "directory/manage/dip_sample_check.html",
        {"check": check, "form": form, "label": dip_samples.quarter_label(check.dip_sample.quarter_start)},
    )
