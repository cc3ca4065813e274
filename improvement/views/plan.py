"""The improvement plan's pages: the plan itself, an action, its update form, what changed since
the last report and the exception list."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from core import exports, list_exports, search_terms
from core.concurrency import StaleEditError
from core.list_exports import list_export
from core.permissions import permission_required
from improvement import queries
from improvement.filters import ActionFilter, ExceptionFilter
from improvement.forms import UpdateActionForm
from improvement.models import RATING_ORDER, RATING_SHORT, Action
from improvement.services import UpdateRefused, update_action

PLAN_HEADERS = [
    "Action",
    "Area",
    "Objective",
    "Activity",
    "Lead",
    "Lead post",
    "Partners",
    "Timeframe",
    "Resource",
    "Rating",
    "Latest update",
    "Latest update on",
]


def _plan_row(action, latest):
    return [
        action.number,
        action.objective.area.number,
        action.objective.number,
        action.text,
        str(action.lead) if action.lead else "",
        action.lead_post,
        "; ".join(action.partner_list),
        action.timeframe,
        action.get_resource_display(),
        RATING_SHORT[action.rating],
        latest.narrative if latest else "",
        latest.written_on.strftime("%d/%m/%Y") if latest else "",
    ]


def _plan_actions(user, query, terms):
    """The plan's actions as the page shows them, searched and filtered (the page and its export)."""
    filters = ActionFilter(query, queries.search_actions(queries.actions(), terms), user=user)
    return filters.qs, filters


@list_export(
    "improvement.plan",
    title="the improvement plan",
    filename="improvement-plan",
    permission="improvement.view_plan",
    headers=PLAN_HEADERS,
)
def export_plan(user, query, terms, today):
    found = list(_plan_actions(user, query, terms)[0])
    latest = queries.latest_updates([a.pk for a in found])
    return found, lambda action: _plan_row(action, latest.get(action.pk))


@permission_required("improvement.view_plan")
def plan(request):
    if request.method == "POST":
        return search_terms.search_redirect(request, "improvement:plan")
    key, terms = search_terms.recall(request)
    found, filters = _plan_actions(request.user, request.GET, terms)
    fmt = exports.wants_export(request)
    if fmt and filters.is_valid():
        return list_exports.start(request, "improvement.plan", fmt, terms=terms, filters=filters.chosen)
    page = Paginator(found, 60).get_page(request.GET.get("page"))
    shown = list(page)
    latest = queries.latest_updates([a.pk for a in shown])
    for action in shown:
        action.latest = latest.get(action.pk)
    return render(
        request,
        "improvement/plan.html",
        {
            "page_obj": page,
            "actions": shown,
            "terms": terms,
            "search_key": key,
            "filters": filters,
            "counts": queries.rating_counts(),
            "rating_order": [(r, RATING_SHORT[r]) for r in RATING_ORDER],
            "export_label": "the improvement plan",
        },
    )


def _action_for(request, public_id):
    return get_object_or_404(Action.objects.select_related("objective__area", "lead"), public_id=public_id)


@permission_required("improvement.view_plan")
def action_detail(request, public_id):
    action = _action_for(request, public_id)
    return render(
        request,
        "improvement/action_detail.html",
        {
            "action": action,
            "milestones": action.milestones.all(),
            "kpis": action.kpis.all(),
            # Commissioning intentions this action delivers (commissioning.Intention.actions).
            "intentions": action.intentions.all(),
            "updates": action.updates.all(),
            "rating_changes": action.rating_changes.all(),
            "can_update": request.user.has_perm("improvement.update_action", action),
        },
    )


@login_required
def action_update(request, public_id):
    action = _action_for(request, public_id)
    if not request.user.has_perm("improvement.update_action", action):
        raise PermissionDenied
    form = UpdateActionForm(
        request.POST or None, action=action, initial={"rating": action.rating, "version": action.version}
    )
    stale = None
    if request.method == "POST" and form.is_valid():
        try:
            update_action(
                action,
                request.user,
                form.cleaned_data["version"],
                form.cleaned_data["rating"],
                form.cleaned_data["narrative"],
                milestones_met=[int(pk) for pk in form.cleaned_data.get("milestones_met", [])],
            )
        except StaleEditError as error:
            stale = str(error)
        except UpdateRefused as refused:  # the rules changed between the form and the save
            form.add_error(refused.field, refused.message)
        else:
            messages.success(request, f"Action {action.number} updated: {action.get_rating_display()}")
            return redirect(reverse("improvement:action_detail", args=[action.public_id]) + "#rating-history")
    return render(request, "improvement/action_update.html", {"action": action, "form": form, "stale": stale})


@permission_required("improvement.view_plan")
def changes(request):
    last = queries.last_issued_report()
    rating_changes, updates = queries.changes_since(last.issued_at if last else None)
    page = Paginator(updates, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "improvement/changes.html",
        {"last": last, "rating_changes": rating_changes[:200], "page_obj": page},
    )


EXCEPTION_HEADERS = ["Action", "Area", "Activity", "Lead", "Timeframe", "Rating", "Narrative", "Updated on"]


def _exceptions(query):
    filters = ExceptionFilter(query, queries.exceptions())
    return filters.rows, filters


def _exception_row(a):
    return [
        a.number,
        a.objective.area.number,
        a.text,
        str(a.lead or a.lead_post),
        a.timeframe,
        RATING_SHORT[a.rating],
        a.latest.narrative if a.latest else "",
        a.latest.written_on.strftime("%d/%m/%Y") if a.latest else "",
    ]


@list_export(
    "improvement.exceptions",
    title="the exception list",
    filename="improvement-exceptions",
    permission="improvement.view_plan",
    headers=EXCEPTION_HEADERS,
)
def export_exceptions(user, query, terms, today):
    return list(_exceptions(query)[0]), _exception_row


@permission_required("improvement.view_plan")
def exceptions(request):
    found, filters = _exceptions(request.GET)
    fmt = exports.wants_export(request)
    if fmt and filters.is_valid():
        return list_exports.start(request, "improvement.exceptions", fmt)
    return render(
        request,
        "improvement/exceptions.html",
        {
            "actions": found,
            "filters": filters,
            "export_label": "red and amber actions",
        },
    )
