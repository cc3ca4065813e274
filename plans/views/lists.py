"""The list of plans, the assessments waiting for a draft, and the plan quality figures."""

from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import render

from audit.models import Action
from audit.services import record
from clock import dates
from core import search_terms
from core.permissions import permission_required
from jobs import services as jobs
from jobs.models import Status
from plans import measures, queries, stored_checks
from plans.access import plans_visible_to
from plans.checks import CHECKS, PASSING
from plans.filters import PlanFilter
from plans.jobs import CHECK_QUALITY_JOB

JUDGE_HERE = 200  # out-of-date results judged in the request (a plan takes about a millisecond)


@permission_required("plans.list_plans")
def plan_list(request):
    if request.method == "POST":  # names typed go to the session, not the URL (core.search_terms)
        return search_terms.search_redirect(request, "plans:plan_list")
    key, terms = search_terms.recall(request)
    filters = PlanFilter(request.GET, queries.plan_rows(plans_visible_to(request.user), terms))
    plans = filters.qs
    page = Paginator(plans, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    if terms:
        record(request, Action.SEARCH, summary="Searched EHC plans", results=page.paginator.count)
    can_edit = request.user.has_perm("plans.edit_plan")
    waiting = queries.cases_waiting_for_a_draft()[:10] if can_edit else []
    return render(
        request,
        "plans/plan_list.html",
        {
            "page_obj": page,
            "terms": terms,
            "search_key": key,
            "filters": filters,
            "waiting": waiting,
            "can_edit": can_edit,
        },
    )


@permission_required("plans.view_quality")
def quality(request):
    """The figures from the stored results (plans.stored_checks): a few out of date are judged
    here; more than JUDGE_HERE go to the job queue, and this page shows its progress meanwhile."""
    today = dates.today()
    stale = stored_checks.stale(today)
    if stale.count() > JUDGE_HERE:
        job = jobs.start_once(CHECK_QUALITY_JOB, request.user, params={"day": today.isoformat()})
        if job.status != Status.SUCCEEDED:
            return render(request, "plans/quality_checking.html", {"job": job, "refresh_url": request.path})
    else:
        stored_checks.check_and_store(stale, today)
    figures = measures.measure_stored(today)
    rows = [
        {
            "code": code,
            "section": section,
            "label": PASSING[code],
            "why": why,
            "figure": figures.checks[code],
        }
        for code, (section, why) in CHECKS.items()
    ]
    return render(request, "plans/quality.html", {"figures": figures, "rows": rows})
