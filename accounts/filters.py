"""The user accounts list's filters: username, name or email, and role (staff accounts, not children:
the words stay in the query string as before)."""

from django.db.models import Q
from django_filters import CharFilter

from accounts.roles import Role
from core.filters import Choice, ListFilterSet


class UserFilter(ListFilterSet):
    q = CharFilter(label="Username, name or email", method="matching")
    role = Choice(label="Role", choices=Role.choices, empty_label="Any role", field_name="role")

    def matching(self, users, name, value):
        value = value[:200]
        return users.filter(
            Q(username__icontains=value)
            | Q(first_name__icontains=value)
            | Q(last_name__icontains=value)
            | Q(email__icontains=value)
        )
