"""The panels other apps add to a child's page (people/views.py child_detail), so people, beneath
them, knows none of them. Like the job kinds (jobs/registry.py), each is declared once in its app's
own `child_page.py`:

    from people.child_page import child_panel

    @child_panel("casework/child_page/_cases.html", order=40)
    def cases(request, child):  # the panel's context, or None to leave it out
        ...

A panel's template sees the page's context too (`child`, `can_edit`, `perms`) and its own as
`panel`. Panels are shown in `order`, after the parents and carers. `PeopleConfig.ready` imports
every app's child_page.py.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Panel:
    order: int
    template: str
    context: Callable  # context(request, child) -> dict, or None when this reader gets no panel


PANELS: list[Panel] = []


def child_panel(template: str, *, order: int):
    def register(context):
        PANELS.append(Panel(order, template, context))
        PANELS.sort(key=lambda panel: panel.order)
        return context

    return register


def panels_for(request, child):
    """[(template, context)] of the panels this reader sees on `child`'s page, in order."""
    shown = []
    for panel in PANELS:
        context = panel.context(request, child)
        if context is not None:
            shown.append((panel.template, context))
    return shown
