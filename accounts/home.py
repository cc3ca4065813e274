"""The administrator's count of active accounts on the home page (core/home.py)."""

from accounts.models import User
from accounts.roles import Role
from core.home import home_figures, list_url


@home_figures(order=10)
def active_accounts(user):
    if user.role != Role.ADMINISTRATOR:
        return []
    return [
        {"label": "Active user accounts", "value": User.objects.filter(is_active=True).count(),
         "url": list_url("accounts:user_list")},
    ]
