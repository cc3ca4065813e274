"""Simple server-side SVG charts for board reports: drawn here so the PDF needs no JavaScript.
Every bar carries its label and number as text, so no reading depends on colour, and the report
always shows the same figures in a table beside the chart."""

from django.utils.html import escape

# BRAGG fills, with text colours that keep 4.5:1 contrast on each.
FILLS = {
    "blue": ("#1d70b8", "#ffffff"),
    "red": ("#d4351c", "#ffffff"),
    "amber": ("#f47738", "#0b0c0c"),
    "green": ("#00703c", "#ffffff"),
    "grey": ("#b1b4b6", "#0b0c0c"),
}
BAR_HEIGHT = 26
GAP = 10
LABEL_WIDTH = 90
BAR_WIDTH = 300


def rating_bars(counts: list[dict], title: str) -> str:
    """A horizontal bar chart of actions by rating. `counts`: [{"rating", "label", "count"}]."""
    biggest = max([row["count"] for row in counts] + [1])
    height = len(counts) * (BAR_HEIGHT + GAP) + GAP
    width = LABEL_WIDTH + BAR_WIDTH + 50
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="chart-title" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}">',
        f'<title id="chart-title">{escape(title)}</title>',
    ]
    for index, row in enumerate(counts):
        y = GAP + index * (BAR_HEIGHT + GAP)
        fill, _ = FILLS[row["rating"]]
        length = round(BAR_WIDTH * row["count"] / biggest)
        parts.append(
            f'<text x="0" y="{y + BAR_HEIGHT - 8}" font-family="Arial, sans-serif" font-size="13" '
            f'fill="#0b0c0c">{escape(row["label"])}</text>'
        )
        parts.append(
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{max(length, 2)}" height="{BAR_HEIGHT}" '
            f'fill="{fill}" stroke="#0b0c0c" stroke-width="1"/>'
        )
        parts.append(
            f'<text x="{LABEL_WIDTH + max(length, 2) + 6}" y="{y + BAR_HEIGHT - 8}" '
            f'font-family="Arial, sans-serif" font-size="13" font-weight="bold" fill="#0b0c0c">'
            f"{row['count']}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)
