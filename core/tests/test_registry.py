"""The ordered registries behind the home page and the child's page, and the KPI sources' factory
for month-by-month measures (core/registry.py, core/kpis.py)."""

from datetime import date
from decimal import Decimal
from types import SimpleNamespace

from casework.measures import Proportion
from core import kpis
from core.registry import Ordered, Part, shown


def test_entries_come_in_their_order_and_ties_as_they_were_added():
    registry = Ordered()
    for order, name in [(30, "c"), (10, "a"), (30, "d"), (20, "b"), (10, "a2")]:
        registry.add(name, order=order)
    assert list(registry) == ["a", "a2", "b", "c", "d"]
    assert len(registry) == 5


def test_register_adds_what_the_entry_makes_and_leaves_the_function_as_it_was():
    registry = Ordered()

    @registry.register(order=2, entry=lambda context: Part("second.html", context))
    def second(user):
        return None

    @registry.register(order=1, entry=lambda context: Part("first.html", context))
    def first(user):
        return {"user": user}

    assert first("ann") == {"user": "ann"}, "the decorated function is returned unchanged"
    assert [part.template for part in registry] == ["first.html", "second.html"]
    assert shown(registry, "ann") == [("first.html", {"user": "ann"})], "a None context leaves the part out"


def test_a_monthly_measure_maps_each_month_start_to_its_figures_and_reads_proportions(monkeypatch):
    monkeypatch.setattr(kpis, "MEASURES", {})
    march = SimpleNamespace(start=date(2026, 3, 1), held=Proportion(4, 3))
    april = SimpleNamespace(start=date(2026, 4, 1), held=Proportion(0, 0))
    asked = []

    def measures(start, end, *, today):
        asked.append((start, end, today))
        return SimpleNamespace(months=[march, april])

    reviews = kpis.monthly_measure("reviews", measures)
    measured = kpis.Measured(date(2026, 3, 1), date(2026, 4, 30), today=date(2026, 4, 15))
    read = reviews.proportion("held")

    assert read(measured, date(2026, 3, 1)) == kpis.Figure(Decimal("75.0"), 3, 4)
    assert read(measured, date(2026, 4, 1)) is None, "no reviews due: no figure"
    assert read(measured, date(2026, 5, 1)) is None, "a month the measure has nothing for"
    assert reviews.figures(measured, date(2026, 3, 1)) is march
    assert asked == [(date(2026, 3, 1), date(2026, 4, 30), date(2026, 4, 15))], "measured once for the range"


def test_casework_and_reviews_sources_read_their_month_of_their_own_measure():
    month = date(2026, 3, 1)
    measured = kpis.Measured(month, date(2026, 3, 31), today=date(2026, 4, 15))
    measured._figures = {  # as if each app's measure had run for March
        "casework": {month: SimpleNamespace(decisions=Proportion(10, 9), plans_excluding=Proportion(5, 1))},
        "reviews": {month: SimpleNamespace(held=Proportion(4, 1), amended=Proportion(2, 2))},
    }
    keys = ["decisions_6w", "plans_20w_excluding", "reviews_in_time", "amended_12w"]
    read = {key: kpis.SOURCES[key].read(measured, month) for key in keys}
    assert read["decisions_6w"] == kpis.Figure(Decimal("90.0"), 9, 10)
    assert read["plans_20w_excluding"] == kpis.Figure(Decimal("20.0"), 1, 5)
    assert read["reviews_in_time"] == kpis.Figure(Decimal("25.0"), 1, 4)
    assert read["amended_12w"] == kpis.Figure(Decimal("100.0"), 2, 2)
    assert kpis.SOURCES["decisions_6w"].read(measured, date(2026, 2, 1)) is None
