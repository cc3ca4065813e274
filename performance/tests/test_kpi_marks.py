"""The KPI figure and rating filters give exactly the markup the partials they replaced gave."""

from decimal import Decimal

import pytest
from django.template import Context, Template

# The partials as they were (performance/_figure.html and performance/_rag.html), each file
# ending in a newline: the whitespace between a figure and the text after it.
FIGURE = (
    '{% if value is None %}<span class="govuk-hint govuk-!-margin-0">None yet</span>{% else %}'
    '{{ value|floatformat:"-1" }}{% if unit == "percent" %}%{% elif unit == "weeks" %} weeks{% endif %}'
    "{% endif %}\n"
)
RAG = (
    "<strong class=\"govuk-tag {% if rag == 'green' %}govuk-tag--green{% elif rag == 'amber' %}"
    "govuk-tag--yellow{% elif rag == 'red' %}govuk-tag--red{% else %}govuk-tag--grey{% endif %}\">"
    "{% if rag == 'green' %}Green{% elif rag == 'amber' %}Amber{% elif rag == 'red' %}Red"
    "{% else %}No target{% endif %}</strong>\n"
)


def _drawn(source, **context):
    return Template("{% load kpi_marks %}" + source).render(Context(context))


@pytest.mark.parametrize("value", [None, 0, 12, 12.5, 12.04, Decimal("97.25"), -3.0, 1234567.8])
@pytest.mark.parametrize("unit", ["percent", "weeks", "count", ""])
def test_figure_is_the_partials_markup(value, unit):
    assert _drawn("{{ value|figure:unit }}", value=value, unit=unit) == _drawn(FIGURE, value=value, unit=unit)


@pytest.mark.parametrize("rag", ["green", "amber", "red", "none", "", None])
def test_rating_is_the_partials_markup(rag):
    assert _drawn("{{ rag|rating }}", rag=rag) == _drawn(RAG, rag=rag)
