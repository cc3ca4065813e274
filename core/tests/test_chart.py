"""The server-drawn chart (core.chart): round axis tops, points where the figures are."""

from datetime import date
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup

from core.chart import Point, draw, nice_top


@pytest.mark.parametrize(
    ("highest", "top"),
    [("111", 120), ("101", 120), ("26", 32), ("12", 12), ("7", 8), ("3.3", 4), ("0.5", "0.6")],
)
def test_the_axis_stops_at_a_round_number_above_the_highest_figure(highest, top):
    assert nice_top(Decimal(highest)) == Decimal(str(top))


def test_it_draws_the_figures_the_steps_and_a_hollow_baseline():
    svg = BeautifulSoup(
        draw(
            "Longest wait <b>",
            [Point(date(2023, 3, 31), Decimal(95)), Point(date(2023, 9, 30), Decimal(58))],
            [Point(date(2023, 3, 31), Decimal(90)), Point(date(2023, 9, 30), Decimal(60))],
            unit="weeks",
            table_caption="Longest wait: figures and targets",
            end=date(2024, 1, 31),
            baseline=Point(date(2022, 6, 30), Decimal(101)),
        ),
        "html.parser",
    )
    assert svg.svg["role"] == "img" and svg.title.get_text() == "Longest wait <b>"  # escaped, not markup
    assert 'table "Longest wait: figures and targets"' in svg.desc.get_text()
    figures = svg.find_all("circle", attrs={"r": "3.5"})
    hollow = svg.find_all("circle", attrs={"fill": "#ffffff"})
    assert len(figures) == 2 and len(hollow) == 2  # the baseline, and its key in the legend
    solid, dashed = (
        [p for p in svg.find_all("path") if not p.get("stroke-dasharray")],
        svg.find("path", attrs={"stroke-dasharray": True}),
    )
    assert solid[0]["d"].count("L") == 1  # two figures joined; the baseline is not
    assert dashed["d"].count("L") == 3  # two steps: 90 until September, then 60 to the end
    assert [t.get_text() for t in svg.find_all("text")][:5] == ["0", "30", "60", "90", "120"]


def test_nothing_to_draw_gives_nothing():
    assert draw("Empty", [], [], unit="percent", table_caption="x", end=date(2026, 1, 1)) == ""
