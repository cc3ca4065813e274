"""Pages and downloads of the statutory returns: the SEN2 return with its checks, and Annex A."""

import uuid
from collections import defaultdict
from datetime import date, timedelta
from types import SimpleNamespace

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from audit.models import Action
from audit.services import record
from clock import dates
from core.exports import export_response, wants_export
from core.permissions import permission_required
from jobs import services as jobs
from jobs.models import Job, Status
from performance.jobs import ANNEX_A_JOB, SEN2_JOB, annex_a_title
from performance.returns import annex_a, sen2, sen2_checks

PERM = "performance.view_statutory_returns"
# A build still queued or running after this long is taken to have been lost (a worker stopped).
JOIN_BUILDS_FOR = timedelta(minutes=30)
YEARS_OFFERED = 4
SEVERITIES = {"error": "Errors only", "query": "Queries only"}


def _census_years() -> list[date]:
    """The censuses offered, newest first: from December, the coming one as a dry run (its
    period, the calendar year, is nearly over), then the last YEARS_OFFERED."""
    latest = sen2.default_census_date()
    years = [sen2.census_date_for(latest.year - i) for i in range(YEARS_OFFERED)]
    if dates.today().month == 12:
        years.insert(0, sen2.census_date_for(dates.today().year + 1))
    return years


def _census_date(request) -> date:
    """The census of the year asked for (?year=), else the latest one."""
    offered = _census_years()
    latest = sen2.default_census_date()
    try:
        year = int(request.GET.get("year", request.POST.get("year", "")))
    except ValueError:
        return latest
    return next((census for census in offered if census.year == year), latest)


def _built(request, census: date, status=Status.SUCCEEDED) -> Job | None:
    """The build named by ?built= (the visitor's own, for this census), if any."""
    try:
        public_id = uuid.UUID(request.GET.get("built", ""))
    except ValueError:
        return None
    return Job.objects.filter(
        public_id=public_id,
        owner=request.user,
        kind=SEN2_JOB,
        status__in=[status] if status else Status.values,
        params__census=census.isoformat(),
    ).first()


def _build(request, census: date) -> Job:
    """The visitor's build of this census already under way, or a new one."""
    running = jobs.latest(
        SEN2_JOB, owner=request.user, status=[Status.QUEUED, Status.RUNNING], census=census.isoformat()
    )
    if running and running.created_at > timezone.now() - JOIN_BUILDS_FOR:
        return running
    return jobs.start(
        SEN2_JOB,
        request.user,
        params={"census": census.isoformat()},
        title=f"Build the SEN2 return for census {census:%-d %B %Y}",
    )


def _page_url(census: date, job: Job) -> str:
    return f"{reverse('performance:sen2')}?year={census.year}&built={job.public_id}"


@permission_required(PERM)
def sen2_page(request):
    """The visitor's latest build of the census (built in the background, with a progress bar);
    a new build only when asked for (the "Build it again" button, a POST) or when there is none:
    one build per request, not per visit. ?built=<job> pages and filters through a build."""
    census = _census_date(request)
    if request.method == "POST":
        return redirect(_page_url(census, _build(request, census)))
    job = (
        _built(request, census, status=None)
        or jobs.latest(SEN2_JOB, owner=request.user, census=census.isoformat())
        or _build(request, census)
    )
    if job.status != Status.SUCCEEDED:  # with a worker, a new build always is: it has just started
        # Refreshing (or the no-JavaScript refresh) follows this build rather than starting another.
        refresh_url = _page_url(census, job)
        context = {"job": job, "census": census, "refresh_url": refresh_url}
        return render(request, "performance/returns/sen2_building.html", context)
    data = job.result
    the_return = SimpleNamespace(
        census_date=date.fromisoformat(data["census_date"]),
        period_start=date.fromisoformat(data["period_start"]),
        period_end=date.fromisoformat(data["period_end"]),
        year=census.year,
    )
    issues = [sen2_checks.Issue(**issue) for issue in data["issues"]]
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
    context = {
        "sen2": the_return,
        "job": job,
        "census_years": _census_years(),
        # A census still to come: its period is not over, so this is a dry run to find problems early.
        "dry_run": the_return.census_date > dates.today(),
        "people": data["people"],
        "requests": data["requests"],
        "active_plans": data["active_plans"],
        "new_plans": data.get("new_plans"),  # builds made before these were counted lack them
        "plans_first_issued": data.get("plans_first_issued"),
        "errors": data["errors"],
        "queries": data["queries"],
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


def _download(request, extension, content_type):
    """The file of the build the page showed (?built=), else of the visitor's latest build of the
    census. Never built here (a minute's work at 20,000 plans): with no build yet, the return's
    page starts one and shows its progress."""
    census = _census_date(request)
    job = _built(request, census) or jobs.latest(
        SEN2_JOB, owner=request.user, status=Status.SUCCEEDED, census=census.isoformat()
    )
    if job is None:
        return redirect(f"{reverse('performance:sen2')}?year={census.year}")
    content, la_code = job.result[extension], job.result["la_code"]
    record(request, Action.EXPORT, summary=f"SEN2 return {extension.upper()} for census {census}")
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="sen2-{la_code}-{census.year}.{extension}"'
    return response


@permission_required(PERM)
def sen2_xml(request):
    return _download(request, "xml", "application/xml")


@permission_required(PERM)
def sen2_csv(request):
    return _download(request, "csv", "text/csv; charset=utf-8")


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


def _annex_a_job(request, number: int, fmt: str):
    """Annex A names every child with SEN in the area: built on the job queue (the visitor's export
    already under way, or a new one), whose page ends with the download."""
    what = f"list {number} ({fmt.upper()})" if number else "workbook (XLSX)"
    record(request, Action.EXPORT, summary=f"Ofsted Annex A {what}")
    params = {"list": number, "format": fmt, "today": dates.today().isoformat()}
    job = jobs.start_once(ANNEX_A_JOB, request.user, params=params, title=annex_a_title(number, fmt))
    return redirect(jobs.job_url(job))


@permission_required(PERM)
def annex_a_download(request, number, fmt):
    if number not in annex_a.LISTS or fmt not in ("csv", "xlsx"):
        raise Http404
    return _annex_a_job(request, number, fmt)


@permission_required(PERM)
def annex_a_workbook(request):
    """Both lists in Ofsted's template: one workbook with sheets List_1 and List_2."""
    return _annex_a_job(request, 0, "xlsx")
