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

from core.registry import Ordered, Part, shown

PANELS = Ordered()  # Part(template, context(request, child) -> dict, or None when this reader gets none)


def child_panel(template: str, *, order: int):
    return PANELS.register(order=order, entry=lambda context: Part(template, context))


def panels_for(request, child):
    """[(template, context)] of the panels this reader sees on `child`'s page, in order."""
    return shown(PANELS, request, child)
