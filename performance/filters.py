"""The KPI dashboard's filters: improvement area, owner, rating, where the figures come from. The
dashboard's rows are the scorecard's (worked out in Python, not a query), so the FilterSet checks and
draws the choices and `rows` applies them; the page and its export both go through it."""

from django.utils.text import Truncator

from core.filters import Choice, ListFilterSet
from performance import rag
from performance.data.bradford_wsa import AREAS
from performance.models import KPI, MANUAL

RAG_CHOICES = [(r.value, r.short) for r in rag.RAG]
SOURCE_CHOICES = [("system", "From OpenSEND"), (MANUAL, "Entered by hand")]


class KPIFilter(ListFilterSet):
    area = Choice(
        label="Improvement area",
        choices=[(code, f"{code}: {Truncator(title).chars(60)}") for code, title in sorted(AREAS.items())],
    )
    owner = Choice(label="Owner")
    rag = Choice(label="Rating", choices=RAG_CHOICES)
    source = Choice(label="Where the figures come from", choices=SOURCE_CHOICES)

    def __init__(self, data, every: list[dict], **kwargs):
        self.every = every
        super().__init__(data, KPI.objects.none(), **kwargs)
        self.filters["owner"].extra["choices"] = [
            (o, o) for o in sorted({r["owner"] for r in every if r["owner"]})
        ]

    def filter_queryset(self, queryset):
        return queryset  # see rows: the scorecard is not a query

    @property
    def rows(self) -> list[dict]:
        if not self.is_valid():
            return []  # a value the list cannot use: the page says so and lists nothing
        chosen = self.form.cleaned_data
        rows = self.every
        for name in ("area", "owner", "rag"):
            if chosen[name]:
                rows = [r for r in rows if r[name] == chosen[name]]
        if chosen["source"]:
            manual = chosen["source"] == MANUAL
            rows = [r for r in rows if (r["source"] == MANUAL) == manual]
        return rows
