"""On a child's page (people/child_page.py): whether the parents may see the young person's
record, and inviting the family to the portal."""

from people.child_page import child_panel


@child_panel("portal/child_page/_portal.html", order=10)
def portal_access(request, child):
    return {}  # the template shows each part to whoever may act on it (can_edit, perms)
