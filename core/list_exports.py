"""Every list's CSV or XLSX export goes through one background job (issue 22: a whole table can take
longer than a page may), so each list exports the same way:

    @list_export("casework.cases", title="all open cases", filename="cases",
                 permission="casework.export_cases", headers=EXPORT_HEADERS)
    def export_cases(user, query, terms, today):
        return <the list's queryset, built as the page builds it>, <row function>

The view calls `start(request, name, fmt, ...)` when `?format=` asks for a file: the job is started
once (a second click while it runs starts nothing more) and the visitor goes to its page, which ends
with the download (only the job's owner may fetch it: jobs.views.download). The worker re-runs the
builder with the list's own filters (the query string, no names: typed search words are sent apart),
as the user who asked, and only while that user still holds the export permission.

Every export started is written to the audit log first. The audit app, above core, registers how
(`records_exports`, audit/exports.py); with none registered an export is refused, never left
unaudited.
"""

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

from django.core.exceptions import ImproperlyConfigured
from django.http import QueryDict
from django.shortcuts import redirect
from django.urls import get_resolver

from clock import dates
from core.client_ip import client_ip
from jobs.services import job_url, start_once

EXPORT_LIST_JOB = "core.export_list"
# Query parameters that never change which rows a file holds.
NOT_FILTERS = {"format", "page"}


@dataclass(frozen=True)
class ListExport:
    name: str
    title: str  # "all open cases": the job is "Export all open cases"
    filename: str
    permission: str
    headers: list[str]
    # build(user, query: QueryDict, terms: str, today) -> (rows or queryset, row function[, headers])
    build: Callable
    on_read: Callable | None = None  # on_read(user, ip, path, items): audit each row read, per chunk


LISTS: dict[str, ListExport] = {}
# recorder(request, *, summary, **detail): writes "exported this list" to the audit log.
RECORDERS: list[Callable] = []


def records_exports(recorder):
    RECORDERS[:] = [recorder]
    return recorder


def list_export(name, *, title, filename, permission, headers, on_read=None):
    def register(build):
        LISTS[name] = ListExport(name, title, filename, permission, list(headers), build, on_read)
        return build

    return register


def get(name: str) -> ListExport:
    if name not in LISTS:
        # The builders are declared beside their views: load every view module (the worker has not).
        get_resolver().url_patterns  # noqa: B018
    return LISTS[name]


def filters_of(query) -> str:
    """The list's filters as a canonical query string (same filters, same string, same job)."""
    pairs = sorted((k, v) for k, values in query.lists() if k not in NOT_FILTERS for v in values)
    return urlencode(pairs)


def start(request, name: str, fmt: str, *, terms: str = "", summary: str = "", **audit_detail):
    """Start (once) the export of list `name` with this request's filters; go to the job's page."""

    spec = get(name)
    if not RECORDERS:
        raise ImproperlyConfigured("No audit recorder for list exports: is the audit app installed?")
    RECORDERS[0](request, summary=summary or f"Exported {spec.title} as {fmt.upper()}", **audit_detail)
    params = {
        "list": name,
        "format": fmt,
        "query": filters_of(request.GET),
        "terms": terms,
        "today": dates.today().isoformat(),
        "back": request.path,
    }
    title = f"Export {spec.title}"
    extra = {"ip": client_ip(request)}  # for audit entries the worker writes; not compared
    job = start_once(EXPORT_LIST_JOB, request.user, params=params, title=title, extra=extra)
    return redirect(job_url(job))


def query_of(params) -> QueryDict:
    return QueryDict(params.get("query", ""))
