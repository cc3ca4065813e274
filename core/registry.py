"""Ordered registries: what apps contribute to a page another app builds (home-page figures and
sections, core/home.py; the panels on a child's page, people/child_page.py), kept in the order each
contribution asks for, so the page's own app imports none of the apps that fill it.

    SECTIONS = Ordered()

    def home_section(template, *, order):  # the decorator the apps use in their home.py
        return SECTIONS.register(order=order, entry=lambda context: Part(template, context))

    shown(SECTIONS, user)  # [(template, context)] of the sections whose context(user) is not None
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass


class Ordered:
    """Entries in ascending `order`; entries of the same order stay as they were added."""

    def __init__(self):
        self._entries: list[tuple[int, object]] = []

    def add(self, entry, *, order: int):
        self._entries.append((order, entry))
        self._entries.sort(key=lambda added: added[0])  # a stable sort: ties keep their order
        return entry

    def register(self, *, order: int, entry: Callable = lambda function: function):
        """A decorator adding `entry(function)` (the function itself by default) at `order`; the
        function is returned unchanged."""

        def register(function):
            self.add(entry(function), order=order)
            return function

        return register

    def __iter__(self) -> Iterator:
        return (entry for _, entry in self._entries)

    def __len__(self) -> int:
        return len(self._entries)


@dataclass(frozen=True)
class Part:
    """A template shown with the context its function gives, or left out when that is None."""

    template: str
    context: Callable


def shown(parts: Ordered, *args) -> list[tuple[str, dict]]:
    """[(template, context)] of the parts that give a context for `args`, in order."""
    found = []
    for part in parts:
        context = part.context(*args)
        if context is not None:
            found.append((part.template, context))
    return found
