"""BRAGG ratings as GOV.UK tags: always the word, with the colour only as a second cue."""

from django import template
from django.utils.html import format_html

from improvement.models import RATING_SHORT

register = template.Library()

TAG_CLASSES = {
    "blue": "govuk-tag--blue",
    "red": "govuk-tag--red",
    "amber": "govuk-tag--orange",
    "green": "govuk-tag--green",
    "grey": "govuk-tag--grey",
    "none": "govuk-tag--grey",
}


@register.simple_tag
def bragg_tag(rating: str, label: str = ""):
    return format_html(
        '<strong class="govuk-tag {} opensend-bragg-{}">{}</strong>',
        TAG_CLASSES.get(rating, "govuk-tag--grey"),
        rating,
        label or RATING_SHORT.get(rating, rating),
    )
