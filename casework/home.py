"""Open assessment cases on the home page (core/home.py): a caseworker's own caseload, or the whole
area's for a manager."""

from accounts.roles import Role
from casework import queries
from core.home import home_figures, list_url


@home_figures(order=50)
def open_cases(user):
    if user.role == Role.CASEWORKER:
        mine = queries.caseload_totals(user)
        return [
            {"label": "My open cases", "value": mine["open"], "url": list_url("casework:my_cases")},
            {"label": "My cases overdue", "value": mine["overdue"],
             "url": list_url("casework:my_cases", status="overdue")},
            {"label": "My cases due this week", "value": mine["due_soon"],
             "url": list_url("casework:my_cases", status="due_soon")},
        ]
    if user.role == Role.MANAGER:
        area = queries.area_totals()
        return [
            {"label": "Open assessment cases", "value": area["open"], "url": list_url("casework:case_list")},
            {"label": "Cases overdue", "value": area["overdue"],
             "url": list_url("casework:case_list", status="overdue")},
            {"label": "Cases not allocated to a caseworker", "value": area["unallocated"],
             "url": list_url("casework:case_list", caseworker=queries.UNALLOCATED)},
        ]
    return []
