"""Pages for settings and for importing schools and children."""

from pathlib import Path

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render

from core import exports, list_exports
from core.idempotency import create_once, new_token, once_per_form
from core.list_exports import list_export
from core.permissions import permission_required
from jobs import services as jobs
from people.codelists import SenProvision
from people.filters import SettingFilter
from people.forms import ImportForm
from people.jobs import IMPORT_CHILDREN_JOB, IMPORT_SCHOOLS_JOB
from people.models import Setting

SAMPLES = {
    "gias_establishments_sample.csv": Path(__file__).parent / "samples" / "gias_establishments_sample.csv",
    "children_import_template.csv": Path(__file__).parent / "samples" / "children_import_template.csv",
}
SETTING_EXPORT_HEADERS = [
    "URN",
    "Name",
    "Type",
    "Phase",
    "LA code",
    "Postcode",
    "Open",
    "Pupils with EHC plans",
    "Pupils on SEN support",
]


def _settings(query):
    """Schools and settings with their pupils counted, filtered as the list shows them (page and export)."""
    found = Setting.objects.annotate(
        plans=Count("pupils", filter=Q(pupils__sen_provision=SenProvision.EHC_PLAN)),
        support=Count("pupils", filter=Q(pupils__sen_provision=SenProvision.SEN_SUPPORT)),
    ).order_by("name", "pk")
    filters = SettingFilter(query, found)
    return filters.qs, filters


def _setting_row(s):
    return [
        s.urn or "",
        s.name,
        s.get_setting_type_display(),
        s.get_phase_display(),
        s.la_code,
        s.postcode,
        "Yes" if s.is_open else "No",
        s.plans,
        s.support,
    ]


@list_export(
    "people.settings",
    title="schools and settings",
    filename="schools-and-settings",
    permission="people.list_settings",
    headers=SETTING_EXPORT_HEADERS,
)
def export_settings(user, query, terms, today):
    return _settings(query)[0], _setting_row


@permission_required("people.list_settings")
def setting_list(request):
    found, filters = _settings(request.GET)
    fmt = exports.wants_export(request)
    if fmt and filters.is_valid():
        return list_exports.start(request, "people.settings", fmt)
    return render(
        request,
        "people/setting_list.html",
        {
            "page_obj": Paginator(found, 50).get_page(request.GET.get("page")),
            "filters": filters,
            "export_label": "schools and settings",
        },
    )


@permission_required("people.import_data")
def import_start(request):
    return render(request, "people/import_start.html")


@permission_required("people.import_data")
def import_sample(request, name):
    if name not in SAMPLES:
        raise Http404
    return FileResponse(SAMPLES[name].open("rb"), as_attachment=True, filename=name)


def _import_job(request, *, kind, template, allowed, what):
    """The file is checked and imported by a background job (a big file takes a while); the
    administrator goes straight to its page, which shows progress and then the outcome."""
    form = ImportForm(
        request.POST or None, request.FILES or None, allowed=allowed, initial={"form_token": new_token()}
    )
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]

        def start():
            name = Path(upload.name).name[:200]
            job = jobs.start(kind, request.user, input_data=upload.read(), input_name=name)
            return jobs.next_url(job)

        return redirect(create_once(form.cleaned_data.get("form_token"), request.user, start))
    return render(request, template, {"form": form, "result": None, "what": what})


@permission_required("people.import_data")
@once_per_form
def import_schools(request):
    return _import_job(
        request,
        kind=IMPORT_SCHOOLS_JOB,
        template="people/import_schools.html",
        allowed=(".csv",),
        what="schools and settings",
    )


@permission_required("people.import_data")
@once_per_form
def import_children_view(request):
    return _import_job(
        request,
        kind=IMPORT_CHILDREN_JOB,
        template="people/import_children.html",
        allowed=(".csv", ".xlsx"),
        what="children's records",
    )
