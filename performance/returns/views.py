"""Pages and downloads of the statutory returns: the SEN2 return with its checks, and Annex A."""

from collections import defaultdict
from datetime import date

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render

from audit.models import Action
from audit.services import record
from core import dates
from core.exports import XLSX_TYPE, export_response, wants_export
from core.permissions import permission_required
from performance.returns import annex_a, sen2, sen2_checks, sen2_files

PERM = "performance.view_statutory_returns"
YEARS_OFFERED = 4
SEVERITIES = {"error": "Errors only", "query": "Queries only"}


def _census_date(request) -> date:
    """The census of the year asked for (?year=), else the latest one."""
    latest = sen2.default_census_date()
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return latest
    if latest.year - YEARS_OFFERED < year <= latest.year:
        return sen2.census_date_for(year)
    return latest


def _collect(request):
    return sen2.collect(_census_date(request), settings.AREA_LA_CODE)


@permission_required(PERM)
def sen2_page(request):
    the_return = _collect(request)
    issues = sen2_checks.check(the_return)
    errors = sum(1 for issue in issues if issue.is_error)
    severity = request.GET.get("severity", "")
    severity = severity if severity in SEVERITIES else ""
    shown = [issue for issue in issues if not severity or issue.severity == severity]
    fmt = wants_export(request)
    if fmt:
        record(request, Action.EXPORT, summary=f"SEN2 checks for census {the_return.census_date}")
        headers = ["Child", "Error or query", "Problem", "Where to fix it"]
        rows = ([i.child_name, i.severity, i.message, request.build_absolute_uri(i.fix_url)] for i in shown)
        return export_response(fmt, f"sen2-checks-{the_return.census_date}", headers, rows)
    record(request, Action.VIEW, summary=f"SEN2 return checks for census {the_return.census_date}")
    page = Paginator(_by_child(shown), settings.PAGE_SIZE).get_page(request.GET.get("page"))
    requests = the_return.requests
    latest = sen2.default_census_date()
    context = {
        "sen2": the_return,
        "census_years": [sen2.census_date_for(latest.year - i) for i in range(YEARS_OFFERED)],
        "people": len(the_return.persons),
        "requests": sum(1 for r in requests if r.outcome != "H"),
        "active_plans": sum(1 for r in requests if r.active_plan is not None),
        "errors": errors,
        "queries": len(issues) - errors,
        "severity": severity,
        "severities": SEVERITIES,
        "page_obj": page,
        "export_label": "the check results",
    }
    return render(request, "performance/returns/sen2.html", context)


def _by_child(issues):
    """Issues grouped by child, children with errors first, then by name."""
    groups = defaultdict(list)
    for issue in issues:
        groups[(issue.child_id, issue.child_name)].append(issue)
    rows = [
        {"child_id": child_id, "name": name, "issues": sorted(found, key=lambda i: not i.is_error)}
        for (child_id, name), found in groups.items()
    ]
    rows.sort(key=lambda row: (not any(i.is_error for i in row["issues"]), row["name"].lower()))
    return rows


@permission_required(PERM)
def sen2_xml(request):
    the_return = _collect(request)
    record(request, Action.EXPORT, summary=f"SEN2 return XML for census {the_return.census_date}")
    response = HttpResponse(sen2_files.to_xml(the_return), content_type="application/xml")
    response["Content-Disposition"] = (
        f'attachment; filename="sen2-{the_return.la_code}-{the_return.year}.xml"'
    )
    return response


@permission_required(PERM)
def sen2_csv(request):
    the_return = _collect(request)
    record(request, Action.EXPORT, summary=f"SEN2 return CSV for census {the_return.census_date}")
    response = HttpResponse(sen2_files.to_csv(the_return), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="sen2-{the_return.la_code}-{the_return.year}.csv"'
    )
    return response


@permission_required(PERM)
def annex_a_page(request):
    record(request, Action.VIEW, summary="Ofsted Annex A lists")
    lists = [
        {
            "number": 1,
            "title": "List 1: children and young people with an EHC plan",
            "headings": annex_a.LISTS[1],
        },
        {
            "number": 2,
            "title": "List 2: children and young people on SEN support",
            "headings": annex_a.LISTS[2],
        },
    ]
    return render(request, "performance/returns/annex_a.html", {"lists": lists, "today": dates.today()})


@permission_required(PERM)
def annex_a_download(request, number, fmt):
    if number not in annex_a.LISTS or fmt not in ("csv", "xlsx"):
        raise Http404
    record(request, Action.EXPORT, summary=f"Ofsted Annex A list {number} ({fmt.upper()})")
    filename = f"annex-a-list-{number}-{dates.today():%Y-%m-%d}"
    if fmt == "csv":
        return annex_a.csv_response(number, filename)
    response = HttpResponse(annex_a.xlsx_bytes(number), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response
