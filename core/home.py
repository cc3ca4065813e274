"""The home page, put together from what each app contributes in its own `<app>/home.py`, so core
(beneath every domain app) knows none of them. Like the job kinds (jobs/registry.py), a
contribution is declared once, beside the data it counts:

    from core.home import home_figures, home_section

    @home_figures(order=50)
    def casework_figures(user):  # [{label, value, url}] for this user's role, or []
        ...

    @home_section("portal/home/_family_children.html", order=10)
    def family_children(user):  # the section's context, or None to leave it out
        ...

Contributions are asked in `order` (figures and sections apart); each decides from the user's role
whether it has anything to say, and counts in as few queries as the page had before.
`core.apps.CoreConfig.ready` imports every app's home.py.
"""

from django.urls import reverse
from django.utils.http import urlencode

from core.registry import Ordered, Part, shown

FIGURES = Ordered()  # figures(user) -> [{label, value, url}]
SECTIONS = Ordered()  # Part(template, context(user) -> dict, or None when not for this user)


def home_figures(*, order: int):
    return FIGURES.register(order=order)


def home_section(template: str, *, order: int):
    return SECTIONS.register(order=order, entry=lambda context: Part(template, context))


def list_url(name, **query):
    """The filtered list a figure counts, so every figure on a home page is a link to its rows."""
    return reverse(name) + ("?" + urlencode(query) if query else "")


def figures_for(user):
    """A list of {label, value, url} for the user's role (url: the list the figure counts, or none)."""
    figures = []
    for contribute in FIGURES:
        figures.extend(contribute(user))
    return figures


def sections_for(user):
    """[(template, context)] of the sections this user sees, in order."""
    return shown(SECTIONS, user)
