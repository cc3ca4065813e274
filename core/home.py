"""The figures on each role's home page, counted from the database in a handful of queries."""

from datetime import timedelta

from django.db.models import Count, Q
from django.utils import timezone

from accounts.roles import CASE_ROLES, FAMILY_ROLES, Role
from people.access import children_visible_to, is_senco
from people.models import Child, Setting


def _area_figures():
    counts = Child.objects.aggregate(
        plans=Count("pk", filter=Q(sen_provision="E")),
        support=Count("pk", filter=Q(sen_provision="K")),
    )
    return [
        {"label": "Children and young people with an EHC plan", "value": counts["plans"]},
        {"label": "Children on SEN support", "value": counts["support"]},
    ]


def _casework_figures(user):
    """Open assessment cases: a caseworker's own caseload, or the whole area's for a manager."""
    from casework import queries  # core sits beneath the domain apps: import them where used

    if user.role == Role.CASEWORKER:
        mine = queries.caseload_totals(user)
        return [
            {"label": "My open cases", "value": mine["open"]},
            {"label": "My cases overdue", "value": mine["overdue"]},
            {"label": "My cases due this week", "value": mine["due_soon"]},
        ]
    if user.role == Role.MANAGER:
        area = queries.area_totals()
        return [
            {"label": "Open assessment cases", "value": area["open"]},
            {"label": "Cases overdue", "value": area["overdue"]},
            {"label": "Cases not allocated to a caseworker", "value": area["unallocated"]},
        ]
    return []


def figures_for(user):
    """A list of {label, value} for the user's role."""
    if user.role in CASE_ROLES:
        figures = _area_figures()
        figures.append(
            {"label": "Schools and settings", "value": Setting.objects.filter(is_open=True).count()}
        )
        if user.role == Role.MANAGER:
            from audit.models import Action, AuditEvent

            week_ago = timezone.now() - timedelta(days=7)
            figures.append(
                {
                    "label": "Refused attempts to open a record in the last 7 days",
                    "value": AuditEvent.objects.filter(action=Action.DENIED, at__gte=week_ago).count(),
                }
            )
        # After the existing figures, so each keeps its place on the page.
        return figures + _casework_figures(user)
    if is_senco(user):
        counts = children_visible_to(user).aggregate(
            plans=Count("pk", filter=Q(sen_provision="E")),
            support=Count("pk", filter=Q(sen_provision="K")),
        )
        return [
            {"label": "Pupils on roll with an EHC plan", "value": counts["plans"]},
            {"label": "Pupils on roll on SEN support", "value": counts["support"]},
        ]
    if user.role == Role.ADMINISTRATOR:
        from accounts.models import User

        return [
            {"label": "Active user accounts", "value": User.objects.filter(is_active=True).count()},
            {"label": "Schools and settings", "value": Setting.objects.count()},
            {"label": "Children's records", "value": Child.objects.count()},
        ]
    if user.role in FAMILY_ROLES:
        return []
    return _area_figures()


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
