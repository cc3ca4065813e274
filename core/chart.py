"""A KPI's actual figures against its trajectory, drawn on the server as inline SVG.

No JavaScript and no chart library: the chart is a picture of the data table printed beside it,
which is where screen reader users (and anyone checking a figure) read the numbers. The SVG has a
title and a description saying so. The trajectory is drawn as steps, because a milestone applies
from its date until the next one (performance.rag).
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils.html import format_html, format_html_join

WIDTH, HEIGHT = 640, 320
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 16, 48
ACTUAL_COLOUR = "#1d70b8"  # GOV.UK blue
TARGET_COLOUR = "#505a5f"  # GOV.UK secondary text


@dataclass(frozen=True)
class Point:
    on: date
    value: Decimal


def nice_top(highest: Decimal) -> Decimal:
    """The smallest round number at or above `highest` whose quarter (one of the 4 tick steps) is
    1, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a power of ten."""
    if highest <= 0:
        return Decimal(4)
    rough = highest / 4
    power = Decimal(10) ** (len(str(int(rough))) - 1) if rough >= 1 else Decimal("0.1")
    for step in (1, Decimal("1.5"), 2, Decimal("2.5"), 3, 4, 5, 6, 8, 10):
        if power * step * 4 >= highest:
            return power * step * 4
    return power * 40


def _scale(points_dates, values, unit):
    first, last = min(points_dates), max(points_dates)
    span = max((last - first).days, 1)
    top = Decimal(100) if unit == "percent" and max(values) <= 100 else nice_top(max(values))

    def x(on: date) -> float:
        return round(LEFT + (WIDTH - LEFT - RIGHT) * (on - first).days / span, 1)

    def y(value) -> float:
        return round(TOP + (HEIGHT - TOP - BOTTOM) * (1 - float(value) / float(top)), 1)

    return x, y, top, first, last


def _path(coordinates) -> str:
    return " ".join(f"{'M' if i == 0 else 'L'}{px},{py}" for i, (px, py) in enumerate(coordinates))


def draw(
    title: str,
    actuals: list[Point],
    targets: list[Point],
    *,
    unit: str,
    table_caption: str,
    end: date,
    baseline: Point | None = None,
    point_label: Callable[[Point], str] | None = None,
):
    """The SVG markup (safe HTML), or "" when there is nothing to draw. The baseline is a hollow
    point of its own, not joined to the figures (it may be years before them).

    `point_label` names each actual point the way its table row does (a year for a figure at the
    end of that year): the x axis is then labelled under the points themselves, and each point
    carries its label and value as a tooltip, so the chart reads as its table does. Without it the
    axis marks each 1 January, which would put a year-end figure over the next year's label."""
    if not actuals and not targets:
        return ""
    extra = [baseline] if baseline else []
    dates_ = [p.on for p in actuals + targets + extra] + [end]
    x, y, top, first, last = _scale(dates_, [p.value for p in actuals + targets + extra], unit)
    parts = [_axes(x, y, top, first, last, unit, labelled=(actuals, point_label) if point_label else None)]
    if targets:
        steps, ordered = [], sorted(targets, key=lambda p: p.on)
        for index, point in enumerate(ordered):
            until = ordered[index + 1].on if index + 1 < len(ordered) else last
            steps += [(x(point.on), y(point.value)), (x(until), y(point.value))]
        parts.append(
            format_html(
                '<path d="{}" fill="none" stroke="{}" stroke-width="2" stroke-dasharray="6 4"/>',
                _path(steps),
                TARGET_COLOUR,
            )
        )
    if actuals:
        coordinates = [(x(p.on), y(p.value)) for p in sorted(actuals, key=lambda p: p.on)]
        parts.append(
            format_html(
                '<path d="{}" fill="none" stroke="{}" stroke-width="3"/>', _path(coordinates), ACTUAL_COLOUR
            )
        )
        if point_label:
            parts.append(
                format_html_join(
                    "",
                    '<circle cx="{}" cy="{}" r="3.5" fill="{}"><title>{}: {}</title></circle>',
                    (
                        (x(p.on), y(p.value), ACTUAL_COLOUR, point_label(p), f"{p.value.normalize():f}")
                        for p in sorted(actuals, key=lambda p: p.on)
                    ),
                )
            )
        else:
            parts.append(
                format_html_join(
                    "",
                    '<circle cx="{}" cy="{}" r="3.5" fill="{}"/>',
                    ((cx, cy, ACTUAL_COLOUR) for cx, cy in coordinates),
                )
            )
    if baseline:
        parts.append(
            format_html(
                '<circle cx="{}" cy="{}" r="5" fill="#ffffff" stroke="{}" stroke-width="2"/>',
                x(baseline.on),
                y(baseline.value),
                ACTUAL_COLOUR,
            )
        )
    parts.append(_legend(baseline is not None))
    return format_html(
        '<svg class="opensend-kpi-chart" viewBox="0 0 {} {}" width="100%" role="img" '
        'aria-labelledby="kpi-chart-title kpi-chart-desc" focusable="false">'
        '<title id="kpi-chart-title">{}</title><desc id="kpi-chart-desc">Line chart of the actual figures '
        "(solid blue line, the baseline a hollow point) against the trajectory of targets (dashed grey "
        "steps), {} to {}. The figures "
        'are in the table "{}" beside the chart.</desc>{}</svg>',
        WIDTH,
        HEIGHT,
        title,
        f"{first:%B %Y}",
        f"{last:%B %Y}",
        table_caption,
        format_html_join("", "{}", ((part,) for part in parts)),
    )


def _axes(x, y, top, first: date, last: date, unit: str, labelled=None):
    ticks = [top * Decimal(i) / 4 for i in range(5)]
    suffix = "%" if unit == "percent" else ""
    grid = format_html_join(
        "",
        '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="#b1b4b6" stroke-width="1"/>'
        '<text x="{}" y="{}" text-anchor="end" font-size="12" fill="#0b0c0c">{}{}</text>',
        (
            (
                LEFT,
                WIDTH - RIGHT,
                y(tick),
                y(tick),
                LEFT - 6,
                y(tick) + 4,
                f"{tick.normalize():f}",
                suffix,
            )
            for tick in ticks
        ),
    )
    if labelled:
        points, point_label = labelled
        labels = format_html_join(
            "",
            '<text x="{}" y="{}" text-anchor="middle" font-size="12" fill="#0b0c0c">{}</text>',
            ((x(p.on), HEIGHT - BOTTOM + 18, point_label(p)) for p in points),
        )
        return format_html("{}{}", grid, labels)
    years = range(first.year, last.year + 1)
    labels = format_html_join(
        "",
        '<text x="{}" y="{}" text-anchor="middle" font-size="12" fill="#0b0c0c">{}</text>',
        (
            (x(date(year, 1, 1)), HEIGHT - BOTTOM + 18, year)
            for year in years
            if first <= date(year, 1, 1) <= last
        ),
    )
    if not labels:  # under a year, with no 1 January inside: label the two ends instead
        labels = format_html_join(
            "",
            '<text x="{}" y="{}" text-anchor="{}" font-size="12" fill="#0b0c0c">{}</text>',
            (
                (x(on), HEIGHT - BOTTOM + 18, anchor, f"{on:%b %Y}")
                for on, anchor in ((first, "start"), (last, "end"))
            ),
        )
    return format_html("{}{}", grid, labels)


def _legend(with_baseline: bool):
    base = HEIGHT - 12
    legend = format_html(
        '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}" stroke-width="3"/>'
        '<text x="{}" y="{}" font-size="12" fill="#0b0c0c">Actual</text>'
        '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}" stroke-width="2" stroke-dasharray="6 4"/>'
        '<text x="{}" y="{}" font-size="12" fill="#0b0c0c">Target</text>',
        LEFT,
        LEFT + 24,
        base - 4,
        base - 4,
        ACTUAL_COLOUR,
        LEFT + 30,
        base,
        LEFT + 100,
        LEFT + 124,
        base - 4,
        base - 4,
        TARGET_COLOUR,
        LEFT + 130,
        base,
    )
    if with_baseline:
        legend += format_html(
            '<circle cx="{}" cy="{}" r="5" fill="#ffffff" stroke="{}" stroke-width="2"/>'
            '<text x="{}" y="{}" font-size="12" fill="#0b0c0c">Baseline</text>',
            LEFT + 200,
            base - 4,
            ACTUAL_COLOUR,
            LEFT + 210,
            base,
        )
    return legend
