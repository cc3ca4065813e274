"""On a child's page (people/child_page.py): their mediations, tribunal appeals and complaints."""

from clock import dates
from engagement import queries
from people.child_page import child_panel


@child_panel("engagement/child_page/_disagreements.html", order=50)
def disagreements(request, child):
    user = request.user
    if not user.has_perm("engagement.view_disagreements"):
        return None
    today = dates.today()
    return {
        "today": today,
        "can_record": user.has_perm("engagement.record_disagreements"),
        "mediations": queries.mediations(today, child=child),
        "appeals": list(queries.appeals().filter(child=child).prefetch_related("orders")),
        "complaints": queries.with_status(
            list(child.complaints.all()), "response_due_on", "responded_on", today
        ),
    }
