"""The needs analysis's "Plans in force at the end of each year" chart agrees with its table: the
year under each point is the table row's year, and the point's height is that row's figure.

Each figure is at 31 December, so an axis labelled at each 1 January put the 2021 figure over
"2022" (the chart a year off its table)."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from clock import dates
from core import chart
from people.tests.factories import ChildFactory
from plans.models import EHCPlan

pytestmark = pytest.mark.django_db


def _chart_and_table(soup):
    table = soup.find(id="trend-table")
    rows = {
        row.th.get_text(strip=True): int(row.find_all("td")[-1].get_text(strip=True))
        for row in table.tbody.find_all("tr")
    }
    return table.find_parent(class_="govuk-grid-row").find("svg"), rows


def _axis_labels(svg):
    """x position -> text of the labels along the bottom axis."""
    bottom = chart.HEIGHT - chart.BOTTOM + 18
    return {
        float(text["x"]): text.get_text()
        for text in svg.find_all("text")
        if float(text["y"]) == bottom and text.get("text-anchor") == "middle"
    }


def _top_tick(svg):
    """The value of the highest gridline (drawn at y = TOP)."""
    ticks = [t for t in svg.find_all("text") if t.get("text-anchor") == "end"]
    return max(float(t.get_text().rstrip("%")) for t in ticks)


def test_each_point_sits_over_its_own_year_at_its_tables_figure(area, login):
    year = dates.today().year
    EHCPlan.objects.all().delete()
    for started in (year - 4, year - 4, year - 3, year - 1):
        EHCPlan.objects.create(child=ChildFactory(), first_issued_on=date(started, 5, 1))
    EHCPlan.objects.create(
        child=ChildFactory(), first_issued_on=date(year - 5, 2, 1), ceased_on=date(year - 2, 3, 1)
    )
    svg, table = _chart_and_table(login("commissioner").page(reverse("commissioning:needs")))
    assert table[str(year - 3)] == 4 and table[str(year - 2)] == 3 and table[str(year)] == 4

    labels, top = _axis_labels(svg), _top_tick(svg)
    points = svg.find_all("circle", attrs={"r": "3.5"})
    assert len(points) == len(table)
    plot_height = chart.HEIGHT - chart.TOP - chart.BOTTOM
    for point in points:
        x = float(point["cx"])
        under = labels[min(labels, key=lambda at: abs(at - x))]  # the axis label nearest the point
        assert abs(min(labels, key=lambda at: abs(at - x)) - x) < 1, f"no label under the point at {x}"
        drawn = top * (1 - (float(point["cy"]) - chart.TOP) / plot_height)
        assert round(drawn) == table[under], f"{under}: drawn at {drawn}, table says {table[under]}"
        assert point.title.get_text() == f"{under}: {table[under]}"
    assert sorted(labels.values()) == sorted(table)


def test_a_kpi_chart_still_marks_each_1_january():
    svg = str(
        chart.draw(
            "A KPI",
            [chart.Point(date(2025, 3, 31), Decimal(5)), chart.Point(date(2026, 3, 31), Decimal(6))],
            [],
            unit="count",
            table_caption="Figures",
            end=date(2026, 12, 31),
        )
    )
    assert ">2026</text>" in svg and "<circle" in svg and "<title>" not in svg  # no tooltips
