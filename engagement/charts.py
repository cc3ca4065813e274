"""A horizontal bar chart of counts, drawn on the server as inline SVG beside its table (the table
is where screen reader users read the numbers; the SVG says so)."""

from django.utils.html import format_html, format_html_join

WIDTH, BAR, GAP, LABEL = 480, 22, 8, 180
COLOUR = "#1d70b8"  # GOV.UK blue


def bar_chart(title: str, rows: list[tuple[str, int | str]], chart_id: str = "chart"):
    """SVG markup for (label, count) rows; a suppressed count (a marker) draws no bar."""
    numbers = [count for _, count in rows if isinstance(count, int)]
    top = max(numbers, default=0) or 1
    height = len(rows) * (BAR + GAP) + GAP
    span = WIDTH - LABEL - 40
    bars = []
    for index, (label, count) in enumerate(rows):
        y = GAP + index * (BAR + GAP)
        width = round(span * count / top) if isinstance(count, int) else 0
        short = label if len(label) <= 24 else label[:23] + "…"
        bars.append(
            (y + BAR * 0.7, short, LABEL, y, width, BAR, COLOUR, LABEL + width + 6, y + BAR * 0.7, count)
        )
    body = format_html_join(
        "",
        '<text x="4" y="{}" font-size="13" fill="#0b0c0c">{}</text>'
        '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"></rect>'
        '<text x="{}" y="{}" font-size="13" fill="#0b0c0c">{}</text>',
        bars,
    )
    return format_html(
        '<svg class="app-chart" role="img" aria-labelledby="{id}-t {id}-d" viewBox="0 0 {w} {h}" '
        'width="100%" preserveAspectRatio="xMinYMin meet" focusable="false">'
        '<title id="{id}-t">{title}</title><desc id="{id}-d">Bar chart of the answers; the table beside it '
        "has the same figures.</desc>{body}</svg>",
        id=chart_id,
        w=WIDTH,
        h=height,
        title=title,
        body=body,
    )
