"""On a child's page (people/child_page.py): the link to the messages with the family, for staff
who use the inbox."""

from accounts.roles import FAMILY_ROLES
from people.child_page import child_panel


@child_panel("messaging/child_page/_family_messages.html", order=30)
def family_messages(request, child):
    user = request.user
    if user.role in FAMILY_ROLES or not user.has_perm("messaging.use_inbox"):
        return None
    return {}
