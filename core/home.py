"""The figures on each role's home page, counted from the database in a handful of queries."""

from datetime import timedelta

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from accounts.roles import CASE_ROLES, FAMILY_ROLES, Role
from people.access import children_visible_to, is_senco
from people.models import Child, Setting


def _url(name, **query):
    """The filtered list a figure counts, so every figure on a home page is a link to its rows."""
    return reverse(name) + ("?" + urlencode(query) if query else "")


def _area_figures():
    counts = Child.objects.aggregate(
        plans=Count("pk", filter=Q(sen_provision="E")),
        support=Count("pk", filter=Q(sen_provision="K")),
    )
    return [
        {"label": "Children and young people with an EHC plan", "value": counts["plans"],
         "url": _url("people:child_list", provision="E")},
        {"label": "Children on SEN support", "value": counts["support"],
         "url": _url("people:child_list", provision="K")},
    ]


def _casework_figures(user):
    """Open assessment cases: a caseworker's own caseload, or the whole area's for a manager."""
    from casework import queries  # core sits beneath the domain apps: import them where used

    if user.role == Role.CASEWORKER:
        mine = queries.caseload_totals(user)
        return [
            {"label": "My open cases", "value": mine["open"], "url": _url("casework:my_cases")},
            {"label": "My cases overdue", "value": mine["overdue"],
             "url": _url("casework:my_cases", status="overdue")},
            {"label": "My cases due this week", "value": mine["due_soon"],
             "url": _url("casework:my_cases", status="due_soon")},
        ]
    if user.role == Role.MANAGER:
        area = queries.area_totals()
        return [
            {"label": "Open assessment cases", "value": area["open"], "url": _url("casework:case_list")},
            {"label": "Cases overdue", "value": area["overdue"],
             "url": _url("casework:case_list", status="overdue")},
            {"label": "Cases not allocated to a caseworker", "value": area["unallocated"],
             "url": _url("casework:case_list", caseworker=queries.UNALLOCATED)},
        ]
    return []


def figures_for(user):
    """A list of {label, value, url} for the user's role (url: the list the figure counts, or none)."""
    if user.role in CASE_ROLES:
        figures = _area_figures()
        figures.append(
            {"label": "Schools and settings", "value": Setting.objects.filter(is_open=True).count(),
             "url": _url("people:setting_list")}
        )
        if user.role == Role.MANAGER:
            from audit.models import Action, AuditEvent

            week_ago = timezone.now() - timedelta(days=7)
            figures.append(
                {
                    "label": "Refused attempts to open a record in the last 7 days",
                    "value": AuditEvent.objects.filter(action=Action.DENIED, at__gte=week_ago).count(),
                    "url": _url("audit:event_list", action=Action.DENIED),
                }
            )
        # After the existing figures, so each keeps its place on the page.
        return figures + _casework_figures(user)
    if is_senco(user):
        from reviews.queries import pupils_with_plans  # the same count as the SENCo's "Your work"

        support = children_visible_to(user).filter(sen_provision="K").count()
        return [
            {"label": "Pupils on roll with an EHC plan", "value": pupils_with_plans(user).count(),
             "url": _url("portal:professional_home")},
            {"label": "Pupils on roll on SEN support", "value": support,
             "url": _url("people:child_list", provision="K")},
        ]
    if user.role == Role.ADMINISTRATOR:
        from accounts.models import User

        return [
            {"label": "Active user accounts", "value": User.objects.filter(is_active=True).count(),
             "url": _url("accounts:user_list")},
            {"label": "Schools and settings", "value": Setting.objects.count(),
             "url": _url("people:setting_list")},
            {"label": "Children's records", "value": Child.objects.count()},  # administrators see no records
        ]
    if user.role in FAMILY_ROLES:
        return []
    figures = _area_figures()
    if not user.has_perm("people.list_children"):
        for figure in figures:
            figure.pop("url")  # a figure links only to a list its reader may open
    return figures


def children_for_family(user):
    if user.role not in FAMILY_ROLES:
        return []
    from portal import family_plans  # the portal builds on core: imported where needed

    children = list(children_visible_to(user).select_related("setting").order_by("date_of_birth"))
    plans = family_plans.plans_of(children)
    for child in children:
        plan = plans.get(child.pk)
        child.plan_summary = family_plans.family_plan(user, plan) if plan else None
    return children
