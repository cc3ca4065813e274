"""Editors' pages: import and export of services, and "You said, we did" items."""

from pathlib import Path

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from clock import dates
from core import exports, list_exports
from core.idempotency import TOKEN_FIELD, create_once, new_token, once_per_form
from core.list_exports import list_export
from core.permissions import permission_required
from directory import imports, you_said_we_did
from directory.filters import ServiceFilter
from directory.forms import YouSaidWeDidForm
from directory.jobs import IMPORT_SERVICES_JOB
from directory.models import Service, YouSaidWeDid
from jobs import services as jobs
from people.forms import ImportForm


@permission_required("directory.import_services")
@once_per_form
def import_services(request):
    """The file is checked and imported by a background job (thousands of services take a while);
    the editor goes straight to its page, which shows progress and then the outcome."""
    form = ImportForm(
        request.POST or None,
        request.FILES or None,
        allowed=(".csv", ".xlsx"),
        initial={TOKEN_FIELD: new_token()},
    )
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]

        def start():
            name = Path(upload.name).name[:200]
            job = jobs.start(IMPORT_SERVICES_JOB, request.user, input_data=upload.read(), input_name=name)
            return jobs.next_url(job)

        return redirect(create_once(form.cleaned_data.get(TOKEN_FIELD), request.user, start))
    return render(
        request, "directory/manage/import.html", {"form": form, "result": None, "columns": imports.COLUMNS}
    )


def _services(params, today):
    """Every service as the editors' list shows it, searched and filtered (the page and its export)."""
    services = Service.objects.select_related("organization", "owner").order_by("name", "pk")
    filters = ServiceFilter(params, services, today=today)
    return filters.qs, filters


@list_export(
    "directory.services",
    title="Local Offer services",
    filename="local-offer-services",
    permission="directory.import_services",
    headers=imports.COLUMNS,
)
def export_services(user, query, terms, today):
    # The import format's rows are built with their terms and contacts prefetched, all at once.
    return list(imports.export_rows(_services(query, today)[0])), list


@permission_required("directory.import_services")
def service_list(request):
    """Every service, for editors: find one, see who owns it, download them to edit and import."""
    services, filters = _services(request.GET, dates.today())
    fmt = exports.wants_export(request)
    if fmt and filters.is_valid():
        return list_exports.start(request, "directory.services", fmt)
    return render(
        request,
        "directory/manage/service_list.html",
        {
            "page_obj": Paginator(services, 50).get_page(request.GET.get("page")),
            "filters": filters,
            "today": dates.today(),
            "export_label": "services, in the import format",
        },
    )


@permission_required("directory.review_changes")
@once_per_form
def you_said_we_did_manage(request):
    form = YouSaidWeDidForm(request.POST or None)
    if request.method == "POST" and form.is_valid():

        def create():
            data = form.cleaned_data
            item = you_said_we_did.add(
                request, you_said=data["you_said"], we_did=data["we_did"], published=data["published"]
            )
            messages.success(
                request, "Item added." + (" It is now on the Local Offer." if item.published else "")
            )
            return reverse("directory:you_said_we_did_manage")

        return redirect(create_once(form.cleaned_data.get(TOKEN_FIELD), request.user, create))
    items = YouSaidWeDid.objects.order_by("-created_at")
    return render(
        request,
        "directory/manage/you_said_we_did.html",
        {"form": form, "page_obj": Paginator(items, 25).get_page(request.GET.get("page"))},
    )


@require_POST
@permission_required("directory.review_changes")
def you_said_we_did_publish(request, item_id):
    item = get_object_or_404(YouSaidWeDid, pk=item_id)
    # The button says what it does ("publish" 1 or 0), so a second click does not undo the first.
    wanted = request.POST.get("publish", "0" if item.published else "1") == "1"
    you_said_we_did.set_published(request, item, wanted)
    messages.success(request, "Published." if item.published else "Taken off the Local Offer.")
    return redirect("directory:you_said_we_did_manage")
