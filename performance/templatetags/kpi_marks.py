"""A KPI's figure and its rating tag, drawn in Python: the performance page draws three a row for
37 KPIs, and an {% include %} each cost more than the rest of the row. `figure` and `rating` give
the markup the two partials gave, to the newline each file ended with (the space a reader and
the page's text see between a figure and what follows it; performance/tests/test_kpi_marks.py)."""

from django import template
from django.template.defaultfilters import floatformat
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()

NONE_YET = mark_safe('<span class="govuk-hint govuk-!-margin-0">None yet</span>\n')  # noqa: S308 - constant
UNITS = {"percent": "%", "weeks": " weeks"}
RATINGS = {
    "green": ("govuk-tag--green", "Green"),
    "amber": ("govuk-tag--yellow", "Amber"),
    "red": ("govuk-tag--red", "Red"),
}


@register.filter
def figure(value, unit=""):
    """`12.5%`, `6 weeks`, or "None yet" when there is no figure."""
    if value is None:
        return NONE_YET
    return format_html("{}{}\n", floatformat(value, "-1"), UNITS.get(unit, ""))


@register.filter
def rating(rag):
    """The GOV.UK tag of a green, amber or red rating (grey "No target" otherwise)."""
    colour, label = RATINGS.get(rag, ("govuk-tag--grey", "No target"))
    return format_html('<strong class="govuk-tag {}">{}</strong>\n', colour, label)
