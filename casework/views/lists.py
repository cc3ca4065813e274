"""Case lists ("My cases", "All open cases") with filters, search, sorting and export; caseloads."""

from django.core.paginator import Paginator
from django.shortcuts import render

from audit.models import Action
from audit.services import record
from casework import queries
from casework.filters import CaseFilter
from clock import dates
from core import exports, list_exports, search_terms
from core.list_exports import list_export
from core.permissions import permission_required

STATUS_LABELS = {key: label for key, (label, _) in queries.STATUSES.items()}
EXPORT_HEADERS = [
    "Reference",
    "Last name",
    "First name",
    "Date of birth",
    "School or setting",
    "Primary need",
    "Stage",
    "Caseworker",
    "Request received",
    "Next step",
    "Next step due",
    "Status",
]


def _export_row(case):
    child = case.child
    return [
        case.reference,
        child.legal_last_name,
        child.legal_first_name,
        child.date_of_birth.strftime("%d/%m/%Y"),
        child.setting.name if child.setting else "",
        child.get_primary_need_display(),
        case.get_stage_display(),
        str(case.caseworker) if case.caseworker else "Not allocated",
        case.received_on.strftime("%d/%m/%Y"),
        case.next_step,
        case.next_deadline.strftime("%d/%m/%Y") if case.next_deadline else "",
        case.deadline_label,
    ]


def _listed(cases, query, terms, today, *, mine=False):
    """The list as the page shows it: searched, filtered and sorted (the page and its export)."""
    filters = CaseFilter(query, queries.search_cases(cases, terms), today=today, mine=mine)
    cases, sort = queries.sort_cases(queries.with_deadline_status(filters.qs, today), query.get("sort", ""))
    return cases, filters, sort


@list_export(
    "casework.cases",
    title="all open cases",
    filename="cases",
    permission="casework.export_cases",
    headers=EXPORT_HEADERS,
)
def export_all_cases(user, query, terms, today):
    return _listed(queries.open_cases(), query, terms, today)[0], _export_row


@list_export(
    "casework.my_cases",
    title="my cases",
    filename="my-cases",
    permission="casework.export_cases",
    headers=EXPORT_HEADERS,
)
def export_my_cases(user, query, terms, today):
    cases = queries.open_cases().filter(caseworker=user)
    return _listed(cases, query, terms, today, mine=True)[0], _export_row


def _case_list(request, *, cases, url_name, title, export, mine=False):
    if request.method == "POST":
        return search_terms.search_redirect(request, url_name)
    today = dates.today()
    key, terms = search_terms.recall(request)
    cases, filters, sort = _listed(cases, request.GET, terms, today, mine=mine)
    chosen = filters.chosen
    fmt = exports.wants_export(request)
    if fmt and filters.is_valid() and request.user.has_perm("casework.export_cases"):
        return list_exports.start(request, export, fmt, terms=terms, filters=chosen)
    page = Paginator(cases, 25).get_page(request.GET.get("page"))
    can_allocate = not mine and request.user.has_perm("casework.allocate")
    can_add_to_panel = not mine and request.user.has_perm("casework.add_panel_item")
    if terms:
        record(request, Action.SEARCH, summary="Searched assessment cases", results=page.paginator.count)
    return render(
        request,
        "casework/case_list.html",
        {
            "title": title,
            "url_name": url_name,
            "mine": mine,
            "page_obj": page,
            "terms": terms,
            "search_key": key,
            "filters": filters,
            "chosen": chosen,
            "sort": sort,
            "status_label": STATUS_LABELS.get(chosen["status"], ""),
            "can_export": request.user.has_perm("casework.export_cases"),
            # Several cases at once (casework/views/bulk.py), from the list of all open cases.
            "can_allocate": can_allocate,
            "can_add_to_panel": can_add_to_panel,
            "can_bulk": can_allocate or can_add_to_panel,
            "export_label": title.lower(),
        },
    )


@permission_required("casework.list_cases")
def case_list(request):
    return _case_list(
        request,
        cases=queries.open_cases(),
        url_name="casework:case_list",
        title="All open cases",
        export="casework.cases",
    )


@permission_required("casework.hold_cases")
def my_cases(request):
    return _case_list(
        request,
        cases=queries.open_cases().filter(caseworker=request.user),
        url_name="casework:my_cases",
        title="My cases",
        export="casework.my_cases",
        mine=True,
    )


@permission_required("casework.allocate")
def caseloads(request):
    loads = queries.caseloads()
    return render(
        request,
        "casework/caseloads.html",
        {
            "loads": loads,
            "totals": queries.area_totals(),
            "unallocated": queries.UNALLOCATED,
        },
    )
