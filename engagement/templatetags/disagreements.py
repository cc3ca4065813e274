"""The child's disagreement records on their page (people's child page includes this tag)."""

from django import template

from clock import dates
from engagement import queries

register = template.Library()


@register.inclusion_tag("engagement/_child_disagreements.html", takes_context=True)
def child_disagreements(context, child):
    user = context["request"].user
    if not user.has_perm("engagement.view_disagreements"):
        return {"show": False}
    today = dates.today()
    return {
        "show": True,
        "child": child,
        "today": today,
        "can_record": user.has_perm("engagement.record_disagreements"),
        "mediations": queries.mediations(today, child=child),
        "appeals": list(queries.appeals().filter(child=child).prefetch_related("orders")),
        "complaints": queries.with_status(
            list(child.complaints.all()), "response_due_on", "responded_on", today
        ),
    }
