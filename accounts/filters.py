"""The user accounts list's filters: role. The words searched for (a username, name or email: personal
data) are never a filter: they stay in the session (core/search_terms.py)."""

from django.db.models import Q

from accounts.roles import Role
from core.filters import Choice, ListFilterSet


class UserFilter(ListFilterSet):
    role = Choice(label="Role", choices=Role.choices, empty_label="Any role", field_name="role")


def matching(users, words: str):
    """The accounts whose username, name or email contains the words searched for."""
    if not words:
        return users
    return users.filter(
        Q(username__icontains=words)
        | Q(first_name__icontains=words)
        | Q(last_name__icontains=words)
        | Q(email__icontains=words)
    )
