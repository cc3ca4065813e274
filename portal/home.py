"""A family's children and their plans on the home page (core/home.py)."""

from accounts.roles import FAMILY_ROLES
from core.home import home_section
from people.access import children_visible_to
from portal import family_plans


@home_section("portal/home/_family_children.html", order=10)
def family_children(user):
    if user.role not in FAMILY_ROLES:
        return None
    children = list(children_visible_to(user).select_related("setting").order_by("date_of_birth"))
    plans = family_plans.plans_of(children)
    for child in children:
        plan = plans.get(child.pk)
        child.plan_summary = family_plans.family_plan(user, plan) if plan else None
    return {"children": children}
