"""Bar charts for the needs analysis, drawn on the server as inline SVG (no JavaScript). Each bar
carries its label and number as text (escaped here, so templates print it with |safe), and the
page prints the same figures in a table beside the chart, which is where screen reader users read
them. Timelines use core.chart."""

from django.utils.html import escape

BAR_HEIGHT = 22
GAP = 8
LABEL_WIDTH = 230
BAR_WIDTH = 320
FILL = "#1d70b8"  # GOV.UK blue
HIGHLIGHT = "#d4351c"  # GOV.UK red: a shortfall


def bars(rows: list[dict], title: str, *, value: str = "total", label: str = "group", chart_id: str) -> str:
    """A horizontal bar chart of `rows[i][value]` labelled by `rows[i][label]`; "" when empty.
    A row with `highlight` set is drawn in red (and its number says so in the table)."""
    if not rows:
        return ""
    biggest = max([abs(row[value]) for row in rows] + [1])
    height = len(rows) * (BAR_HEIGHT + GAP) + GAP
    width = LABEL_WIDTH + BAR_WIDTH + 70
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="{chart_id}-title" '
        f'focusable="false" width="100%" viewBox="0 0 {width} {height}" class="app-chart">',
        f'<title id="{chart_id}-title">{escape(title)}. The table beside the chart gives the figures.'
        "</title>",
    ]
    for index, row in enumerate(rows):
        y = GAP + index * (BAR_HEIGHT + GAP)
        length = max(round(BAR_WIDTH * abs(row[value]) / biggest), 2)
        fill = HIGHLIGHT if row.get("highlight") else FILL
        parts.append(
            f'<text x="0" y="{y + BAR_HEIGHT - 6}" font-family="Arial, sans-serif" font-size="13" '
            f'fill="#0b0c0c">{escape(str(row[label])[:34])}</text>'
        )
        parts.append(
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{length}" height="{BAR_HEIGHT}" fill="{fill}"/>'
        )
        parts.append(
            f'<text x="{LABEL_WIDTH + length + 6}" y="{y + BAR_HEIGHT - 6}" font-family="Arial, '
            f'sans-serif" font-size="13" font-weight="bold" fill="#0b0c0c">{escape(str(row[value]))}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
