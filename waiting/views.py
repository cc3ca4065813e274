"""Waiting-list pages for health staff: pathways with their current figures, one pathway's figures
against its trajectory, and the monthly extract import."""

from decimal import Decimal
from pathlib import Path

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render

from clock import dates
from clock.dates import last_month_end, month_end
from core import chart
from core.forms import GovUKDateField
from core.idempotency import create_once, new_token, once_per_form
from core.permissions import permission_required
from jobs import services as jobs
from jobs.models import Status
from people.codelists import SEN_TYPE
from people.forms import ImportForm
from waiting import measures
from waiting.jobs import IMPORT_EXTRACT_JOB
from waiting.models import Pathway, TargetMeasure

NEEDS = dict(SEN_TYPE)


def _ordered(rows):
    return sorted(rows, key=lambda kv: (kv[0] == measures.NOT_KNOWN, kv[0]))


@permission_required("waiting.view_lists")
def pathway_list(request):
    on = last_month_end(dates.today())
    pathways = list(Pathway.objects.filter(active=True))
    figures = measures.at_month_end(on, pathways)
    rows = [(p, figures[p.pk].all) for p in pathways]
    return render(request, "waiting/pathway_list.html", {"rows": rows, "on": on})


def headline(pathway):
    """The measure a pathway's chart shows: its % target, within 13 weeks where it has one."""
    if pathway.target_within_13_weeks is not None:
        return TargetMeasure.WITHIN_13, "pct_within_13"
    return TargetMeasure.WITHIN_18, "pct_within_18"


@permission_required("waiting.view_lists")
def pathway_detail(request, public_id):
    pathway = get_object_or_404(Pathway, public_id=public_id)
    on = last_month_end(dates.today())
    ends = dates.month_ends(dates.months_to(on, 12), on)
    figures = measures.at_month_ends(ends, [pathway])
    months = [(end, figures[(pathway.pk, end)]) for end in reversed(ends)]
    measure, attribute = headline(pathway)
    trajectory = [t for t in pathway.trajectory.all() if t.measure == measure]
    actuals = [
        chart.Point(end, Decimal(str(getattr(f.all, attribute))))
        for end, f in months
        if getattr(f.all, attribute) is not None
    ]
    caption = f"{pathway.name}: figures at each month end"
    svg = chart.draw(
        f"{pathway.name}: {TargetMeasure(measure).label} against the trajectory",
        actuals,
        [chart.Point(t.due, t.value) for t in trajectory],
        unit="percent",
        table_caption=caption,
        end=on,
    )
    latest = months[0][1]
    return render(
        request,
        "waiting/pathway_detail.html",
        {
            "pathway": pathway,
            "on": on,
            "latest": latest,
            "months": months,
            "chart": svg,
            "caption": caption,
            "measure_label": TargetMeasure(measure).label,
            "trajectory": pathway.trajectory.all(),
            "bands": [(measures.BAND_LABELS[b], latest.all.bands[b]) for b in measures.BANDS],
            "age_bands": [(band, latest.by_age[band]) for band, _, _ in measures.AGE_BANDS],
            "breakdowns": [
                ("By area (postcode district)", "areas", _ordered(latest.by_area.items())),
                ("By need", "needs", _ordered((NEEDS.get(c, c), f) for c, f in latest.by_need.items())),
            ],
        },
    )


class ExtractForm(ImportForm):
    month = GovUKDateField(label="Month end the extract is for", help_text="For example, 30 6 2025")

    def clean_month(self):
        month = self.cleaned_data["month"]
        if month != month_end(month):
            raise forms.ValidationError("Enter the last day of the month the extract is for")
        if month > dates.today():
            raise forms.ValidationError("The month end must be today or in the past")
        return month


@permission_required("waiting.import_extract")
@once_per_form
def import_page(request):
    """The file is checked and imported by a background job (a provider's whole list takes a
    while); the officer goes straight to its page, which shows progress and then the outcome."""
    form = ExtractForm(
        request.POST or None,
        request.FILES or None,
        allowed=(".csv", ".xlsx"),
        initial={"form_token": new_token()},
    )
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]

        def start():
            job = jobs.start(
                IMPORT_EXTRACT_JOB,
                request.user,
                params={"month": form.cleaned_data["month"].isoformat()},
                input_data=upload.read(),
                input_name=Path(upload.name).name[:200],
            )
            if job.status == Status.SUCCEEDED:  # run at once (no separate worker): say what it did
                messages.success(
                    request,
                    f"Imported the extract: {job.result['created']} added, {job.result['updated']} updated",
                )
            return jobs.next_url(job)

        return redirect(create_once(form.cleaned_data.get("form_token"), request.user, start))
    return render(request, "waiting/import.html", {"form": form})
